"""The staff guide lists every field of every type, and the contacts that need checking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generators.load.errors import ErrorReport
from generators.model.types import TYPES
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import SAMPLE_DATA, run_cli


def _pages(as_of: dt.date) -> dict[str, str | bytes]:
    report = ErrorReport()
    dataset = load_dataset(SAMPLE_DATA, as_of, report)
    assert dataset is not None
    return render_all(dataset)


def test_every_field_is_in_the_guide() -> None:
    pages = _pages(dt.date(2023, 12, 31))
    for record_type in TYPES:
        page = pages[f"guide/{record_type.folder}.md"]
        for name, info in record_type.model.model_fields.items():
            assert f"| `{name}` | {'是' if info.is_required() else '否'} |" in page, (record_type.name, name)
        assert "```yaml\n- id: example-id\n" in page


def test_stale_contacts_warn_and_are_listed(sample_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "check", "--data", sample_copy, "--as-of", "2027-01-01")
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("警告")]
    assert len(warnings) == 1
    assert warnings[0].startswith("警告 (warning): data/hotlines/ruian.yaml:")
    assert ": verified: 已超过 180 天未核实（上次 2026-06-01）" in warnings[0]
    page = _pages(dt.date(2027, 1, 1))["guide/stale.md"]
    assert "| 12345 政务服务便民热线 | 2026-06-01 | 214 天 | `data/hotlines/ruian.yaml:" in page
    assert "目前没有需要核实的联系方式" in _pages(dt.date(2026, 6, 2))["guide/stale.md"]
