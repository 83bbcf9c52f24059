"""The checking stages in the order every command runs them: load and validate ``data/``, run
the checks that need computed state, and hold the hand-written pages to the privacy rule.

In: the data folder, the as-of day, (optionally) ``content/``. Out: the dataset (None only when
``data/site.yaml`` itself fails) and every problem in the report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .load.errors import ErrorReport
from .model import policy
from .model.dataset import Dataset
from .model.validate import LoadCache, load_dataset
from .render.outputs import owned_paths
from .views.checks import check_computed


def check(data_dir: Path, as_of: dt.date, report: ErrorReport, *, content_dir: Path | None = None,
          cache: LoadCache | None = None) -> Dataset | None:
    """Every check ``python -m generators check`` runs. The dataset is returned even when the
    report holds errors (``diff`` still compares the records); callers that publish must test
    the report."""
    dataset = load_dataset(data_dir, as_of, report, cache)
    if dataset is None:
        return None
    check_computed(dataset, report)
    if content_dir is not None and content_dir.is_dir():
        root = data_dir.resolve().parent
        policy.check_pages(content_dir.resolve(), owned_paths(), root, dataset.site, report)
    return dataset
