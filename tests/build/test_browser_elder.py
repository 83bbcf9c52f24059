"""长辈版 (elder mode) and the general ageing-friendly rules, measured in Debian's Chromium at
a 360 × 640 phone screen on the real build of the sample (issue 15).

The browser, the server and the guarded ``page`` come from test_browser.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from tests.build import test_browser
from tests.build.test_browser import ARGS, CHROMIUM

# The same Chromium, server and guarded page as test_browser.py (fixtures are found by name).
browser, server, page = test_browser.browser, test_browser.server, test_browser.page

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
PAGES = {
    "home": "/",
    "village": "/places/huling-datong/",
    "town": "/places/huling/",
    "hotline": "/hotlines/zhengwu-12345/",
    "tour": "/tours/2020-cunshe-r1/",
    "programme": "/programmes/gongxiangshe-xingfuli/",
    "commitment": "/commitments/shangwang-xfys-2023/",
    "list": "/commitments/",
    "places": "/places/",
    "statement": "/accessibility/",
}
#: What a reader taps: buttons, the switch, navigation links, footer links, the first link of a
#: list row, a link alone in a table cell, a row of place links, phone numbers. Links inside
#: running text are left out, as the rules allow.
TARGETS = ", ".join([
    "button", ".md-header__button", ".elder-switch", ".md-nav__link", ".md-footer__link",
    ".md-copyright a", ".md-typeset li > a:first-child", ".md-typeset td > a:only-child",
    ".md-typeset .link-row a", ".md-typeset a[href^='tel:']", ".md-typeset a.call-number",
])
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

#: Every shown element that holds text of its own, with its font size and line height in px.
TEXT_BOXES = """(scope) => {
  const out = [];
  for (const el of document.querySelectorAll(scope + ' *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.print-only, .md-search, .md-sidebar')) continue;
    const s = getComputedStyle(el);
    out.push({tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 30),
              size: parseFloat(s.fontSize),
              line: s.lineHeight === 'normal' ? null : parseFloat(s.lineHeight)});
  }
  return out;
}"""

#: Every target in sight (on screen horizontally, not hidden) with its size in px.
TARGET_BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .map(el => ({el, r: el.getBoundingClientRect()}))
  .filter(({el, r}) => r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                       && !el.closest('.print-only'))
  .map(({el, r}) => ({text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20),
                      cls: String(el.className), w: Math.round(r.width * 10) / 10,
                      h: Math.round(r.height * 10) / 10}))"""


def _elder_on(page, path: str) -> None:
    """Open ``path`` and turn elder mode on the way a reader does: the header switch."""
    page.set_viewport_size(PHONE)
    page.goto(page.base + path)
    page.locator(".elder-switch--on").click()
    assert page.evaluate("document.documentElement.classList.contains('elder')")


def _small_targets(page, minimum: float) -> list[dict]:
    return [t for t in page.evaluate(TARGET_BOXES, TARGETS) if t["w"] < minimum or t["h"] < minimum]


def _open_drawer(page) -> None:
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary .md-nav__link").first.wait_for()
    page.wait_for_timeout(300)  # normal mode slides the drawer in (elder mode has no transition)


