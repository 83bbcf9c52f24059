"""The live preview end to end: `serve` builds, a saved YAML change reaches the served page first,
then the pages that list it; files that did not change are not read again."""

from __future__ import annotations

import shutil
from pathlib import Path

from generators.render.generate import clean

from ..conftest import ROOT
from ..preview import measure


def test_saving_a_yaml_file_refreshes_the_served_page(tmp_path: Path, mini_copy: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
    shutil.copytree(ROOT / "content", project / "content")
    clean(project / "content")
    _, seconds = measure(project, mini_copy, "commitments/works-2024-road/",
                         mini_copy / "commitments" / "works.yaml", "东片道路改造", "东片道路改造二期",
                         "2024-06-30", also=("places/town-east/", "units/bureau/"))
    assert seconds < 30


def test_unchanged_files_are_not_read_again_and_problems_are_reported_each_run(
        mini_copy: Path, monkeypatch) -> None:
    import datetime as dt

    from generators.load.errors import ErrorReport
    from generators.model import validate

    units = mini_copy / "units" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "  phnoe: 13800138000\n", encoding="utf-8")
    reads: list[str] = []
    real_read = validate.read
    monkeypatch.setattr(validate, "read", lambda path, *a: reads.append(path.name) or real_read(path, *a))
    cache = validate.LoadCache()
    runs = []
    for _ in range(2):
        report = ErrorReport()
        validate.load_dataset(mini_copy, dt.date(2024, 6, 30), report, cache)
        runs.append([str(p) for p in report.problems])
    assert runs[0] == runs[1] and len(runs[0]) == 2  # the unknown field and the private number
    assert reads.count("units.yaml") == 1 and reads.count("works.yaml") == 2  # commitments, results
    works = mini_copy / "commitments" / "works.yaml"
    works.write_text(works.read_text(encoding="utf-8").replace("东片道路改造", "东片道路改造二期"),
                     encoding="utf-8")
    report = ErrorReport()
    dataset = validate.load_dataset(mini_copy, dt.date(2024, 6, 30), report, cache)
    assert reads.count("works.yaml") == 3 and reads.count("units.yaml") == 1
    assert dataset is not None and dataset.get("commitment", "works-2024-road").title == "东片道路改造二期"


def test_changed_records_are_exactly_the_edited_ones(mini_copy: Path) -> None:
    import datetime as dt

    from generators.load.errors import ErrorReport
    from generators.model.validate import LoadCache, load_dataset
    from generators.tools.serve import changed_records

    cache = LoadCache()
    before = load_dataset(mini_copy, dt.date(2024, 6, 30), ErrorReport(), cache)
    works = mini_copy / "commitments" / "works.yaml"
    works.write_text(works.read_text(encoding="utf-8").replace("西村停车场", "西村停车场（扩建）"),
                     encoding="utf-8")
    after = load_dataset(mini_copy, dt.date(2024, 6, 30), ErrorReport(), cache)
    assert [(kind, r.id) for kind, r in changed_records(before, after)] == [("commitment", "works-2024-park")]
