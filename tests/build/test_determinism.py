"""The same input builds byte-identical sites, whatever the hash seed and file times (issue 5, 16)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generators.render.generate import clean

from ..conftest import ROOT, SAMPLE_AS_OF, SAMPLE_DATA


def _project(where: Path, seed: str, mtime: int) -> dict[str, bytes]:
    where.mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    (where / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
    shutil.copytree(ROOT / "content", where / "content")
    clean(where / "content")
    shutil.copytree(SAMPLE_DATA, where / "data")
    for path in [*where.joinpath("data").rglob("*"), *where.joinpath("content").rglob("*")]:
        os.utime(path, (mtime, mtime))
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "generators", "build", "--as-of", SAMPLE_AS_OF,
                    "--data", str(where / "data"), "--content", str(where / "content"),
                    "--config", str(where / "mkdocs.yml"), "--site", str(where / "site")],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    site = where / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = _project(tmp_path / "a", "1", 1_600_000_000)
    second = _project(tmp_path / "b", "4242", 1_700_000_000)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_the_sitemap_carries_the_data_date_not_the_build_time(sample_site: Path) -> None:
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{SAMPLE_AS_OF}</lastmod>" in sitemap
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{SAMPLE_AS_OF}</lastmod>")
