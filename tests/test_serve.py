"""The live preview end to end: `serve` builds, a saved YAML change reaches the served page."""

from __future__ import annotations

import shutil
from pathlib import Path

from generators.generate import clean

from .conftest import ROOT
from .preview import measure


def test_saving_a_yaml_file_refreshes_the_served_page(tmp_path: Path, mini_copy: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
    shutil.copytree(ROOT / "content", project / "content")
    clean(project / "content")
    _, seconds = measure(project, mini_copy, "commitments/works-2024-road/",
                         mini_copy / "commitments" / "works.yaml", "东片道路改造", "东片道路改造二期",
                         "2024-06-30")
    assert seconds < 30
