"""Report periods, fuzzy dates, the holiday table and hours as bulletins write them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from generators.model.calendar import CalendarYear, working_day
from generators.model.periods import (
    FuzzyDate,
    Period,
    fuzzy_bounds,
    fuzzy_label,
    period_bounds,
    period_kind,
    period_label,
)
from generators.model.schedule import Hours

D = dt.date


@pytest.mark.parametrize(("written", "canonical", "kind", "label", "bounds"), [
    ("2025-09", "2025-09", "month", "2025年9月", (D(2025, 9, 1), D(2025, 9, 30))),
    ("2025年9月份", "2025-09", "month", "2025年9月", (D(2025, 9, 1), D(2025, 9, 30))),
    ("2025-01/09", "2025-01/09", "span", "2025年1—9月", (D(2025, 1, 1), D(2025, 9, 30))),
    ("2025年1—9月", "2025-01/09", "span", "2025年1—9月", (D(2025, 1, 1), D(2025, 9, 30))),
    ("2025年1-8月", "2025-01/08", "span", "2025年1—8月", (D(2025, 1, 1), D(2025, 8, 31))),
    ("2025年上半年", "2025-H1", "half", "2025年上半年", (D(2025, 1, 1), D(2025, 6, 30))),
    ("2025-H2", "2025-H2", "half", "2025年下半年", (D(2025, 7, 1), D(2025, 12, 31))),
    ("2025-Q3", "2025-Q3", "quarter", "2025年第三季度", (D(2025, 7, 1), D(2025, 9, 30))),
    ("2025年第一季度", "2025-Q1", "quarter", "2025年第一季度", (D(2025, 1, 1), D(2025, 3, 31))),
    ("2025", "2025", "year", "2025年", (D(2025, 1, 1), D(2025, 12, 31))),
    ("截至2025-06-29", "截至2025-06-29", "cutoff", "截至2025年6月29日", (D(2025, 1, 1), D(2025, 6, 29))),
    ("截至2025年10月31日", "截至2025-10-31", "cutoff", "截至2025年10月31日",
     (D(2025, 1, 1), D(2025, 10, 31))),
])
def test_periods_as_bulletins_write_them(written, canonical, kind, label, bounds):
    value = TypeAdapter(Period).validate_python(written)
    assert value == canonical
    assert period_kind(value) == kind
    assert period_label(value) == label
    assert period_bounds(value) == bounds


@pytest.mark.parametrize(("written", "message"), [
    ("2025-13", "月份应在 1 到 12 之间"),
    ("2025-09/03", "累计期间应从较早的月份到较晚的月份"),
    ("9999-Q4", "年份应在 1900 到 2099 之间"),
    ("截至2025-02-30", "日期不存在"),
    ("九月", "期间写法不对"),
])
def test_bad_periods_are_explained(written, message):
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Period).validate_python(written)
    assert message in str(caught.value)


@pytest.mark.parametrize(("written", "canonical", "label", "bounds"), [
    ("2025-10底前", "2025-10底前", "2025年10月底前", (D(2025, 10, 1), D(2025, 10, 31))),
    ("2025年10月底前", "2025-10底前", "2025年10月底前", (D(2025, 10, 1), D(2025, 10, 31))),
    ("2025-04下旬", "2025-04下旬", "2025年4月下旬", (D(2025, 4, 21), D(2025, 4, 30))),
    ("2024-02中旬", "2024-02中旬", "2024年2月中旬", (D(2024, 2, 11), D(2024, 2, 20))),
    ("2025-11", "2025-11", "2025年11月", (D(2025, 11, 1), D(2025, 11, 30))),
    ("2025-12-31", "2025-12-31", "2025年12月31日", (D(2025, 12, 31), D(2025, 12, 31))),
])
def test_fuzzy_dates_keep_their_wording_and_a_precise_bound(written, canonical, label, bounds):
    value = TypeAdapter(FuzzyDate).validate_python(written)
    assert value == canonical
    assert fuzzy_label(value) == label
    assert fuzzy_bounds(value) == bounds


def test_holiday_table_decides_working_days():
    year = CalendarYear.model_validate({"year": "2020", "holidays": ["2020-05-01~2020-05-05"],
                                        "workdays": ["2020-04-26"]})
    assert working_day(D(2020, 5, 1), [year]) is False      # a Friday, but 劳动节
    assert working_day(D(2020, 4, 26), [year]) is True      # a Sunday, but 调休上班
    assert working_day(D(2020, 4, 27), [year]) is True
    assert working_day(D(2020, 4, 25), [year]) is False     # an ordinary Saturday
    assert working_day(D(2021, 5, 1), [year]) is None       # not in the table: unknown


def test_hours_on_workdays_follow_the_table_and_unknown_stays_unknown():
    hours = Hours.model_validate({"slots": [{"days": "工作日", "time": "08:30-11:30"}]})
    nine = dt.time(9, 0)
    assert hours.open_at(dt.datetime.combine(D(2020, 4, 26), nine), True) == dt.time(11, 30)
    assert hours.open_at(dt.datetime.combine(D(2020, 5, 1), nine), False) is None
    assert hours.open_at(dt.datetime.combine(D(2021, 5, 6), nine), None) == "unknown"
    weekend = Hours.model_validate({"slots": [{"days": "周六", "time": "08:30-11:30"}]})
    assert weekend.open_at(dt.datetime.combine(D(2020, 4, 25), nine), None) == dt.time(11, 30)


def test_hours_need_a_slot_or_all_day():
    with pytest.raises(ValidationError) as caught:
        Hours.model_validate({"slots": []})
    assert "不知道就整项不写" in str(caught.value)
    assert Hours.model_validate({"always": "true"}).label() == "全天"
