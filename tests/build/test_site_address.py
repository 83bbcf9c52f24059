"""The published address comes from SITE_URL alone, and reaches every place that carries it:
QR codes (decoded from the rendered SVG), the Atom feed, every calendar, the sitemap and the
canonical links; the 404 page works at a sub-path and at the root; a publish build refuses a
missing or placeholder address and writes nothing."""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import cairosvg
import feedparser
import icalendar
import pytest
import zxingcpp
from PIL import Image

from generators.cli import main
from generators.load import address
from generators.render.generate import clean

from ..conftest import MINI_DATA, ROOT, SAMPLE_AS_OF, SAMPLE_DATA
from .test_browser import browser  # noqa: F401  (the Chromium fixture, shared)

SUB = "https://bulletins.example.gov.cn/x/"
ROOT_URL = "https://bulletins.example.gov.cn/"


def build_at(workdir: Path, data: Path, as_of: str, url: str | None, *extra: str) -> int:
    """Build ``data`` in ``workdir`` (set up as conftest.build_project does) with SITE_URL = ``url``."""
    if not (workdir / "mkdocs.yml").exists():
        workdir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "mkdocs.yml", workdir / "mkdocs.yml")
        (workdir / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
        shutil.copytree(ROOT / "content", workdir / "content")
        clean(workdir / "content")
    env = {k: v for k, v in os.environ.items() if k != address.ENV}
    if url is not None:
        env[address.ENV] = url
    with mock.patch.dict(os.environ, env, clear=True):
        return main(["build", *extra, "--data", str(data), "--as-of", as_of,
                     "--content", str(workdir / "content"), "--config", str(workdir / "mkdocs.yml"),
                     "--site", str(workdir / "site")])


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data built for publishing at a sub-path."""
    where = tmp_path_factory.mktemp("published")
    assert build_at(where, SAMPLE_DATA, SAMPLE_AS_OF, SUB, "--publish") == 0
    return where / "site"


@pytest.fixture(scope="module")
def at_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("root")
    assert build_at(where, MINI_DATA, "2024-06-30", ROOT_URL, "--publish") == 0
    return where / "site"


def decode_qr(svg: bytes) -> str:
    png = cairosvg.svg2png(bytestring=svg, output_width=400, output_height=400, background_color="white")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(found) == 1, "expected exactly one QR code"
    return found[0].text


def test_every_qr_code_leads_to_its_page_at_the_published_address(published: Path) -> None:
    codes = sorted((published / "qr").glob("*.svg"))
    assert len(codes) >= 60
    for svg in codes:
        kind, _, record_id = svg.stem.partition("-")
        folder = {"tour": "tours", "place": "places"}[kind]
        assert decode_qr(svg.read_bytes()) == f"{SUB}{folder}/{record_id}/", svg.name
        assert (published / folder / record_id / "index.html").is_file()


def test_feeds_calendars_sitemap_and_canonical_links_use_the_address(published: Path) -> None:
    feed = feedparser.parse((published / "feeds" / "updates.xml").read_bytes())
    assert not feed.bozo and feed.feed.link == SUB and feed.feed.id == SUB
    assert feed.entries and all(e.link.startswith(SUB) for e in feed.entries)
    calendars = sorted((published / "feeds").rglob("*.ics"))
    assert len(calendars) > 3
    for path in calendars:
        events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert events, path
        for event in events:
            assert str(event["url"]).startswith(SUB + "tours/"), path
            assert SUB in str(event["description"])
    locs = re.findall(r"<loc>([^<]+)</loc>", (published / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locs) > 100 and all(loc.startswith(SUB) for loc in locs)
    pages = [p for p in published.rglob("*.html") if p.name != "404.html"]
    for page in pages:
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
        rel = page.relative_to(published).as_posix().removesuffix("index.html")
        assert canonical == [SUB + rel], page


def test_no_published_file_has_a_placeholder_or_the_preview_note(published: Path) -> None:
    for path in published.rglob("*"):
        if path.is_file() and path.suffix != ".map":  # source maps of Material's bundle
            data = path.read_bytes()
            assert b"example.org" not in data, path
            assert b"127.0.0.1" not in data, path
            assert b"local-preview" not in data or path.suffix == ".css", path


def test_local_build_says_it_is_a_preview(sample_site: Path) -> None:
    """Without SITE_URL (the session's sample build): the local address, said on every page."""
    for rel in ("index.html", "tours/2020-cunshe-r1/index.html", "about/index.html"):
        html = (sample_site / rel).read_text(encoding="utf-8")
        assert 'class="local-preview"' in html and "本地预览" in html, rel
    svg = (sample_site / "qr" / "tour-2020-cunshe-r1.svg").read_bytes()
    assert decode_qr(svg) == address.LOCAL + "tours/2020-cunshe-r1/"


@pytest.mark.parametrize(("url", "needle"), [
    (None, "SITE_URL"),
    ("https://example.org/bulletins/", "不是公开地址"),
    ("https://www.example.com/", "不是公开地址"),
    ("http://localhost:8000/", "不是公开地址"),
    ("http://127.0.0.1/", "不是公开地址"),
    ("bulletins.ruian.gov.cn", "格式不正确"),
    ("https://bulletins.ruian.gov.cn/?x=1", "格式不正确"),
])
def test_publish_build_without_a_real_address_writes_nothing(tmp_path: Path, url: str | None, needle: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    code = build_at(tmp_path, MINI_DATA, "2024-06-30", url, "--publish")
    err = capsys.readouterr().err
    assert code == 1 and needle in err and "未写入任何文件" in err
    assert list(content.iterdir()) == [] and not (tmp_path / "site").exists()


def test_address_rules() -> None:
    assert address.parse("https://Bulletins.Ruian.gov.cn/x").url == "https://bulletins.ruian.gov.cn/x/"
    assert address.resolve({}).local
    assert not address.resolve({"SITE_URL": SUB}, publish=True).local
    assert address.resolve({"SITE_URL": "https://org.github.io/repo"}, publish=True).url == \
        "https://org.github.io/repo/"
    for host in ("example.org", "a.example.net", "site.test", "x.localhost", "[::1]"):
        with pytest.raises(address.AddressError):
            address.resolve({"SITE_URL": f"https://{host}/"}, publish=True)


# The 404 page, served as GitHub Pages and object storage serve it: for any missing path ----------

class _SiteAt(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix``; anything missing gets 404.html with status 404."""

    prefix = "/"

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        if path.startswith(self.prefix):
            self.path = "/" + path.removeprefix(self.prefix)
            target = Path(self.translate_path(self.path))
            if target.is_file() or (target / "index.html").is_file():
                return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _serve(site: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_SiteAt,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture
def browser_page(browser) -> Iterator:  # noqa: F811
    context = browser.new_context(locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("where", ["sub-path", "root"])
def test_404_page_links_and_assets_resolve(where: str, published: Path, at_root: Path, browser_page) -> None:
    site, prefix = (published, "/x/") if where == "sub-path" else (at_root, "/")
    httpd, origin = _serve(site, prefix)
    page = browser_page
    missing = f"{origin}{prefix}no/such/page/"
    try:
        failed: list[str] = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.url != missing else None)
        response = page.goto(missing)
        assert response.status == 404
        page.wait_for_load_state("networkidle")
        assert "404" in page.locator("article h1").inner_text()
        # Material's stylesheet applied: the header is its sticky bar, not an unstyled block.
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
        assert failed == [], failed
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        # Links to a part of this page (the 长辈版 switch is "#elder") are not other pages.
        own = sorted({link.split("#")[0] for link in links if link.startswith(origin)} - {missing})
        assert len(own) >= 5
        for link in own:
            assert link.startswith(origin + prefix), link
            assert page.request.get(link).status == 200, link
    finally:
        httpd.shutdown()


@pytest.mark.browser
def test_local_preview_note_shows_on_screen_and_on_paper(sample_site: Path, browser_page) -> None:
    httpd, origin = _serve(sample_site, "/")
    page = browser_page
    try:
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(origin + "/tours/2020-cunshe-r1/")
        note = page.locator(".local-preview")
        assert note.is_visible() and "本地预览" in note.inner_text()
        page.emulate_media(media="print")
        assert note.is_visible()  # a notice printed from a preview says so next to its QR code
    finally:
        httpd.shutdown()
