"""Phones, print and accessibility, in a real browser (Debian's Chromium through Playwright).

Two builds of the sample data: the session's (as of 2023-12-31: every tour closed, only the
standing lines in service) and one as of 2020-05-11, while the 2020 tour accepts reports.
Pages are looked at with the browser's clock set to the build's day, so the status script
agrees with the build.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from lxml import html as lxml_html

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset

from ..conftest import SAMPLE_AS_OF, SAMPLE_DATA, build_project
from .test_browser import browser  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.browser
TOUR_DAY = "2020-05-11"  # the 2020 tour accepts reports
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
PHONE = {"width": 360, "height": 640}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def tour_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("tour-open"), SAMPLE_DATA, TOUR_DAY)


def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def closed_url(sample_site: Path) -> Iterator[str]:
    yield from _serve(sample_site)


@pytest.fixture(scope="module")
def open_url(tour_site: Path) -> Iterator[str]:
    yield from _serve(tour_site)


def _context(browser, day: str, scheme: str = "light", viewport: dict | None = None):  # noqa: F811
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", color_scheme=scheme,
                                  viewport=viewport or PHONE)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(day).replace(hour=9, tzinfo=SHANGHAI))
    return context, page


@pytest.fixture
def phone(browser, open_url):  # noqa: F811
    """A 360 × 640 phone on the day the tour accepts reports."""
    context, page = _context(browser, TOUR_DAY)
    page.base = open_url
    yield page
    context.close()


# Numbers, dates and short labels at 360 px ------------------------------------------------------

WHOLE = 'a[href^="tel:"], .call-number, .call-hours .slot, .time-range, time, .badge, .open-now'
ONE_LINE = """sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null).map(e => {
  const rects = e.getClientRects(), style = getComputedStyle(e), size = parseFloat(style.fontSize);
  const line = parseFloat(style.lineHeight) || 1.2 * size;
  return {text: e.textContent, lines: rects.length, height: rects.length ? rects[0].height : 0, size, line};
})"""


@pytest.mark.parametrize("path", ["/", "/places/huling-datong/", "/places/huling/", "/hotlines/",
                                  "/hotlines/xcz-1-2020/", "/tours/2020-cunshe-r1/", "/tours/",
                                  "/commitments/shangwang-xfys-2023/"])
def test_numbers_dates_and_labels_stay_on_one_line(phone, path: str) -> None:
    phone.goto(phone.base + path)
    found = phone.evaluate(ONE_LINE, WHOLE)
    assert found, f"{path}: no number, date or label to look at"
    # One box no taller than one line (a tap target may be taller than the text: 44 px, but
    # a second line would double the line height).
    split = [f for f in found if f["lines"] != 1 or f["height"] >= 1.9 * max(f["line"], f["size"])]
    assert split == [], f"{path}: split across lines at 360 px: {split}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, f"{path} scrolls sideways"


def test_long_prose_still_wraps(phone) -> None:
    phone.goto(phone.base + "/tours/2020-cunshe-r1/")
    heights = phone.evaluate("""[...document.querySelectorAll('.md-typeset p')]
        .map(p => p.getClientRects()[0]?.height / parseFloat(getComputedStyle(p).lineHeight))""")
    assert max(heights) >= 3, "no paragraph wraps onto several lines: prose is not wrapping"


# Wide tables ----------------------------------------------------------------------------------

def _edge_darkness(page, wrap, side: str) -> float:
    """Mean darkness (0 white … 255 black) of a 3 px strip at one edge of the table's frame."""
    from PIL import Image, ImageStat

    box = wrap.bounding_box()
    x = box["x"] + (box["width"] - 4 if side == "right" else 1)
    shot = page.screenshot(clip={"x": x, "y": box["y"] + 2, "width": 3, "height": box["height"] - 4})
    return 255 - ImageStat.Stat(Image.open(io.BytesIO(shot)).convert("L")).mean[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_wide_table_shows_a_scroll_shadow_and_takes_focus(browser, closed_url, scheme: str) -> None:  # noqa: F811
    context, page = _context(browser, SAMPLE_AS_OF, scheme)
    page.goto(closed_url + "/guide/tours/")
    wraps = page.locator(".md-typeset__scrollwrap")
    wide = [w for w in wraps.all() if w.evaluate("w => w.scrollWidth > w.clientWidth + 1")]
    assert wide, "no table wider than a 360 px screen on the guide page"
    wrap = wide[0]
    wrap.scroll_into_view_if_needed()
    assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
    at_start = (_edge_darkness(page, wrap, "left"), _edge_darkness(page, wrap, "right"))
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth }")
    at_end = (_edge_darkness(page, wrap, "left"), _edge_darkness(page, wrap, "right"))
    context.close()
    sign = 1 if scheme == "light" else -1  # dark scheme: a light glow on a dark page
    # More to the right at the start: a shadow on the right edge; once scrolled to the end, on
    # the left edge instead.
    assert (at_start[1] - at_end[1]) * sign > 6, (at_start, at_end)
    assert (at_end[0] - at_start[0]) * sign > 6, (at_start, at_end)


