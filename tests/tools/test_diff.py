"""``python -m generators diff``: what a change does, in words, for the pull request."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import SAMPLE_DATA, run_cli


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_DATA, tmp_path / "data")
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", "data")
    git(tmp_path, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base")
    return tmp_path


def _commit(repo: Path) -> None:
    git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qam", "change")


def test_a_status_a_number_and_a_new_record(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = repo / "data"
    old = data / "commitments" / "laojiu-2023.yaml"
    update = "    - date: 2023-12-20\n      status: 已完成\n      note: 29个项目全部开工，25个完工。\n"
    old.write_text(old.read_text(encoding="utf-8") + update, encoding="utf-8")
    lines = data / "hotlines" / "ruian.yaml"
    lines.write_text(lines.read_text(encoding="utf-8").replace('number: "12345"', "number: 0577-12345678"),
                     encoding="utf-8")
    units = data / "units" / "ruian.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "\n- id: shi-minzhengju\n  name: 市民政局\n",
                     encoding="utf-8")
    _commit(repo)

    code, out, _ = run_cli(capsys, "diff", "HEAD~1", "HEAD", "--data", data, "--as-of", "2023-12-31")
    assert code == 0
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert items == [
        "- 新增责任单位 `shi-minzhengju`：`市民政局`",
        "- 热线电话 `zhengwu-12345`（`12345 政务服务便民热线`）：渠道 电话 12345 → 电话 0577-12345678",
        "- 承诺事项 `laojiu-2023`（`2023年实施城镇老旧小区改造项目29个，其中完工25个`）："
        "状态 `推进中` → `已完成`，进度 未报告 → 100%",
    ]


def test_new_errors_are_listed_and_the_worktree_can_be_compared(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tours = repo / "data" / "tours" / "2020.yaml"
    tours.write_text(tours.read_text(encoding="utf-8").replace("end: 2020-06-15", "end: 2020-04-01"),
                     encoding="utf-8")
    code, out, _ = run_cli(capsys, "diff", "HEAD", "--worktree", "--data", repo / "data")
    assert code == 0
    assert "### 新出现的问题（1 个）" in out
    assert "end: 结束日期 2020-04-01 早于开始日期 2020-04-22 (end before start)" in out


@pytest.mark.parametrize(("path", "old", "new"), [
    ("commitments/laojiu-2023.yaml", "      status: 推进中\n", "      status: 推进了\n"),  # unknown word
    ("site.yaml", "statuses:\n", "statuses:\n\t"),  # every status word unknown
])
def test_records_in_error_are_still_compared(path: str, old: str, new: str, repo: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = repo / "data" / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, _ = run_cli(capsys, "diff", "HEAD", "--worktree", "--data", repo / "data")
    assert code == 0
    assert "### 新出现的问题" in out


def test_a_new_report_says_the_day_it_appears(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A monthly report merged before its bulletin's day: the pull request says when the site
    shows it (the daily build publishes it then)."""
    results = repo / "data" / "results" / "shili-2025.yaml"
    text = results.read_text(encoding="utf-8")
    september = text[text.index("- id: shili-minsheng-2025-09"):]
    october = (september.replace("shili-minsheng-2025-09", "shili-minsheng-2025-10")
               .replace("period: 2025-09\n", "period: 2025-10\n")
               .replace("date: 2025-10-09", "date: 2025-11-08"))
    results.write_text(text + "\n" + october, encoding="utf-8")
    _commit(repo)
    code, out, _ = run_cli(capsys, "diff", "HEAD~1", "HEAD", "--data", repo / "data", "--as-of", "2025-11-01")
    assert code == 0
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert items == ["- 新增进展通报 `shili-minsheng-2025-10`：`shili-minsheng-2025-10`"
                     "（2025-11-08 起在网站上公开）"]
