"""Property-based tests: whatever text staff (or an attacker) type, the pipeline either refuses it
with a located error or shows it literally; nothing else can happen."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
import unicodedata
from pathlib import Path

import lxml.html
import markdown
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generators.load.document import LoadError, parse
from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import MINI_DATA

EXTENSIONS = ["tables", "admonition", "attr_list", "toc"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_loader_raises_only_its_own_error(text: str) -> None:
    with contextlib.suppress(LoadError):
        parse(text, "x.yaml")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40).map(
    lambda s: "".join(st_ for st_ in s)))
def test_the_loader_never_crashes_on_structured_yaml(fragment: str) -> None:
    for text in (f"a: {fragment}\n", f"- {fragment}\n", f"{fragment}: x\n", f"a: [{fragment}]\n"):
        with contextlib.suppress(LoadError):
            parse(text, "x.yaml")


def _yaml_double_quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ch in "\x7f\x85\u2028\u2029" or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_WORK = Path(tempfile.mkdtemp(prefix="props-"))
shutil.copytree(MINI_DATA, _WORK / "data")
_WORKS = (_WORK / "data" / "commitments" / "works.yaml").read_text(encoding="utf-8")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=60))
def test_any_title_is_refused_with_a_located_error_or_shown_literally(title: str) -> None:
    data = _WORK / "data"
    text = _WORKS.replace("  title: 西村停车场", "  title: " + _yaml_double_quoted(title))
    (data / "commitments" / "works.yaml").write_text(text, encoding="utf-8")
    report = ErrorReport()
    dataset = load_dataset(data, dt.date(2024, 6, 30), report)
    if report.errors:
        # Refused: every problem names the file, a line and a column.
        assert all(p.file.startswith("data/") and p.line >= 1 for p in report.errors)
        return
    assert dataset is not None
    page = render_all(dataset)["commitments/works-2024-park.md"]
    html = markdown.markdown(page, extensions=EXTENSIONS)
    h1 = lxml.html.fromstring(f"<div>{html}</div>").xpath("//h1")[0]
    expected = unicodedata.normalize("NFC", title).strip()
    assert h1.text_content() == expected
    assert len(h1) == 0


#: Text fields in each way the templates show them: (file, line as in the fixture, page, XPath of
#: the element that must hold exactly the value, text the template puts before it).
FIELDS = {
    # (A number's label was a table cell until hotlines became call cards.)
    "table cell": ("results/works.yaml", "    - name: 完成率", "results/works-2024-q2.md",
                   "//tr[td][1]/td[1]", ""),
    "list item": ("tours/2024.yaml", "      location: 各村社党群服务中心门口", "tours/2024-r1.md",
                  "//li[starts-with(., '意见箱：')]", "意见箱："),
    "paragraph": ("tours/2024.yaml", "  scope: 受理反映被巡察村社领导班子及其成员问题的来信来电来访。",
                  "tours/2024-r1.md", "//h2[.='受理范围']/following-sibling::p[1]", ""),
    "sub-heading": ("tours/2024.yaml", "    - name: 第一巡察组", "tours/2024-r1.md", "//h3", ""),
    "place name": ("places/town.yaml", "  name: 东村", "places/town-east.md", "//h1", ""),
}
#: A copy of its own: the title test above leaves its last (maybe refused) title in _WORK.
_FIELDS_WORK = Path(tempfile.mkdtemp(prefix="props-fields-"))
shutil.copytree(MINI_DATA, _FIELDS_WORK / "data")
_ORIGINALS = {name: (_FIELDS_WORK / "data" / name).read_text(encoding="utf-8")
              for name in {f[0] for f in FIELDS.values()}}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FIELDS)), st.text(min_size=1, max_size=40))
def test_any_text_in_any_kind_of_field_is_refused_or_shown_literally(kind: str, value: str) -> None:
    file, line, page_path, xpath, before = FIELDS[kind]
    data = _FIELDS_WORK / "data"
    key = line[: line.index(":") + 2]
    original = _ORIGINALS[file]
    assert original.count(line + "\n") == 1, line
    try:
        (data / file).write_text(original.replace(line + "\n", key + _yaml_double_quoted(value) + "\n"),
                                 encoding="utf-8")
        report = ErrorReport()
        dataset = load_dataset(data, dt.date(2024, 6, 30), report)
    finally:
        (data / file).write_text(original, encoding="utf-8")
    if report.errors:
        # Refused because of this value: every error is located in the file that holds it.
        assert all(p.file == f"data/{file}" and p.line >= 1 for p in report.errors), report.errors
        event(f"{kind}: refused")
        return
    assert dataset is not None
    event(f"{kind}: shown")
    html = markdown.markdown(render_all(dataset)[page_path], extensions=EXTENSIONS)
    element = lxml.html.fromstring(f"<div>{html}</div>").xpath(xpath)[0]
    expected = unicodedata.normalize("NFC", value).strip()
    if kind == "paragraph" and len(expected.splitlines()) > 1:
        return  # a paragraph field may hold several paragraphs: not one element's text
    assert element.text_content() == before + expected
    assert len(element) == 0, "the value produced child elements"
