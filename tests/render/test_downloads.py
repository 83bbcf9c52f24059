"""Downloads: JSON and CSV (UTF-8 with BOM) round-trip to the same records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from generators.load.errors import ErrorReport
from generators.model.types import TYPES
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import SAMPLE_AS_OF, SAMPLE_DATA


@pytest.fixture(scope="module")
def loaded():
    dataset = load_dataset(SAMPLE_DATA, dt.date.fromisoformat(SAMPLE_AS_OF), ErrorReport())
    assert dataset is not None
    return dataset, render_all(dataset)


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_json_and_csv_round_trip(loaded, record_type) -> None:
    dataset, files = loaded
    expected = {r.id: r for r in dataset.all(record_type.name)}
    from_json = json.loads(files[f"downloads/{record_type.folder}.json"])
    assert {row["id"] for row in from_json} == set(expected)
    for row in from_json:
        again = record_type.model.model_validate(_as_text(row))
        assert again.model_dump() == expected[row["id"]].model_dump()

    raw = files[f"downloads/{record_type.folder}.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    assert reader.fieldnames == list(record_type.model.model_fields)
    count = 0
    for row in reader:
        count += 1
        restored = {k: _uncell(v, record_type.model.model_fields[k].annotation) for k, v in row.items()}
        restored = {k: v for k, v in restored.items() if v is not None}
        again = record_type.model.model_validate(_as_text(restored))
        assert again.model_dump() == expected[row["id"]].model_dump()
    assert count == len(expected)


def _as_text(value: object) -> object:
    """Numbers as the text our loader reads from YAML (JSON has typed numbers)."""
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _uncell(value: str, annotation) -> object:
    if value == "":
        return None
    if value[:1] in "[{":
        return json.loads(value)
    return value


def test_download_page_lists_every_file(loaded) -> None:
    _, files = loaded
    page = files["downloads/index.md"]
    for record_type in TYPES:
        assert f"[{record_type.folder}.csv]({record_type.folder}.csv)" in page
        assert f"downloads/{record_type.name}.schema.json" in files
