"""The built sample site in a real browser: Playwright driving Debian's Chromium on 127.0.0.1.

Without Chromium these tests skip with a message, except in CI (REQUIRE_BROWSER=1), where a
browser that cannot start fails the run.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(sample_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright().start()
        browser = manager.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    except Exception as exc:  # no Chromium on this machine, or it cannot start
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise
        pytest.skip(f"Chromium not available ({exc.__class__.__name__}); install Debian's chromium")
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    outside: list[str] = []

    def guard(route) -> None:
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", None):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.base = server
    yield page
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"


PAGES = {
    "home": "/",
    "tour": "/tours/2020-cunshe-r1/",
    "village": "/places/huling-datong/",
    "town": "/places/huling/",
    "commitment": "/commitments/shangwang-xfys-2023/",
    "hotline": "/hotlines/xcz-1-2020/",
    "programme": "/programmes/gongxiangshe-xingfuli/",
    "result": "/results/xingfuli-2023-q2/",
    "quarter": "/quarters/2023-q2/",
    "list": "/commitments/",
    "guide": "/guide/tours/",
    "about": "/about/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_360px_wide_without_horizontal_scrolling(page, name: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name}: page is {width}px wide"


@pytest.mark.parametrize(
    ("moment", "badge", "hotline"),
    [
        (dt.datetime(2020, 5, 11, 9, 0, tzinfo=SHANGHAI), "正在受理", "现在接听，至 11:30"),
        (dt.datetime(2020, 5, 10, 9, 0, tzinfo=SHANGHAI), "正在受理", "现在不在接听时间"),
        (dt.datetime(2020, 4, 1, 9, 0, tzinfo=SHANGHAI), "即将开始", "已停用"),
        (dt.datetime(2023, 12, 31, 9, 0, tzinfo=SHANGHAI), "已结束", "已停用"),
    ],
)
def test_status_script_uses_the_visitors_date(page, moment, badge: str, hotline: str) -> None:
    page.clock.set_fixed_time(moment)
    page.goto(page.base + "/hotlines/xcz-1-2020/")
    assert page.locator(".open-now").first.inner_text() == hotline
    page.goto(page.base + "/tours/2020-cunshe-r1/")
    assert page.locator("[data-tour-start]").first.inner_text() == badge


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 工作日 slots follow the State Council's table in data/site.yaml.
        (dt.datetime(2025, 10, 9, 9, 0, tzinfo=SHANGHAI), "现在接听，至 12:00"),       # a Thursday
        (dt.datetime(2025, 10, 8, 9, 0, tzinfo=SHANGHAI), "现在不在接听时间"),        # 国庆, a Wednesday
        (dt.datetime(2025, 9, 28, 9, 0, tzinfo=SHANGHAI), "现在接听，至 12:00"),       # 调休, a Sunday
        (dt.datetime(2025, 10, 11, 15, 0, tzinfo=SHANGHAI), "现在接听，至 17:30"),     # 调休, a Saturday
        (dt.datetime(2025, 10, 12, 9, 0, tzinfo=SHANGHAI), "现在不在接听时间"),       # an ordinary Sunday
        (dt.datetime(2027, 3, 3, 9, 0, tzinfo=SHANGHAI), "节假日安排未登记，无法判断现在是否接听"),
    ],
)
def test_answered_now_follows_the_holiday_table(page, moment, expected: str) -> None:
    page.clock.set_fixed_time(moment)
    page.goto(page.base + "/hotlines/shili-minshengban/")
    assert page.locator(".open-now").first.inner_text() == expected


def test_unknown_hours_are_never_open_now(page) -> None:
    """The sixth-round tour published no hours: its places say so, whatever the clock."""
    page.clock.set_fixed_time(dt.datetime(2024, 11, 6, 10, 0, tzinfo=SHANGHAI))
    page.goto(page.base + "/tours/yangli-2024-r6/")
    text = page.locator("article").inner_text()
    assert "接听时间未公布" in text and "受理时间未公布" in text
    assert "现在接听" not in text


def test_readable_without_javascript(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/tours/2020-cunshe-r1/")
    text = page.locator("article").inner_text()
    assert "2020年第一轮村社巡察" in text and "17857082965" in text and "已结束" in text
    context.close()


@pytest.mark.parametrize("query", ["大同村", "17857082965", "黎明村新建停车场"])
def test_search_finds_villages_numbers_and_titles(page, query: str) -> None:
    from playwright.sync_api import expect

    page.goto(page.base + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # The worker builds the index first (slow on a busy machine); Material replaces
    # "正在初始化搜索引擎" with "键入以开始搜索" when it is ready. Typing earlier can be lost.
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text("键入以开始搜索", timeout=90000)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup, which fill() does not send
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)
    # Material shows the segmenter's word breaks as zero-width spaces.
    first = results.first.inner_text().replace("\u200b", "")
    assert query in first, first


# axe over every template, 360 and 1280 px, light and dark: tests/test_browser_phone.py.


@pytest.mark.parametrize("path", ["/tours/2020-cunshe-r1/", "/places/huling-datong/"])
def test_print_stylesheet_makes_a_notice(page, path: str) -> None:
    page.goto(page.base + path)
    assert not page.locator(".print-qr").is_visible()  # on screen the QR code stays hidden
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    qr = page.locator(".print-qr img")
    assert qr.is_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code did not load"
    size = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontSize")
    assert float(size.removesuffix("px")) >= 18  # 14pt
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
