"""Build: run MkDocs into a fresh folder, scan it, then swap it in for ``site/``.

A failed build or scan leaves the last good ``site/`` exactly as it was: readers (and the deploy
job) never see half a site or a page that breaks the rules in :mod:`generators.build.htmlscan`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from ..load.address import ENV, LOCAL_ADDRESS, Address
from ..load.errors import visible
from .htmlscan import scan_site, theme_scripts

ENGINES = {
    # No --quiet: it hides warnings from the counter that --strict relies on, so a broken link
    # would pass. The output is captured and shown only when the build fails.
    "mkdocs": lambda config, out: [sys.executable, "-m", "mkdocs", "build", "--strict",
                                   "--config-file", str(config), "--site-dir", str(out)],
}


class BuildFailed(Exception):
    pass


def build_site(config: Path, site_dir: Path, *, as_of: dt.date,
               expected_pages: dict[str, set[str]] | None = None,
               address: Address = LOCAL_ADDRESS) -> None:
    """Build with MkDocs into a temporary sibling of ``site_dir``, scan it, then replace ``site_dir``.

    ``SOURCE_DATE_EPOCH`` is the as-of day, so the sitemap carries a data date, not the build
    time, and the same input builds the same bytes. MkDocs reads its ``site_url`` from
    ``SITE_URL``, set here to the address the generators used.
    """
    epoch = int(dt.datetime.combine(as_of, dt.time(), dt.UTC).timestamp())
    env = {"SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0", "NO_MKDOCS_2_WARNING": "1",
           ENV: address.url, "SITE_LOCAL_PREVIEW": "true" if address.local else "false"}
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        # From the project folder: the search plugin reads its word list relative to it.
        result = subprocess.run(ENGINES["mkdocs"](config, tmp), env={**os.environ, **env},
                                cwd=config.resolve().parent, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            shown = [line for line in (result.stderr + result.stdout).splitlines()
                     if line.startswith(("WARNING", "ERROR", "  ", "Aborted")) or "Error" in line]
            raise BuildFailed("\n".join(shown) or result.stderr)
        theme_dirs = _theme_dirs(config)
        own_hosts = frozenset({urlsplit(address.url).hostname or ""})
        problems = scan_site(tmp, expected_pages or {}, theme_scripts(theme_dirs), own_hosts)
        if problems:
            # File names come from content/: one line each, whatever they hold (CI reads the log).
            raise BuildFailed("\n".join(visible(p) for p in problems))
        swap(tmp, site_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _theme_dirs(config: Path) -> list[str]:
    """The theme folders MkDocs builds from (our custom_dir, then Material's), as it resolves them."""
    from mkdocs.config import load_config  # imported here: MkDocs is only needed when building

    return list(load_config(str(config)).theme.dirs)


def swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, keeping the old one until the new one is in place."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
