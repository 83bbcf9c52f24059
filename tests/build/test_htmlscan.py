"""The HTML scan catches what must never be published."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.build.htmlscan import scan_page, scan_site, theme_scripts

MATERIAL = ('<script>__md_scope=new URL("..",location),__md_hash=e=>0</script>'
            '<script id="__config" type="application/json">{"base": ".."}</script>'
            '<script src="../assets/javascripts/bundle.x.min.js"></script>')


def page(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "p" / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><head>{MATERIAL}</head><body>{body}</body></html>", encoding="utf-8")
    return path


def test_a_clean_page_passes(tmp_path: Path) -> None:
    assert list(scan_page(page(tmp_path, "<p>你好 {x} &#123;&#123; shown &#125;&#125;</p>"), tmp_path)) == []


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('<img src="x.png" onerror="alert(1)">', "事件属性 onerror"),
        ('<a href="javascript:alert(1)">x</a>', "不安全的链接"),
        ('<a href=" data:text/html,x">x</a>', "不安全的链接"),
        ("<script>alert(1)</script>", "不认识的内联脚本"),
        ('<script src="https://cdn.example.com/x.js"></script>', "不允许的脚本"),
        ("<p>{{ config }}</p>", "未渲染的模板标记"),
        ("<p>a</p>{% include 'x' %}", "未渲染的模板标记"),
        ('<p title="{{ x }}">a</p>', "未渲染的模板标记"),
    ],
)
def test_each_breach_is_reported(tmp_path: Path, body: str, words: str) -> None:
    problems = list(scan_page(page(tmp_path, body), tmp_path))
    assert len(problems) == 1 and words in problems[0], problems


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('<img src="https://img.example.com/a.png" alt="">', "从其他网站加载"),
        ('<img srcset="a.png 1x, //cdn.example.com/a2.png 2x" alt="">', "从其他网站加载"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Noto">', "从其他网站加载"),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', "从其他网站加载"),
        ('<a href="https://news.example.com/a">来源</a>', "没有标明 external"),
        ('<img src="\\\\img.example.com/a.png" alt="">', "从其他网站加载"),
        ('<div style="background: url(\'https://cdn.example.com/bg.png\')">x</div>', "样式从其他网站加载"),
        ('<style>@import "https://cdn.example.com/x.css";</style>', "样式从其他网站加载"),
    ],
)
def test_requests_to_other_hosts_are_reported(tmp_path: Path, body: str, words: str) -> None:
    problems = list(scan_page(page(tmp_path, body), tmp_path, own_hosts=frozenset({"example.org"})))
    assert len(problems) == 1 and words in problems[0], problems


@pytest.mark.parametrize("body", [
    '<a class="external" rel="noopener" href="https://news.example.com/a">来源</a>',
    '<link rel="canonical" href="https://example.org/bulletins/">',
    '<a href="https://example.org/bulletins/places/">本站</a>',
    '<img src="../qr/place-x.svg" alt="二维码">',
    '<a href="tel:057765000001">电话</a> <a href="mailto:a@example.com">邮件</a>',
    '<div style="background: url(data:image/svg+xml;base64,AAAA)">x</div>',
])
def test_own_resources_and_marked_links_pass(tmp_path: Path, body: str) -> None:
    assert list(scan_page(page(tmp_path, body), tmp_path, own_hosts=frozenset({"example.org"}))) == []


def test_stylesheets_in_the_site_are_scanned(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.css").write_text(
        "a{color:red}\n@font-face{src:url(//fonts.example.com/x.woff2)}\n", encoding="utf-8")
    assert scan_site(tmp_path, {}) == [
        "assets/x.css:2: 样式从其他网站加载资源 //fonts.example.com/x.woff2 (CSS loads from another host)"]


def test_the_sample_site_loads_nothing_from_other_hosts(sample_site: Path) -> None:
    """The proof the issue asks for, on the real build: every page and stylesheet."""
    from mkdocs.config import load_config

    from ..conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    host = frozenset({"example.org"})
    assert scan_site(sample_site, {}, theme_scripts(config.theme.dirs), host) == []
    marked = sum(p.read_text(encoding="utf-8").count('class="external"')
                 for p in sample_site.rglob("*.html"))
    assert marked > 0  # evidence and source links exist, and each is marked


def test_record_pages_must_match_records(tmp_path: Path) -> None:
    for record_id in ("a", "b"):
        page_path = tmp_path / "tours" / record_id / "index.html"
        page_path.parent.mkdir(parents=True)
        page_path.write_text("<html><body></body></html>", encoding="utf-8")
    problems = scan_site(tmp_path, {"tours": {"a", "c"}})
    assert problems == ["tours/c/: 记录没有生成页面 (record page missing)",
                        "tours/b/: 页面没有对应的记录 (page without a record)"]


@pytest.mark.parametrize("tag", ['<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
                                 '<object data="x.swf"></object>', '<embed src="x.swf">',
                                 '<base href="https://evil.example.com/">'])
def test_embedding_elements_are_refused(tmp_path: Path, tag: str) -> None:
    problems = list(scan_page(page(tmp_path, tag), tmp_path))
    assert len(problems) == 1 and "不允许的元素" in problems[0], problems


def _site_with_scripts(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A built site holding the theme's bundle and, next to it, a script that came from content/."""
    theme = tmp_path / "theme"
    (theme / "assets" / "javascripts").mkdir(parents=True)
    (theme / "assets" / "javascripts" / "bundle.x.min.js").write_text("theme();", encoding="utf-8")
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.x.min.js").write_text("theme();", encoding="utf-8")
    (site / "assets" / "javascripts" / "evil.js").write_text("alert(1);", encoding="utf-8")
    return site, theme_scripts([theme])


