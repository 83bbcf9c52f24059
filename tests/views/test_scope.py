"""A record that names no place concerns the places of its county (or city), read from its
responsible unit's place: on a site of several counties, one county's list and hotline never
show on another county's village pages. A unit with no place: the record concerns every place."""

from __future__ import annotations

import datetime as dt

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.views.views import Views

from ..conftest import SAMPLE_DATA

AS_OF = dt.date(2025, 10, 10)


def views(data=SAMPLE_DATA) -> Views:
    report = ErrorReport()
    dataset = load_dataset(data, AS_OF, report)
    assert dataset is not None and not report
    return Views(dataset)


def ids(v: Views, place: str, kind: str) -> set[str]:
    return {r.id for r in v.concerning(place, kind)}


def test_a_countys_items_and_lines_stay_in_that_county() -> None:
    v = views()
    ruian_village, shili_village = "gaolou-dongze", "shili-chengguan-dongmen"
    assert v.chain(ruian_village)[0].id == "ruian" and v.chain(shili_village)[0].id == "shili-shi"
    shili_items = {c.id for c in v.sorted("commitment") if c.id.startswith("shili-2025-")}
    assert not ids(v, ruian_village, "commitment") & shili_items
    assert shili_items - {"shili-2025-21"} <= ids(v, shili_village, "commitment")  # 21 names its towns
    assert "zhengwu-12345" in ids(v, ruian_village, "hotline")      # 瑞安's 12345
    assert "zhengwu-12345" not in ids(v, shili_village, "hotline")
    assert "shili-minshengban" in ids(v, shili_village, "hotline")  # names 示例县 itself


def test_a_record_whose_unit_names_no_place_concerns_every_place(sample_copy) -> None:
    units = sample_copy / "units" / "ruian.yaml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("- id: shizhengfu\n  name: 瑞安市人民政府\n  place: ruian\n",
                                  "- id: shizhengfu\n  name: 瑞安市人民政府\n"), encoding="utf-8")
    v = views(sample_copy)
    assert v.scope(v.get("hotline", "zhengwu-12345")) is None
    assert "zhengwu-12345" in ids(v, "shili-chengguan-dongmen", "hotline")
