"""``python -m generators migrate``: every old shape that ``check`` explains is rewritten into one
that ``check`` accepts, with one printed line per change, and a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import INVALID, error_lines, overlay, run_cli

#: The invalid fixtures that are old shapes (their expected errors name the new field).
OLD_SHAPES = ["old-commitment-kind", "old-hotline-numbers", "old-tour-channels"]


def _overlay(case: str, data: Path) -> None:
    overlay(INVALID / case, data)


def _migrate(capsys: pytest.CaptureFixture[str], data: Path, *extra: str) -> list[str]:
    code, out, err = run_cli(capsys, "migrate", "--data", data, *extra)
    assert code == 0, err
    return out.splitlines()


@pytest.mark.parametrize("case", OLD_SHAPES)
def test_old_shape_is_migrated_into_one_check_accepts(case: str, mini_copy: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    _overlay(case, mini_copy)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    assert code == 1 and error_lines(err), "the fixture is an old shape that check refuses"

    lines = _migrate(capsys, mini_copy)
    assert lines[-1] == f"已修改 {len(lines) - 1} 处 (changes)" and len(lines) > 1
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    assert error_lines(err) == [] and code == 0, err

    assert _migrate(capsys, mini_copy) == ["已修改 0 处 (changes)"]  # nothing left to do


def test_hotline_numbers_become_channels_and_a_fax_is_a_fax(mini_copy: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    _overlay("old-hotline-numbers", mini_copy)
    path = mini_copy / "hotlines" / "hotlines.yaml"
    old = path.read_text(encoding="utf-8")
    assert '    - number: "12345"\n' in old
    path.write_text(old.replace('    - number: "12345"\n', '    - number: "12345"\n'
                                '    - number: 0577-88001235\n      label: 传真\n', 1), encoding="utf-8")
    _migrate(capsys, mini_copy)
    text = path.read_text(encoding="utf-8")
    assert "numbers:" not in text
    assert ('  channels:\n    - kind: 电话\n      number: "12345"\n'
            '    - kind: 传真\n      number: 0577-88001235\n      label: 传真\n') in text
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    assert error_lines(err) == [] and code == 0, err


def test_dry_run_writes_nothing(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _overlay("old-tour-channels", mini_copy)
    before = {p: p.read_bytes() for p in mini_copy.rglob("*.yaml")}
    lines = _migrate(capsys, mini_copy, "--dry-run")
    assert lines[-1] == f"将修改 {len(lines) - 1} 处 (changes)" and len(lines) > 1
    assert {p: p.read_bytes() for p in mini_copy.rglob("*.yaml")} == before


def test_site_url_leaves_site_yaml_and_its_value_is_printed(mini_copy: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    site = mini_copy / "site.yaml"
    original = site.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    site.write_text("".join([lines[0], "site_url: https://example.org/bulletins/\n", *lines[1:]]),
                    encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    assert code == 1 and "site_url" in err

    assert _migrate(capsys, mini_copy) == [
        "data/site.yaml: site_url 已删除（原为 https://example.org/bulletins/）：网站地址由发布方式决定，"
        "GitHub Pages 自动提供，其他发布方式请在部署时设置环境变量 SITE_URL "
        "(site_url removed: set SITE_URL where the site is published)",
        "已修改 1 处 (changes)"]
    assert site.read_text(encoding="utf-8") == original  # comments and layout kept
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    assert error_lines(err) == [] and code == 0, err
