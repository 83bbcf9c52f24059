"""One run reports every mistake: no file, setting or stage hides the problems of another.

The invalid fixtures (``errors-in-three-files``, ``site-*-others-checked``, ``*-no-follow-on``) hold
the exact lines; these tests cover what a fixture cannot: the note on settings in error, the
privacy rule while ``official_numbers`` is unknown, the scan of hand-written pages whatever the
data, and the placeholders for every required setting.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generators.load.errors import ErrorReport
from generators.model.site import Site
from generators.model.validate import SETTING_CHECKS, load_dataset, unknown_site

from ..conftest import INVALID, error_lines, run_cli

AS_OF = "2024-06-30"
SKIPPED_NOTE = ("警告 (warning): data/site.yaml: 网站设置有错误，改正前以下检查暂未进行："
                "手机号码是否为登记的官方渠道；电子邮箱是否属于官方域名；"
                "进展的状态名称、通报写明的数字与汇总的进度；热线电话多久未核实 "
                "(checks that need the settings in error were skipped)")
ID_NUMBER = "疑似居民身份证号 '110***********002X'，不得公布个人信息 (privacy: resident ID number)"


def _overlay(case: str, data: Path) -> None:
    for source in sorted((INVALID / case).rglob("*")):
        if source.is_file() and source.name != "expected.txt":
            target = data / source.relative_to(INVALID / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def _add_note(data: Path, note: str) -> None:
    units = data / "units" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + f"  note: {note}\n", encoding="utf-8")


def test_an_unreadable_site_yaml_says_which_checks_wait(mini_copy: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    _overlay("site-yaml-syntax-error-others-checked", mini_copy)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("警告")] == [SKIPPED_NOTE]


def test_a_setting_no_check_needs_adds_no_note(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _overlay("site-setting-in-error-others-checked", mini_copy)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 1
    assert "警告 (warning)" not in err


def test_one_setting_in_error_holds_back_only_its_checks(mini_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    site = mini_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("stale_after_days: 180", "stale_after_days: 0"),
                    encoding="utf-8")
    _add_note(mini_copy, "联系 13800138000")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 1
    assert error_lines(err) == [
        "data/site.yaml:30:19: stale_after_days: 应为正整数，如 180 "
        "(expected a positive whole number), 实际是 '0'",
        "data/units/units.yaml:6:12: note: 手机号码 '138****8000' 不在官方渠道名单中，不得公布；"
        "如确为官方渠道，请在 data/site.yaml 的 official_numbers 中登记 "
        "(privacy: mobile number not in official_numbers)",
    ]
    assert ("警告 (warning): data/site.yaml: 网站设置有错误，改正前以下检查暂未进行："
            "热线电话多久未核实 ") in err


def test_while_official_numbers_are_unknown_mobiles_are_not_judged_but_id_numbers_are(
        mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _overlay("site-yaml-syntax-error-others-checked", mini_copy)
    _add_note(mini_copy, "联系 13800138000，证件 11010519491231002X")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", AS_OF)
    assert code == 1
    assert f"data/units/units.yaml:6:27: note: {ID_NUMBER}" in error_lines(err)
    assert "138****8000" not in err


@pytest.mark.parametrize("case", ["site-yaml-syntax-error-others-checked", "errors-in-three-files"])
def test_hand_written_pages_are_scanned_whatever_the_data(case: str, mini_copy: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    _overlay(case, mini_copy)
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("身份证 110105 19491231 002X\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content, "--as-of", AS_OF)
    assert code == 1
    assert f"content/about.md:1:5: {ID_NUMBER}" in err.splitlines()
    assert error_lines(err) == (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_pages_are_scanned_when_the_data_folder_cannot_be_read(tmp_path: Path, mini_copy: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "data").symlink_to(mini_copy, target_is_directory=True)
    content = repo / "content"
    content.mkdir()
    (content / "about.md").write_text("身份证 110105 19491231 002X\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", repo / "data", "--content", content, "--as-of", AS_OF)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == f"content/about.md:1:5: {ID_NUMBER}"
    assert lines[1].startswith("data: 数据文件夹是指向仓库之外的符号链接")


def test_placeholders_cover_every_required_setting() -> None:
    """A new required setting needs a placeholder, or a site.yaml in error would stop the run."""
    site = unknown_site()
    assert not any(site.known(name) for name in Site.model_fields)
    assert set(SETTING_CHECKS) <= set(Site.model_fields)


def test_records_in_error_are_kept_apart_from_the_figures(mini_copy: Path) -> None:
    _overlay("record-in-error-no-follow-on", mini_copy)
    dataset = load_dataset(mini_copy, dt.date.fromisoformat(AS_OF), ErrorReport())
    assert dataset is not None
    assert [(b.kind, b.id, b.refs) for b in dataset.broken["commitment"]] == [
        ("commitment", "works-2024", {"programme": ("works",), "unit": ("bureau",)})]
    assert dataset.unsure("commitment", "works-2024") and not dataset.unsure("commitment", "works-2025")
    assert sorted(dataset.records["commitment"]) == ["works-2024-park", "works-2024-road"]
