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
    for result in dataset.all("result"):
        check_rollups(result, dataset, report)


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
