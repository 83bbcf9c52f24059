"""Phone-sized screenshots of the real build for the README: ``make screenshots``."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import SAMPLE_AS_OF, SAMPLE_DATA, build_project  # noqa: E402

SHOTS = {"home.png": "/", "village.png": "/places/huling-datong/"}
#: The same pages in 长辈版 (elder mode), shown beside the normal ones in the README.
ELDER_SHOTS = {"home-elder.png": "/", "village-elder.png": "/places/huling-datong/"}


def main() -> int:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="shots-"))
    site = build_project(work / "project", SAMPLE_DATA, SAMPLE_AS_OF)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    out = ROOT / ".github" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                locale="zh-CN", timezone_id="Asia/Shanghai")
        for name, path in SHOTS.items():
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}{path}")
            page.screenshot(path=str(out / name))
            print(out / name)
        elder_shots(page, f"http://127.0.0.1:{httpd.server_address[1]}", out)
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
