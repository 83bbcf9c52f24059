"""The checking stages in the order every command runs them: load and validate ``data/``, run
the checks that need computed state, and hold the hand-written pages to the privacy rule.

Every stage runs whatever the others found, so that one run shows every mistake: each file is
read and typed on its own, settings in error in ``data/site.yaml`` only hold back the checks that
need them, the computed checks run on the records that validated (leaving out the figures a record
in error would make wrong), and the hand-written pages are always scanned.

In: the data folder, the as-of day, (optionally) ``content/``. Out: the dataset (None only when
the data folder itself cannot be read) and every problem in the report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .load.errors import ErrorReport
from .model import policy
from .model.dataset import Dataset
from .model.validate import LoadCache, load_dataset, unknown_site
from .render.outputs import owned_paths
from .views.checks import check_computed


def check(data_dir: Path, as_of: dt.date, report: ErrorReport, *, content_dir: Path | None = None,
          cache: LoadCache | None = None) -> Dataset | None:
    """Every check ``python -m generators check`` runs. The dataset is returned even when the
    report holds errors (``diff`` still compares the records); callers that publish must test
    the report."""
    dataset = load_dataset(data_dir, as_of, report, cache)
    if dataset is not None:
        check_computed(dataset, report)
    if content_dir is not None and content_dir.is_dir():
        if dataset is not None:
            root, site = data_dir.resolve().parent, dataset.site
        else:  # the data folder links elsewhere: name the pages from the repository
            root, site = data_dir.absolute().parent.resolve(), unknown_site()
        policy.check_pages(content_dir.resolve(), owned_paths(), root, site, report)
    return dataset