@pytest.mark.parametrize(("src", "allowed"), [
    ("../assets/javascripts/bundle.x.min.js", True),
    ("/bulletins/assets/javascripts/bundle.x.min.js", True),  # the 404 page, from site_url's path
    ("../assets/javascripts/evil.js", False),  # under assets/, but not the theme's
    ("../../assets/javascripts/bundle.x.min.js", False),  # outside the site
    ("https://cdn.example.com/assets/javascripts/bundle.x.min.js", False),
])
def test_only_the_themes_own_scripts_are_allowed(tmp_path: Path, src: str, allowed: bool) -> None:
    site, scripts = _site_with_scripts(tmp_path)
    path = site / "p" / "index.html"
    path.parent.mkdir()
    path.write_text(f'<html><head><script src="{src}"></script></head><body></body></html>',
                    encoding="utf-8")
    problems = list(scan_page(path, site, scripts))
    refused = f"p/index.html: 不允许的脚本 {src} (script that is not the theme's)"
    assert problems == ([] if allowed else [refused])


def test_a_theme_script_changed_in_the_build_is_refused(tmp_path: Path) -> None:
    site, scripts = _site_with_scripts(tmp_path)
    (site / "assets" / "javascripts" / "bundle.x.min.js").write_text("alert(1);", encoding="utf-8")
    path = site / "index.html"
    path.write_text('<script src="assets/javascripts/bundle.x.min.js"></script>', encoding="utf-8")
    assert len(list(scan_page(path, site, scripts))) == 1


def test_the_real_build_passes_with_the_real_theme(mini_site: Path) -> None:
    from mkdocs.config import load_config

    from ..conftest import ROOT

    scripts = theme_scripts(load_config(str(ROOT / "mkdocs.yml")).theme.dirs)
    assert any(name.startswith("assets/javascripts/bundle.") for name in scripts)
    assert scan_site(mini_site, {}, scripts) == []


def test_the_parallel_scan_finds_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generators.build.htmlscan as htmlscan

    for index in range(7):
        target = tmp_path / f"p{index}" / "index.html"
        target.parent.mkdir()
        target.write_text(f'<p onclick="x()">{index}</p>' if index % 3 == 0 else "<p>ok</p>",
                          encoding="utf-8")
    serial = scan_site(tmp_path, {})
    monkeypatch.setattr(htmlscan, "PARALLEL_FROM", 0)
    assert scan_site(tmp_path, {}) == serial and len(serial) == 3