# Keyboard at 360 px ---------------------------------------------------------------------------

# Seen once its transitions (the skip link fades in on focus) have finished.
FOCUSED = """async () => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const r = e.getBoundingClientRect();
  const seen = e.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
    && r.bottom > 0 && r.top < innerHeight;
  const where = e.getAttribute('href') || e.getAttribute('for') || '';
  return {seen, what: e.tagName + '.' + e.className + ' ' + where};
}"""


@pytest.mark.parametrize("path", ["/", "/places/huling-datong/", "/guide/tours/"])
def test_tabbing_at_360px_never_lands_on_something_hidden(phone, path: str) -> None:
    phone.goto(phone.base + path)
    stops, hidden = [], []
    for _ in range(150):
        phone.keyboard.press("Tab")
        focused = phone.evaluate(FOCUSED)
        if focused is None or (stops and focused["what"] == stops[0]):
            break
        stops.append(focused["what"])
        if not focused["seen"]:
            hidden.append(focused["what"])
    assert len(stops) > 5, stops
    assert hidden == [], f"{path}: focus on invisible elements: {hidden}"
    assert any("__drawer" in s for s in stops), "the menu button is not reachable by keyboard"


def test_the_menu_opens_from_the_keyboard_and_its_links_take_focus(phone) -> None:
    phone.goto(phone.base + "/")
    phone.locator('label.md-header__button[for="__drawer"]').first.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_function("document.getElementById('__drawer').checked")
    nav = phone.locator(".md-sidebar--primary a.md-nav__link").first
    nav.focus()
    phone.wait_for_timeout(400)  # the drawer slides in
    assert phone.evaluate(FOCUSED)["seen"]


# Dark mode ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_colour_scheme_follows_the_system(browser, closed_url, scheme: str, palette: str) -> None:  # noqa: F811
    context, page = _context(browser, SAMPLE_AS_OF, scheme)
    page.goto(closed_url + "/")
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{palette}'")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    brightness = sum(int(c) for c in re.findall(r"\d+", background)[:3])
    assert (brightness < 200) == (scheme == "dark"), background


# The home page --------------------------------------------------------------------------------

def test_home_shows_a_number_to_call_when_no_tour_is_open(browser, closed_url) -> None:  # noqa: F811
    context, page = _context(browser, SAMPLE_AS_OF)
    page.goto(closed_url + "/")
    card = page.locator('.call-card[data-state="open"]').filter(
        has=page.locator('a.call-number[href="tel:12345"]'))
    assert card.count() == 1 and card.is_visible()
    assert "全天接听" in card.locator(".call-status").inner_text()
    assert "目前没有正在受理或即将开始的巡察" in page.locator("article").inner_text()
    context.close()


def test_home_shows_the_groups_while_a_tour_is_open(phone) -> None:
    phone.goto(phone.base + "/")
    numbers = phone.locator('.call-card[data-state="open"] a.call-number').all_inner_texts()
    groups = {"17857082965", "17857082935", "17857082989", "13967707927", "18757735302"}
    assert groups | {"12345"} <= set(numbers)


def test_village_finder_is_above_the_fold_on_360_by_640(phone) -> None:
    phone.goto(phone.base + "/")
    heading = phone.locator("h2", has_text="找到你的村社")
    links = phone.locator("article .finder a")
    assert links.count() >= 10
    bottoms = [heading.bounding_box()["y"]] + [b["y"] + b["height"] for b in
                                               (link.bounding_box() for link in links.all())]
    assert max(bottoms) <= 640, f"the finder ends at {max(bottoms)}px"


# Hotlines -------------------------------------------------------------------------------------

