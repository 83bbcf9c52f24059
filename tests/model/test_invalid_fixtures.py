"""One fixture per invalid input, each with the exact error lines it must produce.

A case is a folder under tests/fixtures/invalid/: its files replace or add files of the small
fixture dataset (same paths as under data/), and ``expected.txt`` holds the error lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import INVALID, error_lines, overlay, run_cli

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_invalid_case(case: str, mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = INVALID / case
    overlay(folder, mini_copy)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert error_lines(err) == expected, err
    assert code == 1
    assert f"发现 {len(expected)} 个错误" in err
    assert "Traceback" not in err


def test_every_case_has_expectations() -> None:
    for case in CASES:
        assert (INVALID / case / "expected.txt").read_text(encoding="utf-8").strip(), case
