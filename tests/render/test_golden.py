"""Golden files: the generated Markdown of the sample data, page by page.

After an intended change, refresh them with ``make golden`` and review the diff in git.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import ROOT, SAMPLE_AS_OF, SAMPLE_DATA

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    report = ErrorReport()
    dataset = load_dataset(SAMPLE_DATA, dt.date.fromisoformat(SAMPLE_AS_OF), report)
    assert dataset is not None and not report, [str(p) for p in report.errors]
    return {path: text for path, text in render_all(dataset).items() if path.endswith(".md")}


def test_golden_pages(pages: dict[str, str]) -> None:
    if UPDATE:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        pytest.skip("golden files refreshed: review them with git diff")
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden`"
    changed = [path for path, text in sorted(pages.items())
               if (GOLDEN / path).read_text(encoding="utf-8") != text]
    assert not changed, f"{len(changed)} page(s) differ from tests/golden (run `make golden`): {changed[:10]}"
