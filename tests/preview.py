"""Drive the live preview as a staff member does: start ``serve``, save a YAML change, and time
until the served page shows it. Used by tests/tools/test_serve.py and by the benchmark."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at ``url`` contains ``text``; raises after ``timeout``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - started
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def measure(project: Path, data: Path, page: str, yaml_file: Path, old: str, new: str,
            as_of: str, start_timeout: float = 120, change_timeout: float = 60,
            also: tuple[str, ...] = ()) -> tuple[float, float]:
    """(seconds until the first page is served, seconds from saving ``yaml_file`` with ``old``
    replaced by ``new`` until ``page`` shows ``new``). The pages in ``also`` must show ``new``
    too before it returns (the rest of the site catching up)."""
    port = free_port()
    cmd = [sys.executable, "-m", "generators", "serve", "--data", str(data), "--as-of", as_of,
           "--content", str(project / "content"), "--config", str(project / "mkdocs.yml"),
           "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    # The preview is local: served at the root of its own address, whatever SITE_URL says.
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        startup = wait_for(url, old, start_timeout)
        time.sleep(1.5)  # let the watchers settle after the first build
        text = yaml_file.read_text(encoding="utf-8")
        assert old in text
        saved = time.perf_counter()
        yaml_file.write_text(text.replace(old, new, 1), encoding="utf-8")
        wait_for(url, new, change_timeout)
        seconds = time.perf_counter() - saved
        for other in also:
            wait_for(url.removesuffix(page) + other, new, change_timeout)
        return startup, seconds
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
