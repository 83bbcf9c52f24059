"""Checks that need computed state, run after the records themselves passed validation.

A bulletin may state a figure the records also determine (a completion rate, a count): the site
must not publish both when they disagree. These checks compute the figure as the pages would.
"""

from __future__ import annotations

from ..load.errors import ErrorReport
from ..model.dataset import Dataset
from ..model.periods import period_bounds
from .views import Views


def check_computed(dataset: Dataset, report: ErrorReport) -> None:
    """Every check of this module, over the whole dataset."""
    if report.errors:
        return  # figures computed from records that are themselves wrong (or cyclic) are noise
    views = Views(dataset)
    for result in dataset.all("result"):
        check_rollups(result, dataset, report)
        check_stated(result, dataset, views, report)
        check_objection(result, dataset, views, report)


def check_objection(result, dataset: Dataset, views: Views, report: ErrorReport) -> None:
    """An objection period runs forwards, and a local number needs a known area code."""
    objection = result.objection
    if objection is None:
        return
    if objection.end < objection.start:
        dataset.error(report, result, ("objection", "end"),
                      f"公示结束日期 {objection.end} 早于开始日期 {objection.start} (end before start)")
    phone = objection.phone or ""
    if phone.isdigit() and len(phone) in (7, 8):
        programme = dataset.get("programme", result.programme)
        if views.area_code(programme) is None:
            dataset.error(report, result, ("objection", "phone"),
                          f"'{phone}' 是不带区号的本地号码：请写上区号（如 0551-{phone}），"
                          "或在牵头单位所在地方写 area_code (local number without a known area code)")


def check_stated(result, dataset: Dataset, views: Views, report: ErrorReport) -> None:
    """Counts a bulletin states (30 项，已完成 19 项，常态化 3 项; 3 项提前完成) must match the
    items recorded for its programme on the report's cut-off day."""
    if result.stated is None:
        return
    figures = views.report(result.id)
    computed = {"total": len(figures.rows), "done": len(figures.done),
                "recurring": len(figures.recurring),
                "sub_items": sum(len(views.kids(r.item.id)) for r in figures.rows)}
    words = {"total": "事项总数", "done": "已完成", "recurring": "常态化", "sub_items": "子项数"}
    for key, word in words.items():
        stated = getattr(result.stated, key)
        if stated is not None and stated != computed[key]:
            dataset.error(report, result, ("stated", key),
                          f"通报写明{word} {stated} 项，但按事项记录截至 {figures.cutoff} 是 "
                          f"{computed[key]} 项 (stated count disagrees with the records)")
    named = figures.by_status()
    for index, entry in enumerate(result.stated.by_status):
        if entry.status in named and named[entry.status] != entry.count:
            dataset.error(report, result, ("stated", "by_status", index, "count"),
                          f"通报写明“{entry.status}” {entry.count} 项，但事项记录中是 "
                          f"{named[entry.status]} 项 (stated count disagrees with the named items)")


def check_rollups(result, dataset: Dataset, report: ErrorReport) -> None:
    """A reported completion rate must equal the roll-up of the commitment it names, computed from
    the children's dated updates as of the quarter's last day, to the figure's own decimals."""
    quarter_end = period_bounds(result.period)[1]
    for index, indicator in enumerate(result.indicators):
        parent = dataset.get("commitment", indicator.rollup_of)
        if parent is None:
            continue  # an unknown id is reported by the reference check
        computed = Views(dataset, quarter_end).progress(parent).value
        text = f"{indicator.value}"
        decimals = len(text.split(".")[1]) if "." in text else 0
        if round(computed, decimals) != round(float(indicator.value), decimals):
            dataset.error(report, result, ("indicators", index, "value"),
                          f"报告的数值 {indicator.value} 与 {parent.id} 各子项按权重汇总的进度 "
                          f"{computed:.{decimals}f}（截至 {quarter_end}）不一致 "
                          "(reported figure disagrees with the roll-up of the records)")
