"""GitHub annotations: located, escaped, and the whole report in the step summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.load.errors import ErrorReport, Problem
from generators.tools.annotations import annotation, summary_markdown

from ..conftest import run_cli


def test_a_hostile_value_cannot_forge_a_workflow_command() -> None:
    problem = Problem("data/x,y:z.yaml", 3, 5, "groups[1].hotline",
                      "实际是 'a%0A::error::forged\r\n::warning::x'")
    line = annotation(problem)
    assert line == ("::error file=data/x%2Cy%3Az.yaml,line=3,col=5,title=groups[1].hotline::"
                    "实际是 'a%250A::error::forged%0D%0A::warning::x'")
    assert "\n" not in line and "\r" not in line


def test_check_prints_annotations_and_writes_the_summary(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    tours = mini_copy / "tours" / "2024.yaml"
    tours.write_text(tours.read_text(encoding="utf-8").replace("number: 0577-88001235", 'number: "0577"'),
                     encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", "--data", mini_copy, "--format", "github")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "::error file=data/tours/2024.yaml,line=24,col=19,"
        "title=groups[1].channels[1].number::电话号码格式不正确")
    text = summary.read_text(encoding="utf-8")
    assert "发现 1 个错误" in text and "data/tours/2024.yaml:24:19" in text


def test_summary_of_a_clean_run() -> None:
    assert "检查通过" in summary_markdown(ErrorReport())