def test_elder_mode_is_one_column_on_a_wide_screen(page) -> None:
    """At 1280 px Material puts the navigation in a column beside the text: in elder mode it
    becomes a row of links above the text, and the table of contents is gone."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(page.base + "/places/huling-datong/#elder")
    nav = page.locator(".md-sidebar--primary").bounding_box()
    article = page.locator("article").bounding_box()
    assert nav["y"] + nav["height"] <= article["y"], (nav, article)
    assert not page.locator(".md-sidebar--secondary").is_visible()
    links = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")
    assert links.count() >= 5 and all(link.is_visible() for link in links.all())
    assert _small_targets(page, 60) == []


# The switch and its memory ------------------------------------------------------------------


def test_switch_is_in_the_header_without_opening_a_menu(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/places/huling-datong/")
    switch = page.locator(".elder-switch--on")
    assert switch.is_visible() and switch.inner_text() == "长辈版"
    box, header = switch.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    assert box["x"] + box["width"] <= PHONE["width"]
    assert not page.locator(".elder-switch--off").is_visible()


def test_elder_mode_survives_navigation_and_can_be_left(page) -> None:
    _elder_on(page, "/")
    body = "getComputedStyle(document.querySelector('article > p:not(.local-preview)')).fontSize"
    assert page.evaluate(body) == "22px"
    page.locator(".md-typeset .link-row a", has_text="湖岭镇").click()  # a link, not a goto
    page.wait_for_url("**/places/huling/")
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    assert page.evaluate("localStorage.getItem('elder-mode')") == "on"
    assert page.evaluate(body) == "22px"
    page.goto(page.base + "/hotlines/zhengwu-12345/")
    assert page.locator(".elder-switch--off").is_visible()
    page.locator(".elder-switch--off").click()
    assert not page.evaluate("document.documentElement.classList.contains('elder')")
    # The focus moves to the switch that replaced the clicked one, not to the page's start.
    assert page.evaluate("document.activeElement.dataset.elder") == "on"
    page.goto(page.base + "/")
    assert not page.evaluate("document.documentElement.classList.contains('elder')")
    assert page.evaluate(body) == "18px"


def test_elder_mode_without_javascript(browser, server) -> None:
    """Without scripts the switch is a link to #elder: the CSS turns the mode on by :target."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(server + "/places/huling-datong/")
        body = "getComputedStyle(document.querySelector('.md-typeset')).fontSize"
        assert page.evaluate(body) == "18px"
        page.locator(".elder-switch--on").click()
        assert page.url.endswith("#elder")
        assert page.evaluate(body) == "22px"
        number = page.locator(".call-card a.call-number").first
        assert float(number.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 32
        assert page.locator(".elder-switch--off").is_visible()
        page.locator(".elder-switch--off").click()
        assert page.evaluate(body) == "18px"
    finally:
        context.close()


# Elder mode: type, spacing, targets, motion, axe ----------------------------------------------


@pytest.mark.parametrize("name", sorted(PAGES))
def test_elder_text_is_large_with_room_between_lines(page, name: str) -> None:
    _elder_on(page, PAGES[name])
    boxes = page.evaluate(TEXT_BOXES, "article")
    assert boxes, "no text found"
    small = [b for b in boxes if b["size"] < 18]
    assert small == [], f"{name}: text under 18 px in elder mode: {small[:5]}"
    tight = [b for b in boxes if b["line"] is None or b["line"] < 1.3 * b["size"] - 0.01]
    assert tight == [], f"{name}: line height under 1.3 × font size: {tight[:5]}"
    sizes = page.evaluate("""() => ['p', 'h1', 'h2'].map(t => document.querySelector('article ' + t))
                               .map(e => e ? parseFloat(getComputedStyle(e).fontSize) : null)""")
    body, h1, h2 = sizes
    assert body >= 20 and h1 > body and (h2 is None or body < h2 < h1), sizes


@pytest.mark.parametrize("name", ["home", "village", "tour", "programme", "statement"])
def test_elder_paragraph_spacing(page, name: str) -> None:
    """The gap from a paragraph to the next block of text (paragraph, list, table, card)."""
    _elder_on(page, PAGES[name])
    gaps = page.evaluate("""() => [...document.querySelectorAll('article > p')]
      .map(p => [p, p.nextElementSibling])
      .filter(([p, next]) => next && next.matches('p, ul, ol, div') && p.checkVisibility()
                             && next.checkVisibility())
      .map(([p, next]) => ({text: p.textContent.trim().slice(0, 20),
                  gap: next.getBoundingClientRect().top - p.getBoundingClientRect().bottom,
                  line: parseFloat(getComputedStyle(p).lineHeight)}))""")
    assert gaps, f"{name}: no paragraph followed by another block"
    narrow = [g for g in gaps if g["gap"] < 1.3 * g["line"] - 0.5]
    assert narrow == [], f"{name}: paragraph spacing under 1.3 × line height: {narrow}"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_elder_targets_are_60px(page, name: str) -> None:
    _elder_on(page, PAGES[name])
    assert len(page.evaluate(TARGET_BOXES, TARGETS)) >= 4
    small = _small_targets(page, 60)
    assert small == [], f"{name}: targets under 60 × 60 px: {small[:8]}"
    _open_drawer(page)
    links = page.evaluate(TARGET_BOXES, ".md-nav--primary .md-nav__link, .md-nav__title")
    assert len(links) >= 8, links
    small = [t for t in links if t["w"] < 60 or t["h"] < 60]
    assert small == [], f"{name}: navigation targets under 60 × 60 px: {small[:8]}"


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_back_to_top_button_is_large_enough(page, elder: bool) -> None:
    """Material's 回到页面顶部 button appears when the reader scrolls back up."""
    if elder:
        _elder_on(page, "/commitments/")
    else:
        page.set_viewport_size(PHONE)
        page.goto(page.base + "/commitments/")
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    button = page.locator(".md-top")
    button.wait_for(state="visible")
    page.wait_for_timeout(400)  # normal mode fades it in
    box = button.bounding_box()
    minimum = 60 if elder else 44
    assert box["width"] >= minimum and box["height"] >= minimum, box


def test_elder_mode_has_no_animation(page) -> None:
    _elder_on(page, "/places/huling-datong/")
    moving = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(el =>
      [null, '::before', '::after'].map(pseudo => {
        const s = getComputedStyle(el, pseudo);
        const still = s.animationName === 'none'
          && s.transitionDuration.split(',').every(d => parseFloat(d) === 0);
        return still ? null : el.tagName + (pseudo || '') + '.' + el.className;
      })).filter(Boolean)""")
    assert moving == [], moving[:10]
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


@pytest.mark.parametrize("name", ["home", "village", "hotline", "tour", "programme", "list", "statement"])
def test_elder_mode_axe_clean(page, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    _elder_on(page, PAGES[name])
    results = Axe().run(page, options=WCAG_AA)
    assert results.response["violations"] == [], results.generate_report()


@pytest.mark.parametrize("name", ["village", "hotline"])
def test_elder_phone_number_first_with_a_call_button(page, name: str) -> None:
    _elder_on(page, PAGES[name])
    card = page.locator(".call-card:has(a.call-number)").first  # the first line one can call
    number = card.locator("a.call-number")
    assert number.get_attribute("href") == "tel:12345"
    # Right under the title: above everything else on the page.
    top = card.bounding_box()["y"]
    h1 = page.locator("article h1").bounding_box()
    assert h1["y"] + h1["height"] <= top
    others = page.evaluate("""() => [...document.querySelector('article').children]
      .filter(e => !e.matches('h1, .call-cards, .call-card') && e.checkVisibility())
      .map(e => e.getBoundingClientRect().top)""")
    assert others and min(others) > top
    size = float(number.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert size >= 32, size
    box = number.bounding_box()
    assert box["width"] >= 60 and box["height"] >= 60
    assert "拨打" in number.evaluate("e => getComputedStyle(e, '::before').content")
    assert box["y"] + box["height"] <= PHONE["height"], "the call button is below the first screen"


# Everyone: line height, targets, focus, words for every state, language, read aloud -----------


@pytest.mark.parametrize("name", sorted(PAGES))
def test_line_height_and_targets_outside_elder_mode(page, name: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page.base + PAGES[name])
    boxes = page.evaluate(TEXT_BOXES, "body")
    tight = [b for b in boxes if b["line"] is None or b["line"] < 1.3 * b["size"] - 0.01]
    assert tight == [], f"{name}: line height under 1.3 × font size: {tight[:5]}"
    small = _small_targets(page, 44)
    assert small == [], f"{name}: targets under 44 × 44 px: {small[:8]}"
    _open_drawer(page)
    links = page.evaluate(TARGET_BOXES, ".md-nav--primary .md-nav__link, .md-nav__title")
    small = [t for t in links if t["w"] < 44 or t["h"] < 44]
    assert len(links) >= 8 and small == [], small[:8]


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_focus_is_always_visible(page, elder: bool) -> None:
    if elder:
        _elder_on(page, "/places/huling-datong/")
        page.evaluate("document.activeElement.blur()")
    else:
        page.set_viewport_size(PHONE)
        page.goto(page.base + "/places/huling-datong/")
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
          return {tag: e.tagName, text: (e.textContent || '').trim().slice(0, 15),
                  outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                  shadow: s.boxShadow !== 'none'}; }""")
        if state["tag"] == "BODY":
            continue
        seen.append(state)
    assert len(seen) >= 15
    hidden = [s for s in seen if not (s["outline"] and s["shadow"])]
    assert hidden == [], hidden


