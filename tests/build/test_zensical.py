"""Engine canary: Material for MkDocs reaches end of life on 2027-05-05; Zensical, its successor,
must build the same generated content into the same pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_zensical_builds_every_page_mkdocs_builds(sample_site: Path, tmp_path: Path) -> None:
    project = tmp_path / "zensical"
    project.mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(sample_site.parent / "content", project / "content")  # the generated pages
    result = subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--clean"],
                            cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    mkdocs_pages = _pages(sample_site)
    missing = sorted(mkdocs_pages - _pages(project / "site"))
    assert len(mkdocs_pages) > 100
    assert missing == [], f"{len(missing)} page(s) built by MkDocs are missing from Zensical's output"
