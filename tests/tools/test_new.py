"""``python -m generators new``: a commented stub that passes check as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.model.types import TYPES

from ..conftest import run_cli


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_every_type_gets_a_valid_stub(record_type, sample_copy: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted((sample_copy / record_type.folder).glob("*.yaml"))
    args = ["new", record_type.name, "brand-new-1", "--data", sample_copy, "--as-of", "2024-01-10"]
    if len(files) > 1:
        args += ["--file", files[0].name]
    code, out, err = run_cli(capsys, *args)
    assert code == 0, err
    assert "已添加到" in out
    text = files[0].read_text(encoding="utf-8")
    assert "- id: brand-new-1" in text and "# " in text
    code, out, err = run_cli(capsys, "check", "--data", sample_copy, "--as-of", "2024-01-10")
    assert code == 0, err


def test_an_existing_id_is_refused(sample_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "new", "tour", "2020-cunshe-r1", "--data", sample_copy)
    assert code == 1 and "已存在" in err


def test_a_folder_with_several_files_needs_a_choice(sample_copy: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "new", "place", "x-village", "--data", sample_copy)
    assert code == 1 and "--file" in err and "huling.yaml" in err
