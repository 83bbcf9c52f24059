"""The commands as staff and CI run them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI_DATA, ROOT, SAMPLE_DATA, error_lines, run_cli


def _edit(path: Path, pattern: str, change) -> tuple[int, int]:
    """Apply ``change(line) -> (new line, column)`` to the first line matching ``pattern``;
    return the 1-based line and column of the mistake."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if re.match(pattern, line))
    new, col = change(lines[index])
    lines[index:index + 1] = new if isinstance(new, list) else [new]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1 + (len(new) - 1 if isinstance(new, list) else 0), col


def _first(data: Path, folder: str) -> Path:
    return sorted((data / folder).glob("*.yaml"))[0]


@pytest.mark.parametrize("source", [MINI_DATA, SAMPLE_DATA], ids=["mini", "sample"])
def test_four_mistakes_four_errors(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A short hotline number, a duplicate key, an unknown place id and an end date before the
    start, in one copy of the data: four errors, each at its own file:line:col, exit code 1."""
    data = tmp_path / "data"
    shutil.copytree(source, data)
    hotlines, tours = _first(data, "hotlines"), _first(data, "tours")

    def rel(path: Path) -> str:
        return path.relative_to(tmp_path).as_posix()

    def short_number(line: str):
        col = line.index("number:") + len("number: ") + 1
        return line[: col - 1] + '"0577"', col

    def duplicate(line: str):
        return [line, line], line.index("round") + 1

    def unknown_place(line: str):
        col = line.index("places:") + len("places: ") + 1
        return line[: col - 1] + "[no-such-village]", col + 1  # the item, after "["

    def end_before_start(line: str):
        return "  end: 2000-01-01", 8

    expected = [
        (rel(hotlines), *_edit(hotlines, r"\s+number:", short_number),
         "channels[1].number: 电话号码格式不正确"),
        (rel(tours), *_edit(tours, r"  round:", duplicate), "round: 重复的字段 'round'"),
        (rel(tours), *_edit(tours, r"  end:", end_before_start), "end: 结束日期 2000-01-01 早于开始日期"),
    ]
    # The unknown place goes into another hotline record, which is otherwise valid.
    lines = hotlines.read_text(encoding="utf-8")
    hotlines.write_text(lines + "- id: extra-line\n  name: 测试热线\n  type: 服务\n  channels:\n"
                        "    - kind: 电话\n      number: \"12345\"\n  unit: " + _any_unit(data) + "\n"
                        "  places: []\n  verified: 2024-01-01\n", encoding="utf-8")
    expected.append((rel(hotlines), *_edit(hotlines, r"  places: \[\]", unknown_place),
                     "places[1]: 找不到编号为 'no-such-village' 的地方"))

    code, _, err = run_cli(capsys, "check", "--data", data)
    lines = error_lines(err)
    assert code == 1
    assert len(lines) == 4, lines
    for file, line, col, start in expected:
        assert any(got.startswith(f"{file}:{line}:{col}: {start}") for got in lines), (file, line, col, lines)
    assert "发现 4 个错误" in err


def _any_unit(data: Path) -> str:
    text = _first(data, "units").read_text(encoding="utf-8")
    return re.search(r"^- id: (\S+)", text, re.M).group(1)


def test_help_lists_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "generators", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    for command in ("check", "generate", "build", "serve", "clean", "publish"):
        assert command in result.stdout


def test_readme_documents_every_command() -> None:
    from generators.cli import COMMANDS, MODULE_COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    for command in [*COMMANDS, *MODULE_COMMANDS]:
        assert f"| `{command}" in commands, command


def test_internal_errors_show_no_traceback_without_debug(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generators", "check", "--data", str(tmp_path / "nope")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "缺少网站设置文件" in result.stderr
