"""Golden files: the generated Markdown of the sample data, page by page.

Two days are kept: the 瑞安 sample as of 2023-12-31 (``tests/golden/``, every page), and the
monthly 民生实事 reports and the sixth-round tour as of 2025-10-10, inside the September report's
objection period (``tests/golden-2025/``, the pages those records make). After an intended change,
refresh them with ``make golden`` and review the diff in git.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import ROOT, SAMPLE_AS_OF, SAMPLE_DATA

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
#: (folder, as-of day, which pages): the second set keeps only the monthly-report and tour pages.
SETS = {
    "golden": (SAMPLE_AS_OF, ()),
    "golden-2025": ("2025-10-10", ("programmes/shili", "results/shili", "commitments/shili",
                                   "tours/yangli", "places/yangli", "places/shili", "hotlines/index.md",
                                   "hotlines/shili", "places/index.md", "index.md", "units/shili")),
}


def _pages(as_of: str, prefixes: tuple[str, ...]) -> dict[str, str]:
    report = ErrorReport()
    dataset = load_dataset(SAMPLE_DATA, dt.date.fromisoformat(as_of), report)
    assert dataset is not None and not report, [str(p) for p in report.errors]
    return {path: text for path, text in render_all(dataset).items()
            if path.endswith(".md") and (not prefixes or path.startswith(prefixes))}


@pytest.mark.parametrize("name", sorted(SETS))
def test_golden_pages(name: str) -> None:
    golden: Path = ROOT / "tests" / name
    pages = _pages(*SETS[name])
    if UPDATE:
        for old in golden.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            target = golden / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        pytest.skip("golden files refreshed: review them with git diff")
    expected = {p.relative_to(golden).as_posix() for p in golden.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden`"
    changed = [path for path, text in sorted(pages.items())
               if (golden / path).read_text(encoding="utf-8") != text]
    assert not changed, f"{len(changed)} page(s) differ from tests/{name} (run `make golden`): {changed[:10]}"
