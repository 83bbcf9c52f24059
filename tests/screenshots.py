"""Screenshots of the real build for the README: ``make screenshots``.

The sample is built as of a day when the 2020 tour accepts reports (the page then shows the
groups' numbers), and the browser's clock is set to that day. Phone pages at 360 px in the light
and the dark scheme; the printed village notice as Chromium prints it on A4, turned into a PNG
by poppler's ``pdftoppm`` (Debian package poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import SAMPLE_DATA, build_project  # noqa: E402

AS_OF = "2020-05-11"
PAGES = {"home": "/", "village": "/places/huling-datong/"}
NOTICE = "/places/huling-datong/"
#: The same pages in 长辈版 (elder mode), shown beside the normal ones in the README.
ELDER_SHOTS = {"home-elder.png": "/", "village-elder.png": "/places/huling-datong/"}


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not shutil.which("pdftoppm"):
        print("pdftoppm not found: install Debian's poppler-utils", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="shots-"))
    site = build_project(work / "project", SAMPLE_DATA, AS_OF)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    out = ROOT / ".github" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    moment = dt.datetime.fromisoformat(AS_OF).replace(hour=9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                          locale="zh-CN", timezone_id="Asia/Shanghai", color_scheme=scheme)
            page = context.new_page()
            page.clock.set_fixed_time(moment)
            for name, path in PAGES.items():
                page.goto(base + path)
                target = out / f"{name}-{scheme}.png"
                page.screenshot(path=str(target))
                print(target)
            if scheme == "light":
                elder_shots(page, base, out)
                page.goto(base + NOTICE)
                page.emulate_media(media="print")
                pdf = work / "notice.pdf"
                pdf.write_bytes(page.pdf(format="A4"))
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf),
                                str(out / "notice")], check=True)
                print(out / "notice.png")
            context.close()
        browser.close()
    httpd.shutdown()
    shutil.rmtree(work, ignore_errors=True)
    return 0


def elder_shots(page, base: str, out: Path) -> None:
    """The elder-mode pages, turned on as a reader does: the 长辈版 switch in the header."""
    page.goto(base + "/")
    page.locator(".elder-switch--on").click()
    for name, path in ELDER_SHOTS.items():
        page.goto(base + path)  # the mode is remembered from page to page
        page.screenshot(path=str(out / name))
        print(out / name)
    page.locator(".elder-switch--off").click()


if __name__ == "__main__":
    sys.exit(main())
