"""The privacy rule on hand-written pages, and the checks behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.model.policy import is_resident_id, mask

from ..conftest import error_lines, run_cli


def test_resident_id_check_character() -> None:
    assert is_resident_id("11010519491231002X")
    assert not is_resident_id("110105194912310021")


def test_mask_keeps_only_the_ends() -> None:
    assert mask("13800138000") == "138****8000"


def test_hand_written_pages_are_checked_too(mini_copy: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("# 关于\n\n联系人：王先生 13800138000。\n官方：17857082965\n",
                                      encoding="utf-8")
    (content / "tours").mkdir()  # generated folders are not scanned: they come from checked data
    (content / "tours" / "x.md").write_text("13800138000\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("content/")]
    assert lines == ["content/about.md:3:9: 手机号码 '138****8000' 不在官方渠道名单中，不得公布；"
                     "如确为官方渠道，请在 data/site.yaml 的 official_numbers 中登记 "
                     "(privacy: mobile number not in official_numbers)"]
    assert error_lines(err) == []


def test_a_hand_written_page_that_is_not_utf8_is_a_located_error(
        mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_bytes("# 关于\n\n本站".encode() + "关于".encode("gbk") + b"\n")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("content/")] == [
        "content/about.md:3:3: 文件不是 UTF-8 编码，请用 UTF-8 保存 (file is not UTF-8)"]
    assert "Traceback" not in err


@pytest.mark.parametrize("written", ["13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000",
                                     "8613800138000", "１３８００１３８０００", "１３８－００１３－８０００"])
def test_a_mobile_number_is_found_however_it_is_written(written: str) -> None:
    from generators.model.policy import findings, redact
    from generators.model.site import Site

    site = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": [],
                                "official_numbers": ["17857082965"]})
    found = list(findings(f"联系 {written} 王", site))
    assert [(offset, "'138****8000'" in message) for offset, message in found] == [(3, True)]
    assert redact(f"实际是 '{written}'") == "实际是 '138****8000'"


@pytest.mark.parametrize("written", ["11010519491231002X", "110105 19491231 002X", "110105-19491231-002x",
                                     "１１０１０５１９４９１２３１００２Ｘ"])
def test_a_resident_id_is_found_however_it_is_written(written: str) -> None:
    from generators.model.policy import findings, redact
    from generators.model.site import Site

    site = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": []})
    assert [m for _, m in findings(written, site)] == [
        "疑似居民身份证号 '110***********002X'，不得公布个人信息 (privacy: resident ID number)"]
    assert redact(written) == "110***********002X"


@pytest.mark.parametrize("written", ["0577-88001234", "12345", "2024-06-30", "178 5708 2965",
                                     "138001380001", "110105194912310021", "第 1380 号"])
def test_what_is_not_a_private_number_passes(written: str) -> None:
    from generators.model.policy import findings
    from generators.model.site import Site

    site = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": [],
                                "official_numbers": ["17857082965"]})
    assert list(findings(written, site)) == []


def test_a_file_full_of_numbers_gives_a_short_report_quickly(mini_copy: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import time

    note = "，".join(["13800138000"] * 200_000)
    (mini_copy / "units" / "more.yaml").write_text(
        f'- id: group-2\n  name: 第二组\n  note: "{note}"\n', encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.md").write_text("13800138000\n" * 100_000, encoding="utf-8")
    started = time.perf_counter()
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content)
    assert time.perf_counter() - started < 10
    assert code == 1
    privacy = [line for line in err.splitlines() if "privacy" in line]
    assert len(privacy) == 20  # ten for the note, ten for the page
    assert privacy[1].startswith("content/about.md:2:1: ")
    assert privacy[11].startswith("data/units/more.yaml:3:22: note: ")


def test_a_symbolic_link_under_content_is_refused(mini_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "secret.txt").write_text("机密\n", encoding="utf-8")
    (content / "leak.md").symlink_to(tmp_path / "secret.txt")
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--content", content)
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("content/")] == [
        "content/leak.md: content/ 中不能有符号链接，请放入文件本身 (symbolic links are not allowed)"]


def test_the_characters_not_searched_for_format_characters_are_none() -> None:
    """The fast path of the fields' format-character check: a string of only these characters
    is not searched, so none of them may be a format character."""
    import unicodedata

    from generators.model import normalise

    for code in range(0x10000):
        ch = chr(code)
        if not normalise._MAYBE_FORMAT.fullmatch(ch):
            assert unicodedata.category(ch) != "Cf", hex(code)
