"""Hostile and careless input through a real build: shown literally, never executed, never published
broken (issue 5, cases 1, 3 and 12, and the atomic build)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from generators.build.htmlscan import scan_page
from generators.cli import main

from ..conftest import build_project, site_digest

HOSTILE = {
    "works-2024-park": "<script>alert(1)</script>",
    "works-2024-road": "{{ config }}",
    "works-2024": "{% include 'x' %} # 通知 [x](javascript:alert(1))",
}


def _set_titles(data: Path) -> None:
    path = data / "commitments" / "works.yaml"
    text = path.read_text(encoding="utf-8")
    for record_id, title in HOSTILE.items():
        start = text.index(f"- id: {record_id}\n")
        line_start = text.index("  title: ", start)
        line_end = text.index("\n", line_start)
        quoted = "'" + title.replace("'", "''") + "'"
        text = text[:line_start] + f"  title: {quoted}" + text[line_end:]
    path.write_text(text, encoding="utf-8")
    hotlines = data / "hotlines" / "hotlines.yaml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("label: 值班电话", "label: A | B"),
                        encoding="utf-8")
    results = data / "results" / "works.yaml"
    results.write_text(results.read_text(encoding="utf-8").replace("name: 解决纠纷", "name: A | B"),
                       encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from ..conftest import MINI_DATA

    work = tmp_path_factory.mktemp("hostile")
    data = work / "data"
    shutil.copytree(MINI_DATA, data)
    _set_titles(data)
    text = (data / "hotlines" / "hotlines.yaml").read_text(encoding="utf-8")
    (data / "hotlines" / "hotlines.yaml").write_text(
        text.replace("number: 0577-88001234", "number: 057788001234"), encoding="utf-8")
    (data / "places" / "town.yaml").write_text(
        (data / "places" / "town.yaml").read_text(encoding="utf-8").replace("name: 西村", "name: NO"),
        encoding="utf-8")
    return build_project(work / "project", data, "2024-06-30")


@pytest.mark.parametrize("record_id", sorted(HOSTILE))
def test_hostile_titles_show_literally_and_add_no_element(hostile_site: Path, record_id: str) -> None:
    html = (hostile_site / "commitments" / record_id / "index.html").read_bytes()
    page = lxml.html.fromstring(html)
    h1 = page.xpath("//article//h1")[0]
    assert h1.text_content() == HOSTILE[record_id]
    assert len(h1) == 0, "the title produced child elements"
    assert not page.xpath("//article//script")
    assert b"alert(1)</script>" not in html
    assert list(scan_page(hostile_site / "commitments" / record_id / "index.html", hostile_site)) == []


def test_a_pipe_in_a_number_label_shows_literally(hostile_site: Path) -> None:
    """The label was a table cell (a pipe would end it); it is now part of a call card."""
    page = lxml.html.fromstring((hostile_site / "hotlines" / "office" / "index.html").read_bytes())
    cards = page.xpath("//article//div[@class='call-card']")
    statuses = [c.xpath(".//span[@class='call-status']")[0].text_content() for c in cards]
    assert any(s.endswith("（A | B）") for s in statuses), statuses
    assert all(c.xpath(".//*[@class='call-number']") for c in cards)


def test_both_landline_forms_show_the_same(hostile_site: Path, mini_site: Path) -> None:
    """``057788001234`` (hostile build) and ``0577-88001234`` (mini build) look alike."""
    for site in (hostile_site, mini_site):
        page = lxml.html.fromstring((site / "hotlines" / "office" / "index.html").read_bytes())
        tel_links = page.xpath("//article//a[starts-with(@href, 'tel:')]")
        links = {a.text_content(): a.get("href") for a in tel_links}
        assert links == {"0577-88001234": "tel:057788001234"}


def test_no_stays_text(hostile_site: Path) -> None:
    page = lxml.html.fromstring((hostile_site / "places" / "town-west" / "index.html").read_bytes())
    assert page.xpath("//article//h1")[0].text_content() == "NO"


def test_a_failed_build_keeps_the_last_good_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ..conftest import MINI_DATA

    site = build_project(tmp_path, MINI_DATA, "2024-06-30")
    before = site_digest(site)
    # A hand-written page with a broken link: MkDocs' strict validation fails the build.
    (tmp_path / "content" / "broken.md").write_text("# 坏链接\n\n[x](nowhere.md)\n", encoding="utf-8")
    code = main(["build", "--data", str(MINI_DATA), "--as-of", "2024-06-30",
                 "--content", str(tmp_path / "content"), "--config", str(tmp_path / "mkdocs.yml"),
                 "--site", str(site)])
    assert code == 1
    assert "原有网站未改动" in capsys.readouterr().err
    assert site_digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_a_file_with_too_many_values_is_refused_quickly() -> None:
    """Memory grows with the values in a file: the loader stops at MAX_VALUES, not at the end."""
    import time

    from generators.load.document import MAX_VALUES, LoadError, parse

    text = "- [" + ",".join(["a"] * (MAX_VALUES * 5)) + "]\n"
    started = time.perf_counter()
    with pytest.raises(LoadError, match="文件内容过多") as caught:
        parse(text, "many.yaml")
    assert time.perf_counter() - started < 10
    assert (caught.value.line, caught.value.col) == (1, 4 + 2 * (MAX_VALUES - 2))


def test_an_oversized_file_is_refused_without_being_read(mini_copy: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from generators.load.document import MAX_FILE_BYTES

    from ..conftest import error_lines, run_cli

    with (mini_copy / "units" / "huge.yaml").open("wb") as huge:  # sparse: costs no disk
        huge.truncate(MAX_FILE_BYTES + 1)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    assert code == 1
    assert error_lines(err) == ["data/units/huge.yaml: 文件过大 (file larger than 20 MiB)"]
    assert "Traceback" not in err


def test_a_build_the_scan_refuses_keeps_the_last_good_site(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """MkDocs passes raw HTML in a hand-written page through; the scan stops it before the swap."""
    from ..conftest import MINI_DATA

    site = build_project(tmp_path, MINI_DATA, "2024-06-30")
    before = site_digest(site)
    # about.md is in the nav: a page outside it would already fail MkDocs' strict validation.
    (tmp_path / "content" / "about.md").write_text(
        "# 通知\n\n<img src=\"x.png\" onerror=\"alert(1)\">\n\n<script>alert(1)</script>\n\n"
        "[点这里](javascript:alert(1))\n\n<script src=\"../assets/javascripts/extra.js\"></script>\n",
        encoding="utf-8")
    # A script of our own making, dropped where the theme's scripts live.
    (tmp_path / "content" / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "content" / "assets" / "javascripts" / "extra.js").write_text("alert(1);\n")
    code = main(["build", "--data", str(MINI_DATA), "--as-of", "2024-06-30",
                 "--content", str(tmp_path / "content"), "--config", str(tmp_path / "mkdocs.yml"),
                 "--site", str(site)])
    err = capsys.readouterr().err
    assert code == 1
    assert "about/index.html: 元素 <img> 带有事件属性 onerror= (event handler attribute)" in err
    assert "about/index.html: 不认识的内联脚本 (unknown inline script): 'alert(1)'" in err
    assert "about/index.html: 元素 <a> 的 href 使用了不安全的链接 (unsafe URL scheme)" in err
    assert ("about/index.html: 不允许的脚本 ../assets/javascripts/extra.js (script that is not the theme's)"
            in err)
    assert "原有网站未改动" in err
    assert "Traceback" not in err
    assert site_digest(site) == before
    assert b"onerror" not in (site / "about" / "index.html").read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_a_symbolic_link_in_data_is_refused(mini_copy: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from ..conftest import error_lines, run_cli

    secret = tmp_path / "secret.yaml"
    secret.write_text("- id: group-9\n  name: 机密\n", encoding="utf-8")
    (mini_copy / "units" / "linked.yaml").symlink_to(secret)
    code, _, err = run_cli(capsys, "check", "--data", mini_copy, "--as-of", "2024-06-30")
    assert code == 1
    assert error_lines(err) == [
        "data/units/linked.yaml: 数据文件不能是符号链接，请放入文件本身 (symbolic links are not allowed)"]
