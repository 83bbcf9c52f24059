"""A real strict MkDocs build: every record has its page, and a failed build keeps the old site."""

from __future__ import annotations

from pathlib import Path

from generators.load.errors import ErrorReport
from generators.model.types import TYPES
from generators.model.validate import load_dataset

from ..conftest import MINI_DATA, SAMPLE_AS_OF, SAMPLE_DATA


def record_ids(data_dir: Path, as_of: str) -> dict[str, list[str]]:
    import datetime as dt

    report = ErrorReport()
    dataset = load_dataset(data_dir, dt.date.fromisoformat(as_of), report)
    assert dataset is not None and not report, [str(p) for p in report.errors]
    # Every record public on that day has a page, and no other (a report or item announced
    # later waits for its day: Dataset.published).
    shown = dataset.published()
    return {t.folder: sorted(shown.records[t.name]) for t in TYPES}


def assert_every_record_has_a_page(site: Path, ids: dict[str, list[str]]) -> None:
    assert (site / "index.html").is_file()
    for folder, record_ids_ in ids.items():
        assert (site / folder / "index.html").is_file(), folder
        built = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        assert built == record_ids_, folder


def test_mini_site_has_a_page_for_every_record(mini_site: Path) -> None:
    assert_every_record_has_a_page(mini_site, record_ids(MINI_DATA, "2024-06-30"))


def test_sample_site_has_a_page_for_every_record(sample_site: Path) -> None:
    ids = record_ids(SAMPLE_DATA, SAMPLE_AS_OF)
    assert sum(len(v) for v in ids.values()) > 100
    assert_every_record_has_a_page(sample_site, ids)


def test_blocks_marked_data_search_exclude_stay_out_of_search(sample_site: Path) -> None:
    """Material's indexer ends an exclusion at the first closing tag of the same name, so a
    <div data-search-exclude> holding other <div>s leaks; every page is checked, not one."""
    import json
    import re

    import lxml.html

    docs: dict[str, str] = {}
    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        docs[page] = docs.get(page, "") + re.sub(r"<[^>]+>|\u200b|\s", "", doc["text"])
    checked = 0
    for page, text in docs.items():
        html = sample_site / page / "index.html" if page else sample_site / "index.html"
        if not html.is_file():
            continue
        tree = lxml.html.fromstring(html.read_bytes())
        for block in tree.xpath("//article//*[@data-search-exclude][not(self::h1 or self::h2 or self::h3)]"):
            words = re.sub(r"\s", "", block.text_content())
            if len(words) >= 12:
                checked += 1
                assert words[:40] not in text, f"{page}: excluded block in the search index: {words[:40]}"
    assert checked > 100
