"""Issue 12: every published file, of every type, passes its scan; each hostile case that got
through before is refused with its exact message."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generators.build.htmlscan import css_urls, scan_file, scan_page, scan_site, url_problem
from generators.cli import main

from ..conftest import MINI_DATA, build_project, site_digest
from .test_htmlscan import page

OWN = frozenset({"example.org"})
UNSAFE = "p/index.html: 元素 <a> 的 href 使用了不安全的链接 (unsafe URL scheme)"


@pytest.mark.parametrize(("body", "expected"), [
    ('<a href="java&#9;script:alert(1)">x</a>', [UNSAFE]),
    ('<a href="jav&Tab;ascript:alert(1)">x</a>', [UNSAFE]),
    ('<a href="javascript&colon;alert(1)">x</a>', [UNSAFE]),
    ('<a href="&#x6A;avascript:alert(1)">x</a>', [UNSAFE]),
    ('<a href=" VBScript:msgbox(1)">x</a>', [UNSAFE]),
    ('<a href="http:evil.example/x">x</a>', [UNSAFE]),
    ('<a href="https:evil.example/x">x</a>', [UNSAFE]),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
     ["p/index.html: 不允许的元素 <animate> (element not allowed)"]),
    ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
     ["p/index.html: 不允许的元素 <set> (element not allowed)"]),
    ('<svg><foreignObject><p>x</p></foreignObject></svg>',
     ["p/index.html: 不允许的元素 <foreignobject> (element not allowed)"]),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     ["p/index.html: 元素 <a> 带有不允许的属性 xlink:href= (attribute not allowed)"]),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">',
     ["p/index.html: 元素 <meta> 带有不允许的属性 http-equiv= (attribute not allowed)"]),
    ('<link rel="preload" imagesrcset="https://evil.example/x.png 1x">',
     ["p/index.html: 元素 <link> 带有不允许的属性 imagesrcset= (attribute not allowed)"]),
    ('<table background="https://evil.example/x.png"><tr><td>x</td></tr></table>',
     ["p/index.html: 元素 <table> 带有不允许的属性 background= (attribute not allowed)"]),
    ('<form action="https://evil.example/"><button formaction="javascript:alert(1)">x</button></form>',
     ["p/index.html: 元素 <form> 带有不允许的属性 action= (attribute not allowed)",
      "p/index.html: 元素 <button> 带有不允许的属性 formaction= (attribute not allowed)"]),
    ('<video poster="https://evil.example/x.png"></video>',
     ["p/index.html: 不允许的元素 <video> (element not allowed)"]),
    ('<img src="data:image/svg+xml;base64,AAAA" alt="">',
     ["p/index.html: 元素 <img> 的 src 使用了不安全的链接 (unsafe URL scheme)"]),
    ("<div style=\"background-image: image-set('https://evil.example/x.png' 1x)\">x</div>",
     ["p/index.html:1: 样式从其他网站加载资源 https://evil.example/x.png (CSS loads from another host)"]),
    ('<div style="background-image: -webkit-image-set(url(//evil.example/x.png) 1x)">x</div>',
     ["p/index.html:1: 样式从其他网站加载资源 //evil.example/x.png (CSS loads from another host)"]),
    ('<div style="background: u\\72l(https://evil.example/x.png)">x</div>',
     ["p/index.html:1: 样式从其他网站加载资源 https://evil.example/x.png (CSS loads from another host)"]),
    ('<div style="background: url(\\68 ttps://evil.example/x.png)">x</div>',
     ["p/index.html:1: 样式从其他网站加载资源 https://evil.example/x.png (CSS loads from another host)"]),
    ("<div style=\"background: url('java\\73 cript:alert(1)')\">x</div>",
     ["p/index.html:1: 样式中有不安全的链接 'javascript:alert(1)'："
      "不允许的协议 javascript: (scheme not allowed)"]),
    ('<style>/* x */ @im\\70 ort "https://evil.example/x.css";</style>',
     ["p/index.html:1: 样式从其他网站加载资源 https://evil.example/x.css (CSS loads from another host)"]),
])
def test_hostile_markup_is_refused(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert list(scan_page(page(tmp_path, body), tmp_path, own_hosts=OWN)) == expected


@pytest.mark.parametrize("body", [
    '<a href="mailto:a@example.gov.cn">m</a> <a href="tel:12345">t</a> <a href="#x">a</a>',
    '<a href="../places/x/">本站</a> <a href="https://example.org/bulletins/">本站</a>',
    '<a class="external" href="https://www.ruian.gov.cn/">外站</a>',
    '<div style="mask-image: url(&quot;data:image/svg+xml;charset=utf-8,&lt;svg/&gt;&quot;)">x</div>',
])
def test_what_the_site_needs_passes(tmp_path: Path, body: str) -> None:
    assert list(scan_page(page(tmp_path, body), tmp_path, own_hosts=OWN)) == []


@pytest.mark.parametrize(("url", "problem"), [
    ("https://example.org/", None), ("http://example.org/", None), ("mailto:a@b.cn", None),
    ("tel:12345", None), ("../a/b/", None), ("#锚点", None), ("?q=1&amp;x=2", None),
    ("http:evil.example", "http: 后面缺少 // (no // after http:)"),
    ("\x01 java\nscript:alert(1)", "不允许的协议 javascript: (scheme not allowed)"),
    ("data:text/html,x", "不允许的协议 data: (scheme not allowed)"),
    ("javascript&colon;x", "不允许的协议 javascript: (scheme not allowed)"),
])
def test_urls_are_read_as_a_browser_reads_them(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


def test_a_css_scan_is_linear() -> None:
    """Unclosed comments, strings and url( repeated a million times: one pass each."""
    import time

    for text in ("/*" * 500_000, "url('" * 400_000, "url(" * 500_000, "'" + "\\'" * 500_000):
        started = time.perf_counter()
        list(css_urls(text))
        assert time.perf_counter() - started < 10


def _site(tmp_path: Path, name: str, data: bytes | str) -> Path:
    site = tmp_path / "site"
    target = site / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    target.write_bytes(data)
    return target


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("map.svg", SVG.format("<script>alert(1)</script>"),
     ["map.svg: 不允许的元素 <script> (element not allowed)"]),
    ("map.svg", SVG.format('<rect onclick="alert(1)" width="1" height="1"/>'),
     ["map.svg: 元素 <rect> 带有事件属性 onclick= (event handler attribute)"]),
    ("map.svg", SVG.format('<animate attributeName="href" to="javascript:alert(1)"/>'),
     ["map.svg: 不允许的元素 <animate> (element not allowed)"]),
    ("map.svg", SVG.format('<a href="https://evil.example/"><text>x</text></a>'),
     ["map.svg: 元素 <a> 带有不允许的属性 href= (attribute not allowed)"]),
    ("map.svg", SVG.format('<use xlink:href="data:image/svg+xml,x#a"/>'),
     ["map.svg: 不允许的元素 <use> (element not allowed)"]),
    ("map.svg", SVG.format('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
     ["map.svg: SVG 中不允许的命名空间元素 <div> (foreign element)",
      "map.svg: 不允许的元素 <foreignobject> (element not allowed)"]),
    ("map.svg", '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
     ["map.svg: XML 中不能有 DOCTYPE 或实体声明 (DOCTYPE or entity declaration)"]),
    ("map.svg", SVG.format('<rect style="fill: url(https://evil.example/x)" width="1" height="1"/>'),
     ["map.svg:1: 样式从其他网站加载资源 https://evil.example/x (CSS loads from another host)"]),
    ("page.htm", "<p>x</p><script>alert(1)</script>",
     ["page.htm: 不认识的内联脚本 (unknown inline script): 'alert(1)'"]),
    ("page.HTML", '<a href="java&#9;script:alert(1)">x</a>',
     ["page.HTML: 元素 <a> 的 href 使用了不安全的链接 (unsafe URL scheme)"]),
    ("x.php", "<?php system($_GET['c']); ?>",
     ["x.php: 不能发布的文件类型 '.php'；可发布的类型：.css .csv .gif .htm .html .ico .ics .jpeg .jpg .js "
      ".json .png .svg .txt .webp .woff .woff2 .xlsx .xml (unknown file type, not published)"]),
    ("README", "x", ["README: 不能发布的文件类型 '（无扩展名）'；可发布的类型："
                     ".css .csv .gif .htm .html .ico .ics .jpeg .jpg .js .json .png .svg .txt .webp "
                     ".woff .woff2 .xlsx .xml "
                     "(unknown file type, not published)"]),
    ("logo.png", "<html><script>alert(1)</script></html>",
     ["logo.png: 文件内容与扩展名 .png 不符 (content does not match the file type)"]),
    ("feed.xml", '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="x.xsl"?><feed/>',
     ["feed.xml: XML 中不能有处理指令 <?xml-stylesheet …?> (processing instruction)"]),
    ("feed.xml", '<feed><html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html></feed>',
     ["feed.xml: XML 中不能有网页或 SVG 元素 <html> (active content in XML)"]),
    ("assets/x.js", "alert(1);",
     ["assets/x.js: 不是主题自带的脚本，不能发布 (script that is not the theme's)"]),
    # A '(' ends an unquoted url( for the CSS tokenizer: the URL shown is what is read up to it.
    ("assets/x.css", "a{background:url(javascript:alert(1))}",
     ["assets/x.css:1: 样式中有不安全的链接 'javascript:alert'："
      "不允许的协议 javascript: (scheme not allowed)"]),
    ("data.json", "{", ["data.json: JSON 文件无法解析 (invalid JSON)"]),
    ("notes.txt", b"\xff\xfe", ["notes.txt: 文件不是 UTF-8 编码 (file is not UTF-8)"]),
    ("sitemap.xml.gz", gzip.compress(b"<urlset><html xmlns='http://www.w3.org/1999/xhtml'/></urlset>"),
     ["sitemap.xml.gz: XML 中不能有网页或 SVG 元素 <html> (active content in XML)"]),
    ("sitemap.xml.gz", gzip.compress(b"\0" * (65 * 2**20)),
     ["sitemap.xml.gz: 压缩文件解压后过大 (unpacks to more than 64 MiB)"]),
])
def test_every_file_type_is_scanned(tmp_path: Path, name: str, data: bytes | str,
                                    expected: list[str]) -> None:
    path = _site(tmp_path, name, data)
    assert list(scan_file(path, tmp_path / "site", {}, OWN)) == expected


def test_clean_files_of_every_type_pass(tmp_path: Path) -> None:
    _site(tmp_path, "chart.svg", SVG.format('<title>图</title><rect width="1" height="1" fill="#000"/>'))
    _site(tmp_path, "data.json", "[]")
    _site(tmp_path, "data.csv", "a,b\n1,2\n")
    _site(tmp_path, "cal.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    _site(tmp_path, "feed.xml", '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"/>')
    _site(tmp_path, "logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    _site(tmp_path, "sitemap.xml.gz", gzip.compress(b"<urlset/>"))
    assert scan_site(tmp_path / "site", {}) == []


def test_a_symbolic_link_in_the_site_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "secret.txt").symlink_to("/etc/hostname")
    assert scan_site(site, {}) == ["secret.txt: 网站中不能有符号链接 (symbolic link in the site)"]


def test_hostile_files_under_content_stop_the_real_build(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Copied as they are by MkDocs, scanned in the built site: the build fails, nothing is swapped."""
    site = build_project(tmp_path, MINI_DATA, "2024-06-30")
    before = site_digest(site)
    content = tmp_path / "content"
    (content / "notice.htm").write_text('<p><a href="java&#9;script:alert(1)">通知</a></p>', encoding="utf-8")
    (content / "map.svg").write_text(SVG.format('<animate attributeName="href" to="javascript:alert(1)"/>'),
                                     encoding="utf-8")
    (content / "logo.png").write_text("<script>alert(1)</script>", encoding="utf-8")
    (content / "clean.txt").write_text("受理时间：工作日 8:30-11:30\n", encoding="utf-8")
    code = main(["build", "--data", str(MINI_DATA), "--as-of", "2024-06-30", "--content", str(content),
                 "--config", str(tmp_path / "mkdocs.yml"), "--site", str(site)])
    err = capsys.readouterr().err
    assert code == 1
    problems = [line for line in err.splitlines() if line.startswith(("notice", "map", "logo", "clean"))]
    assert problems == [  # pages first, then every other file, each in name order
        "notice.htm: 元素 <a> 的 href 使用了不安全的链接 (unsafe URL scheme)",
        "logo.png: 文件内容与扩展名 .png 不符 (content does not match the file type)",
        "map.svg: 不允许的元素 <animate> (element not allowed)",
    ]
    assert "原有网站未改动" in err
    assert site_digest(site) == before
