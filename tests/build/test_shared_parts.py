"""theme/shared_parts.py renders the navigation, footer, header tools and settings script once per
folder for pages outside the nav: the site must be the same, byte for byte, as when every part of
every page is rendered (a key too coarse, such as the depth alone, fails here: a page's links to
its own folder's list are shorter than another folder's)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT, SAMPLE_AS_OF, SAMPLE_DATA


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_site_is_the_same_with_every_part_rendered_on_every_page(sample_site: Path, tmp_path: Path) -> None:
    project = sample_site.parent
    env = {**os.environ, "BULLETINS_SHARED_PARTS": "0"}
    subprocess.run([sys.executable, "-m", "generators", "build", "--as-of", SAMPLE_AS_OF,
                    "--data", str(SAMPLE_DATA), "--content", str(project / "content"),
                    "--config", str(project / "mkdocs.yml"), "--site", str(tmp_path / "site")],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    shared, every = _files(sample_site), _files(tmp_path / "site")
    assert sorted(shared) == sorted(every)
    assert len([name for name in shared if name.endswith(".html")]) > 200
    assert [name for name in shared if shared[name] != every[name]] == []
