"""Downloads: JSON and flat CSV tables (UTF-8 with BOM, one value per cell) round-trip to the same
records; formula-like cells are neutralised; programme workbooks are real .xlsx files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest

from generators.load.errors import ErrorReport
from generators.model.types import TYPES
from generators.model.validate import load_dataset
from generators.render.downloads import csv_safe, to_csv
from generators.render.generate import render_all

from ..conftest import SAMPLE_AS_OF, SAMPLE_DATA


@pytest.fixture(scope="module")
def loaded():
    dataset = load_dataset(SAMPLE_DATA, dt.date.fromisoformat(SAMPLE_AS_OF), ErrorReport())
    assert dataset is not None
    # The downloads hold what the site publishes that day (a report waits for its bulletin).
    return dataset.published(), render_all(dataset)


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_json_and_csv_round_trip(loaded, record_type) -> None:
    dataset, files = loaded
    expected = {r.id: r for r in dataset.all(record_type.name)}
    from_json = json.loads(files[f"downloads/{record_type.folder}.json"])
    assert {row["id"] for row in from_json} == set(expected)
    for row in from_json:
        again = record_type.model.model_validate(_as_text(row))
        assert again.model_dump() == expected[row["id"]].model_dump()

    tables = _csv_tables(files, record_type.folder)
    assert list(tables[record_type.folder][0])[0] == "id"
    rebuilt = _rebuild(tables, record_type.folder)
    assert sorted(rebuilt) == sorted(expected)
    for record_id, record in rebuilt.items():
        again = record_type.model.model_validate(_as_text(record))
        assert again.model_dump() == expected[record_id].model_dump()


def _csv_tables(files: dict, folder: str) -> dict[str, list[dict[str, str]]]:
    found = {}
    for path, raw in files.items():
        stem = path.removeprefix("downloads/").removesuffix(".csv")
        if path.endswith(".csv") and (stem == folder or stem.startswith(f"{folder}-")):
            assert raw.startswith(b"\xef\xbb\xbf")
            found[stem] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return found


def _rebuild(tables: dict[str, list[dict[str, str]]], folder: str) -> dict[str, dict]:
    """The records again, from the record table and one table per list (parents first)."""
    records = {row["id"]: _nest(row) for row in tables[folder]}
    for stem in sorted((s for s in tables if s != folder), key=lambda s: s.count("-")):
        segments = stem.removeprefix(f"{folder}-").split("-")
        for row in tables[stem]:
            target = records[row["id"]]
            for segment in segments[:-1]:
                target = _at(target, segment)[int(row[f"{segment.rsplit('.', 1)[-1]}_index"]) - 1]
            entries = _at(target, segments[-1], create=True)
            assert int(row["index"]) == len(entries) + 1  # rows come in list order
            keys = {k for k in row if k in ("id", "index") or k.endswith("_index")}
            name = segments[-1].rsplit(".", 1)[-1]
            plain = set(row) - keys == {name}  # a list of plain values: one column, the field's name
            entries.append(row[name] if plain else _nest({k: v for k, v in row.items() if k not in keys}))
    return records


def _at(record: dict, dotted: str, *, create: bool = False) -> list:
    *parents, last = dotted.split(".")
    for part in parents:
        record = record.setdefault(part, {}) if create else record[part]
    return record.setdefault(last, []) if create else record[last]


def _nest(row: dict[str, str]) -> dict:
    """Dotted columns back into submodels; empty cells are absent values; a cell neutralised
    against formula injection loses its quote."""
    out: dict = {}
    for column, value in row.items():
        if value == "":
            continue
        if value[:2] in {"'" + c for c in "=+-@\t\r"}:
            value = value[1:]
        *parents, last = column.split(".")
        target = out
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return out


def _as_text(value: object) -> object:
    """Numbers as the text our loader reads from YAML (JSON has typed numbers)."""
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def test_download_page_lists_every_file(loaded) -> None:
    _, files = loaded
    page = files["downloads/index.md"]
    for record_type in TYPES:
        assert f"[{record_type.folder}.csv]({record_type.folder}.csv)" in page
        assert f"downloads/{record_type.name}.schema.json" in files


def test_every_csv_cell_holds_one_value(loaded) -> None:
    _, files = loaded
    for path, raw in files.items():
        if path.endswith(".csv"):
            for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))):
                assert not any(cell[:1] in ("[", "{") for cell in row), (path, row)


@pytest.mark.parametrize(("value", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+86 577", "'+86 577"),
    ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("0577-88001234", "0577-88001234"), ("推进中", "推进中"), ("", ""), ("a=b", "a=b"),
])
def test_csv_safe(value: str, safe: str) -> None:
    assert csv_safe(value) == safe


def test_a_formula_in_the_data_is_text_in_the_csv() -> None:
    table = [{"id": "x", "title": "=1+2", "note": "@cmd"}]
    rows = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig"))))
    assert rows == [["id", "title", "note"], ["x", "'=1+2", "'@cmd"]]


def test_programme_workbooks(loaded) -> None:
    dataset, files = loaded
    raw = files["downloads/programme-gongxiangshe-xingfuli.xlsx"]
    sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 23
    by_id = {row[2]: row for row in rows}
    parking = by_id["shangwang-xfys-2023-liming-tingchechang"]
    assert parking[1] == "黎明村新建停车场" and parking[8] == 1 and parking[9] == "已完成"
    assert parking[10] == dt.datetime(2023, 3, 31)
    assert "[programme-gongxiangshe-xingfuli.xlsx](programme-gongxiangshe-xingfuli.xlsx)" in \
        files["downloads/index.md"]
    # An item with a status but no figure ever reported has an empty progress cell, not 0 %.
    laojiu = openpyxl.load_workbook(io.BytesIO(files["downloads/programme-laojiu-xiaoqu.xlsx"])).active
    assert [c.value for c in laojiu[3]][8:10] == [None, "推进中"]