@pytest.mark.parametrize("name", ["village", "town", "hotline", "tour", "commitment"])
def test_every_state_has_words(page, name: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(page.base + PAGES[name])
    states = page.evaluate("""() => [...document.querySelectorAll('.badge, .open-now, .call-card')]
      .map(e => ({cls: e.className, text: (e.classList.contains('call-card')
                  ? e.querySelector('.call-status').textContent : e.textContent).trim()}))""")
    assert states, f"{name}: no state shown"
    assert [s for s in states if not re.search(r"[\u4e00-\u9fff]", s["text"])] == []


def test_page_language_is_zh_cn(page) -> None:
    for path in ("/", "/places/huling-datong/", "/404.html"):
        page.goto(page.base + path)
        assert page.evaluate("document.documentElement.lang") == "zh-CN", path


def test_progress_bars_and_charts_read_aloud(page) -> None:
    """Bars carry their figure as a label and as text; a chart's image points to its table."""
    page.goto(page.base + PAGES["home"])
    bars = page.evaluate("""() => [...document.querySelectorAll('.bar')].map(b =>
      ({label: b.getAttribute('aria-label'), role: b.getAttribute('role'),
        after: (b.nextSibling && b.nextSibling.textContent || '').trim()}))""")
    assert bars
    for bar in bars:
        figure = re.search(r"\d+(\.\d+)?%", bar["label"]).group()
        assert bar["role"] == "img" and bar["after"].startswith(figure), bar
    page.goto(page.base + PAGES["programme"])
    charts = page.locator("img.chart")
    assert charts.count() >= 1
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert "见下表" in chart.get_attribute("alt")
        table = chart.evaluate("""img => { let e = img.closest('p') || img;
          while (e && !e.querySelector('table') && e.tagName !== 'TABLE') e = e.nextElementSibling;
          return e ? e.textContent : null; }""")
        assert table and re.search(r"\d", table), "no table of the chart's numbers after it"


def test_statement_page_linked_from_every_footer(page) -> None:
    for path in ("/", "/places/huling-datong/", "/tours/2020-cunshe-r1/"):
        page.goto(page.base + path)
        link = page.locator(".md-footer a.md-copyright__a11y")
        assert link.inner_text() == "无障碍与长辈版说明"
    link.click()
    page.wait_for_url("**/accessibility/")
    text = page.locator("article").inner_text()
    assert "长辈版" in text and "标准版" in text and "12345" in text and "#elder" in text


# 200 % text size -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_text(tmp_path_factory, browser) -> Iterator:
    """A Chromium whose font-size setting is 32 px instead of 16 px: the browser's own text size
    at 200 % (chrome://settings/fonts), which scales every rem and em of the page as a reader's
    setting does, unlike page zoom, which would also widen the layout viewport."""
    profile = tmp_path_factory.mktemp("big-text")
    (profile / "Default").mkdir()
    (profile / "Default" / "Preferences").write_text(
        json.dumps({"webkit": {"webprefs": {"default_font_size": 32}}}))
    # The running Playwright's Chromium: a second sync_playwright() cannot start beside it.
    context = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=ARGS, viewport=PHONE, locale="zh-CN")
    yield context
    context.close()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("name", ["home", "village", "hotline", "tour", "programme"])
def test_200_percent_text_without_horizontal_scroll(big_text, server, name: str, elder: bool) -> None:
    page = big_text.new_page()
    try:
        page.goto(server + PAGES[name])
        page.evaluate("localStorage.clear()")  # the profile is shared: start in standard mode
        page.reload()
        if elder:
            page.locator(".elder-switch--on").click()
        root = page.evaluate("getComputedStyle(document.documentElement).fontSize")
        assert root == "40px", root  # Material's 125 % of the browser's 32 px
        # Nothing sticks out of the screen either, except inside a table's own scroll box.
        out = page.evaluate("""() => [...document.querySelectorAll('article *, .md-header *')]
          .filter(e => e.checkVisibility() && !e.closest('.md-typeset__scrollwrap, .md-typeset__table'))
          .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
          .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 20))""")
        assert out == [], f"{name}: cut off at 200 % text: {out[:5]}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name}: page is {width}px wide at 200 % text"
    finally:
        page.close()