def test_hotlines_page_lists_lines_in_service_first_as_cards(browser, closed_url) -> None:  # noqa: F811
    context, page = _context(browser, SAMPLE_AS_OF)
    page.goto(closed_url + "/hotlines/")
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("在用的热线") and headings[-1].startswith("已停用的热线"), headings
    first = page.locator(".call-card").first
    assert first.get_attribute("data-state") == "open"
    in_service = page.locator('.call-card[data-state="open"] a.call-number').all_inner_texts()
    assert "12345" in in_service
    # The closed lines are folded: hidden until the reader opens them, and never links.
    closed = page.locator('.closed-lines .call-card[data-state="closed"]')
    assert closed.count() == 5 and not closed.first.is_visible()
    assert page.locator('.closed-lines a[href^="tel:"]').count() == 0
    page.locator(".closed-lines summary").click()
    assert closed.first.is_visible() and "已停用" in closed.first.inner_text()
    # Large number, hours on one line, a card no wider than the screen.
    sizes = first.evaluate("""c => [c.querySelector('.call-number'), c.querySelector('.call-name')]
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes[0] >= 1.4 * sizes[1], sizes
    for card in page.locator(".call-card").all():
        if card.is_visible():
            assert card.locator(".call-hours").evaluate("e => e.getClientRects().length") == 1
            assert card.bounding_box()["width"] <= 360
    context.close()


def _in_service(data: Path, day: dt.date) -> set[str]:
    """Digits of every number in service on ``day``, from the records themselves."""
    report = ErrorReport()
    dataset = load_dataset(data, day, report)
    assert dataset is not None and not report.errors
    numbers = set()
    for h in dataset.all("hotline"):
        if (not h.valid_from or h.valid_from <= day) and (not h.valid_to or day <= h.valid_to):
            numbers.update(re.sub(r"\D", "", c.number) for c in h.channels if c.dialable)
    for t in dataset.all("tour"):
        if t.start <= day <= t.deadline:
            numbers.update(re.sub(r"\D", "", c.number) for g in t.groups for c in g.channels
                           if c.dialable)
    return numbers


@pytest.mark.parametrize("which", ["closed", "open"])
def test_no_tel_link_to_a_line_out_of_service_on_any_page(request, which: str) -> None:
    site, day = ((request.getfixturevalue("sample_site"), SAMPLE_AS_OF) if which == "closed"
                 else (request.getfixturevalue("tour_site"), TOUR_DAY))
    allowed = _in_service(SAMPLE_DATA, dt.date.fromisoformat(day))
    dialled, wrong = set(), []
    for page in site.rglob("*.html"):
        for href in lxml_html.parse(str(page)).xpath('//a[starts-with(@href, "tel:")]/@href'):
            dialled.add(href[4:])
            if href[4:] not in allowed:
                wrong.append(f"{page.relative_to(site)}: {href}")
    assert wrong == []
    assert dialled, "no tel: link at all"
    if which == "closed":  # every tour is over: its groups' numbers are text, not links
        assert "12345" in dialled and "17857082965" not in dialled
        village = (site / "places/huling-datong/index.html").read_text()
        assert "17857082965" in village  # still shown, as text
    else:
        assert "17857082965" in dialled


# Town, village and hotline pages ---------------------------------------------------------------

def test_every_village_town_and_hotline_page_says_as_of_which_day(sample_site: Path) -> None:
    pages = [*sample_site.glob("places/*/index.html"), *sample_site.glob("hotlines/*/index.html")]
    assert len(pages) > 60
    missing = [str(p.relative_to(sample_site)) for p in pages
               if "状态截至 <time datetime=\"2023-12-31\">" not in p.read_text()]
    assert missing == []


def test_town_page_lists_the_tours_of_its_villages_and_links_its_calendar(
        browser, closed_url, sample_site) -> None:  # noqa: F811
    context, page = _context(browser, SAMPLE_AS_OF)
    page.goto(closed_url + "/places/huling/")
    article = page.locator("article")
    assert article.locator('a[href$="tours/2020-cunshe-r1/"]').count() == 1
    covered = article.locator(".call-card").locator("xpath=following-sibling::p[1]").first
    assert "大同村" in covered.inner_text()
    ics = article.locator('a[href$="feeds/places/huling.ics"]')
    assert ics.count() == 1
    context.close()
    assert (sample_site / "feeds/places/huling.ics").is_file()


def _descriptions(path: Path) -> str:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return "\n".join(str(e.get("description")) for e in cal.walk("VEVENT"))


def test_a_village_calendar_carries_only_its_own_groups_number(sample_site: Path) -> None:
    village = _descriptions(sample_site / "feeds/places/huling-datong.ics")
    assert "17857082965" in village
    others = {"17857082935", "17857082989", "13967707927", "18757735302"}
    assert not others & set(re.findall(r"\d{11}", village))
    everything = _descriptions(sample_site / "feeds/tours.ics")
    assert {"17857082965", "17857082935", "18757735302"} <= set(re.findall(r"\d{11}", everything))


# The printed notice ---------------------------------------------------------------------------

def _pdf_pages(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    """(page count, text) read by poppler's pdfinfo and pdftotext."""
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)), text


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed (.ci/run installs it)")
def test_printed_village_notice_fits_one_a4_page(phone, tmp_path: Path) -> None:
    phone.goto(phone.base + "/places/huling-datong/")
    phone.emulate_media(media="print")
    number = phone.locator(".call-card .call-number", has_text="17857082965").first
    assert float(number.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 32  # 24pt
    assert phone.locator(".print-qr img").evaluate("img => img.complete && img.naturalWidth > 0")
    pages, text = _pdf_pages(phone.pdf(format="A4"), tmp_path)
    assert pages == 1, f"the notice takes {pages} pages"
    flat = re.sub(r"\s+", "", text)
    for wanted in ("大同村", "市委第一农村专项巡察组", "17857082965", "受理截止2020年6月15日",
                   "扫码查看最新状态"):
        assert wanted in flat, wanted
    assert "承诺事项" not in flat  # the rest of the page stays on screen


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed (.ci/run installs it)")
def test_every_village_and_town_notice_fits_one_page(phone, tour_site: Path, tmp_path: Path) -> None:
    phone.emulate_media(media="print")
    report = ErrorReport()
    dataset = load_dataset(SAMPLE_DATA, dt.date.fromisoformat(TOUR_DAY), report)
    counties = {p.id for p in dataset.all("place") if not p.parent}  # a list, not a notice
    too_long = []
    for index in sorted(tour_site.glob("places/*/index.html")):
        place = index.parent.name
        if place in counties:
            continue
        phone.goto(f"{phone.base}/places/{place}/")
        pages, _ = _pdf_pages(phone.pdf(format="A4"), tmp_path)
        if pages != 1:
            too_long.append((place, pages))
    assert too_long == []


# Search loads its index only when opened ------------------------------------------------------

def test_search_index_is_fetched_only_when_search_is_opened(phone) -> None:
    from playwright.sync_api import expect

    requested: list[str] = []
    phone.on("request", lambda r: requested.append(r.url))
    phone.goto(phone.base + "/places/huling-datong/")
    phone.wait_for_load_state("networkidle")
    phone.wait_for_timeout(500)
    assert not [u for u in requested if "search_index.json" in u], "index fetched on page view"
    with phone.expect_request(lambda r: "search_index.json" in r.url):
        phone.locator('label.md-header__button[for="__search"]').click()
    expect(phone.locator(".md-search-result__meta")).to_have_text("键入以开始搜索", timeout=90000)
    box = phone.locator("input.md-search__input")
    box.fill("大同村")
    box.press("End")
    phone.locator(".md-search-result__item").first.wait_for(timeout=30000)
    assert "大同村" in phone.locator(".md-search-result__item").first.inner_text().replace("\u200b", "")


# Accessibility: every template, phone and desktop, light and dark ---------------------------------

TEMPLATES = {
    "home": "/",
    "tour_list": "/tours/",
    "commitment_list": "/commitments/",
    "hotline_list": "/hotlines/",
    "place_list": "/places/",
    "quarter_list": "/quarters/",
    "village": "/places/huling-datong/",
    "town": "/places/huling/",
    "tour": "/tours/2020-cunshe-r1/",
    "hotline": "/hotlines/xcz-1-2020/",
    "commitment": "/commitments/shangwang-xfys-2023/",
    "programme": "/programmes/gongxiangshe-xingfuli/",
    "result": "/results/xingfuli-2023-q2/",
    "quarter": "/quarters/2023-q2/",
    "unit": "/units/xcz-1/",
    "guide": "/guide/tours/",
    "downloads": "/downloads/",
    "about": "/about/",
}


#: WCAG 2.1 A and AA, plus two best-practice rules the site once failed: a name for Material's
#: search dialog, and no skipped heading level.
AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
       "rules": {"aria-dialog-name": {"enabled": True}, "heading-order": {"enabled": True}}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_wcag_violations(browser, closed_url, width: int, scheme: str) -> None:  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    context, page = _context(browser, SAMPLE_AS_OF, scheme, {"width": width, "height": 800})
    axe, reports = Axe(), []
    for name, path in TEMPLATES.items():
        page.goto(closed_url + path)
        results = axe.run(page, options=AXE)
        if results.response["violations"]:
            reports.append(f"{name} ({path}):\n{results.generate_report()}")
    context.close()
    assert reports == [], "\n".join(reports)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_axe_passes_with_search_open(browser, closed_url, width: int, scheme: str) -> None:  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    context, page = _context(browser, SAMPLE_AS_OF, scheme, {"width": width, "height": 800})
    page.goto(closed_url + "/")
    opener = "input.md-search__input" if width > 960 else 'label.md-header__button[for="__search"]'
    page.locator(opener).click()
    meta = page.locator(".md-search-result__meta")
    # While the index loads, and once it is ready: both states of the meta line are checked.
    first = Axe().run(page, options=AXE)
    expect(meta).to_have_text("键入以开始搜索", timeout=90000)
    page.locator("input.md-search__input").fill("巡察")
    page.locator("input.md-search__input").press("End")
    expect(meta).to_contain_text("个符合条件的结果", timeout=30000)
    results = Axe().run(page, options=AXE)
    context.close()
    assert first.response["violations"] == [], first.generate_report()
    assert results.response["violations"] == [], results.generate_report()
