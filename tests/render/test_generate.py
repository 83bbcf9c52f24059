"""Generation writes only what changed, removes what was deleted, and never touches other files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import clean, render_all, write_pages

from ..conftest import MINI_DATA, SAMPLE_AS_OF, SAMPLE_DATA

AS_OF = {MINI_DATA: "2024-06-30", SAMPLE_DATA: SAMPLE_AS_OF}


def pages_of(data: Path, as_of: str) -> dict[str, str | bytes]:
    report = ErrorReport()
    dataset = load_dataset(data, dt.date.fromisoformat(as_of), report)
    assert dataset is not None and not report, [str(p) for p in report.errors]
    return render_all(dataset)


def _rename_first_village(data: Path) -> tuple[str, str]:
    """Give the first 村 a new, unique name; return (old name, new name)."""
    for path in sorted((data / "places").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.strip() == "kind: 村":
                name_line = next(j for j in range(i - 1, -1, -1) if lines[j].strip().startswith("name:"))
                old = lines[name_line].split(":", 1)[1].strip()
                lines[name_line] = lines[name_line].replace(old, "测试改名村")
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                return old, "测试改名村"
    raise AssertionError("no village in the data")


@pytest.mark.parametrize("source", [MINI_DATA, SAMPLE_DATA], ids=["mini", "sample"])
def test_editing_a_value_rewrites_exactly_the_pages_that_show_it(
    source: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    data = request.getfixturevalue("mini_copy" if source == MINI_DATA else "sample_copy")
    content = tmp_path / "content"
    before = pages_of(data, AS_OF[source])
    first = write_pages(content, before)
    assert first.removed == [] and first.unchanged == 0

    old, new = _rename_first_village(data)
    after = pages_of(data, AS_OF[source])
    stats = write_pages(content, after)

    showing = {path for path, text in before.items() if old.encode() in _bytes(text)}
    assert showing, "the renamed village is shown nowhere"
    assert set(stats.written) == showing
    assert all(new.encode() in _bytes(after[path]) for path in stats.written if path.endswith(".md"))
    assert stats.unchanged == len(after) - len(showing)


def _bytes(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def test_deleted_records_lose_their_pages_and_hand_written_pages_stay(mini_copy: Path, tmp_path: Path
                                                                     ) -> None:
    content = tmp_path / "content"
    (content / "about.md").parent.mkdir(parents=True)
    (content / "about.md").write_text("# 手写页面\n", encoding="utf-8")
    write_pages(content, pages_of(mini_copy, "2024-06-30"))
    assert (content / "hotlines" / "office.md").is_file()

    path = mini_copy / "hotlines" / "hotlines.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("- id: office")], encoding="utf-8")
    stats = write_pages(content, pages_of(mini_copy, "2024-06-30"))
    assert "hotlines/office.md" in stats.removed
    assert not (content / "hotlines" / "office.md").exists()
    assert (content / "about.md").read_text(encoding="utf-8") == "# 手写页面\n"

    clean(content)
    left = sorted(p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file())
    assert left == ["about.md"]


def test_output_is_deterministic() -> None:
    assert pages_of(MINI_DATA, "2024-06-30") == pages_of(MINI_DATA, "2024-06-30")


def test_the_forked_output_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large datasets produce the slow outputs (QR codes) in a forked process: same files."""
    from generators.render import generate

    report = ErrorReport()
    dataset = load_dataset(MINI_DATA, dt.date.fromisoformat(AS_OF[MINI_DATA]), report)
    assert dataset is not None
    serial = generate.render_all(dataset, parallel=False)
    monkeypatch.setattr(generate, "FORK_FROM", 0)
    assert generate.render_all(dataset) == serial
