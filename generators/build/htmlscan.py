"""The last gate before publishing: scan the built HTML for anything that must never be there.

Data is escaped long before this point; the scan proves it on the real output, so a template
mistake or a theme upgrade cannot publish a script, an event handler or an unrendered template.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import multiprocessing
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from lxml import etree

from ..model.filetypes import file_kind, unknown_type_message

#: Inline scripts that Material for MkDocs writes on every page, with the relative base
#: (``new URL("../..",location)``) normalised away.
_MATERIAL_INLINE = (
    re.compile(r'__md_scope=new URL\("[./A-Za-z0-9_-]*",location\),__md_hash=.*', re.S),
    re.compile(r"var target=document\.getElementById\(location\.hash\.slice\(1\)\);.*", re.S),
    # With a palette per colour scheme (light and dark follow the system): re-applies a saved one.
    re.compile(r'var palette=__md_get\("__palette"\);if\(palette&&palette\.color\)\{.*', re.S),
)
_TEMPLATE = re.compile(r"\{\{|\{%")
#: Attributes whose value the browser follows as a URL (among those allowed at all).
_URL_ATTRS = ("href", "src", "srcset")
#: Elements that run or embed another document (a script in ``srcdoc``, a page from another host,
#: a new base for every link): never needed by a bulletin page.
_EMBEDDING = ("iframe", "frame", "frameset", "object", "embed", "applet", "base")
#: Elements a page may hold: nh3's (ammonia's) list of safe tags, the document's own, what
#: Material's layout uses (search form, inline SVG icons) and the shapes of our charts. Anything
#: else (SVG <animate>/<set> that rewrite a link, <foreignObject>, <meta http-equiv> through its
#: attribute, <video poster>) is refused, whatever it is called.
ALLOWED_ELEMENTS = frozenset(nh3.ALLOWED_TAGS) | {
    "html", "head", "body", "title", "meta", "link", "script", "style", "noscript", "main",
    "section", "form", "input", "label", "button", "source", "picture",
    "svg", "g", "path", "rect", "line", "polyline", "polygon", "circle", "ellipse", "text", "tspan",
    "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath", "symbol",
}
#: Attributes a page may hold (besides ``data-*`` and ``aria-*``): nh3's, the document's, Material's
#: and SVG presentation attributes. ``background=``, ``imagesrcset``, ``http-equiv``, ``ping``,
#: ``formaction``, ``xlink:href``, ``attributename`` and every ``on…`` are not among them.
ALLOWED_ATTRIBUTES = frozenset().union(*nh3.ALLOWED_ATTRIBUTES.values()) | {
    "class", "id", "title", "lang", "dir", "role", "hidden", "tabindex", "style", "translate",
    "href", "rel", "type", "sizes", "media", "hreflang", "src", "srcset", "alt", "loading",
    "decoding", "charset", "name", "content", "property", "defer", "async", "value", "for",
    "placeholder", "autocomplete", "autocorrect", "autocapitalize", "spellcheck", "required",
    "checked", "disabled", "readonly", "open", "download", "target", "datetime", "xmlns",
    "xml:lang", "viewbox", "d", "fill", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-dasharray", "stroke-opacity", "fill-opacity", "fill-rule",
    "clip-rule", "opacity", "transform", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx",
    "ry", "points", "text-anchor", "dominant-baseline", "font-family", "font-size",
    "font-weight", "preserveaspectratio", "focusable", "shape-rendering", "version", "offset",
    "stop-color", "stop-opacity", "gradientunits", "gradienttransform", "clip-path",
    "vector-effect", "dx", "dy",
}
_PARSER = etree.HTMLParser(encoding="utf-8")
#: <link rel=...> values that are metadata, not a request (canonical, alternate feeds, search).
_METADATA_RELS = {"canonical", "alternate", "search", "author", "license", "prev", "next", "me"}
#: Schemes a link may use: the web (with "//"), mail and phone. A relative URL has none.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: What a browser removes before it reads a URL (WHATWG URL: leading and trailing C0 controls
#: and spaces; tabs and line breaks anywhere).
_URL_STRIP = "".join(chr(c) for c in range(0x21))
_URL_TABS = re.compile(r"[\t\n\r]")


def url_problem(url: str, *, css: bool = False) -> str | None:
    """Why a browser following ``url`` (an attribute value, entities already decoded) could run
    code or leave the allowed schemes; None if it is a relative URL or an allowed one.

    Parsed as a browser parses it, then checked twice: against the scheme allow-list (http and
    https only with "//": ``http:evil.example/x`` is a link to evil.example) and against nh3
    (ammonia, a maintained sanitiser), which must keep the same URL. In CSS, images may be
    ``data:image/…`` (the theme's icons); an image cannot run a script.
    """
    if "&" in url:
        # libxml2 knows HTML 4's entities only; a browser also decodes HTML5's (&colon;, &Tab;).
        url = html.unescape(url)
    url = _URL_TABS.sub("", url.strip(_URL_STRIP))
    scheme = _SCHEME.match(url)
    if scheme is None:
        return None if _nh3_keeps(url) else "nh3 删除了这个链接 (nh3 drops it)"
    name = scheme.group(1).lower()
    rest = url[scheme.end():]
    if css and name == "data" and rest.lower().startswith("image/"):
        return None
    if name not in SAFE_SCHEMES:
        return f"不允许的协议 {name}: (scheme not allowed)"
    if name in ("http", "https") and rest[:2].replace("\\", "/") != "//":
        return f"{name}: 后面缺少 // (no // after {name}:)"
    return None if _nh3_keeps(url) else "nh3 删除了这个链接 (nh3 drops it)"


@functools.lru_cache(maxsize=4096)
def _nh3_keeps(url: str) -> bool:
    """Whether nh3 keeps ``url`` as the href of a link, with our scheme allow-list."""
    if ":" not in url and "&" not in url and not any(ord(ch) < 0x20 for ch in url):
        return True  # a plain relative path (most URLs of a page): nh3 always keeps it
    cleaned = nh3.clean(f'<a href="{html.escape(url)}">x</a>', tags={"a"},
                        attributes={"a": {"href"}}, url_schemes=set(SAFE_SCHEMES), link_rel=None)
    return "href=" in cleaned


def foreign(url: str, own_hosts: frozenset[str] = frozenset()) -> bool:
    """Whether ``url`` leads to another host (not ours, not a relative path, not mailto:/tel:)."""
    if ":" not in url and "//" not in url and "\\" not in url:
        return False  # a relative path: most URLs of a page, and the quick answer
    url = _URL_TABS.sub("", url.strip(_URL_STRIP))
    parts = urlsplit(url.replace("\\", "/"))  # browsers read \\host as //host
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return False  # mailto:, tel:, data: … (unsafe schemes are reported separately)
    try:
        host = parts.hostname or ""
    except ValueError:
        return True  # a host a browser may read otherwise: not ours
    return bool(parts.netloc) and host not in own_hosts


#: CSS read as tokens, in one linear pass: comments (to the end if unclosed), strings, function
#: names and at-keywords (with CSS escapes, ``u\72l(`` is ``url(``), and the punctuation that
#: ends them.
_CSS_TOKEN = re.compile(r"""/\*(?:[^*]|\*(?!/))*(?:\*/)?
    |"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?
    |@?(?:[A-Za-z0-9_-]|\\[0-9A-Fa-f]{1,6}\s?|\\[^\n0-9A-Fa-f])+\(?
    |[();{}]""", re.X | re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9A-Fa-f]{1,6})\s?|\\(.)", re.S)
_CSS_UNQUOTED_URL = re.compile(r"""\s*((?:[^\s'"()\\]|\\[0-9A-Fa-f]{1,6}\s?|\\.)*)""", re.S)


def _css_unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return m.group(2) if m.group(2) != "\n" else ""
    return _CSS_ESCAPE.sub(one, text) if "\\" in text else text


def css_urls(text: str) -> Iterator[tuple[int, str]]:
    """(offset, URL) of everything CSS makes the browser fetch: ``url(…)`` (quoted or not), the
    strings of ``image-set(…)`` and ``@import``; CSS escapes decoded first."""
    image_set = 0  # depth of open parentheses inside image-set(…)
    importing = False
    skip_to = 0
    for token in _CSS_TOKEN.finditer(text):
        if token.start() < skip_to:
            continue
        raw = token.group()
        first = raw[0]
        if first == "/" and raw.startswith("/*"):
            continue
        if first in "\"'":
            if image_set or importing:
                closed = raw[-1:] == first and len(raw) > 1
                yield token.start(), _css_unescape(raw[1:-1] if closed else raw[1:])
            importing = False
            continue
        if raw in (";", "{", "}"):
            image_set, importing = 0, False
        elif raw == "(":
            image_set += bool(image_set)
        elif raw == ")":
            image_set = max(0, image_set - 1)
        elif raw.endswith("("):
            name = _css_unescape(raw[:-1]).lower()
            if name == "url":
                inner = _CSS_UNQUOTED_URL.match(text, token.end())
                after = text[inner.end():inner.end() + 1] if inner else ""
                if inner and after not in ("\"", "'"):
                    yield token.start(), _css_unescape(inner.group(1))
                    skip_to = inner.end()
                else:  # a quoted url("…"): the string token that follows is the URL
                    importing = True
            elif name in ("image-set", "-webkit-image-set"):
                image_set = 1
            elif name == "expression":
                yield token.start(), "javascript:expression()"
            elif image_set:
                image_set += 1
        elif _css_unescape(raw).lower() == "@import":
            importing = True


def scan_css(text: str, rel: str, own_hosts: frozenset[str] = frozenset()) -> Iterator[str]:
    """Each URL in a stylesheet (or a style attribute) that reaches another host or uses a scheme
    other than the allowed ones (images may be ``data:image/…``)."""
    for offset, url in css_urls(text):
        line = text.count("\n", 0, offset) + 1
        if why := url_problem(url, css=True):
            yield f"{rel}:{line}: 样式中有不安全的链接 {url[:80]!r}：{why}"
        elif foreign(url, own_hosts):
            yield f"{rel}:{line}: 样式从其他网站加载资源 {url[:80]} (CSS loads from another host)"


def theme_scripts(theme_dirs: Iterable[Path]) -> dict[str, str]:
    """Each script the theme ships, as site path → SHA-256, the first folder winning as in MkDocs.

    A script in the built site must be one of these, byte for byte: a ``.js`` file placed under
    content/ (copied into the site as it is) is not the theme's, whatever its name.
    """
    scripts: dict[str, str] = {}
    for folder in theme_dirs:
        for path in sorted(Path(folder).rglob("*.js")):
            rel = path.relative_to(folder).as_posix()
            scripts.setdefault(rel, hashlib.sha256(path.read_bytes()).hexdigest())
    return scripts


def scan_page(path: Path, site: Path, scripts: Mapping[str, str] | None = None,
              own_hosts: frozenset[str] = frozenset()) -> Iterator[str]:
    """Each problem in one built page, as a sentence. ``scripts`` is :func:`theme_scripts`; without
    it a script need only come from the site's own ``assets/``. ``own_hosts`` are the hosts of
    the published site (its canonical links point there)."""
    rel = path.relative_to(site).as_posix()
    raw = path.read_text(encoding="utf-8", errors="replace")
    # Raw text, not parsed text: data may *show* "{{", but only as &#123;&#123; in the source.
    for match in _TEMPLATE.finditer(raw):
        line = raw.count("\n", 0, match.start()) + 1
        yield f"{rel}:{line}: 有未渲染的模板标记 '{match.group()}' (template syntax in the HTML)"
    # libxml2's HTML parser, as browsers read tag soup; plain elements (lxml.html's element
    # classes cost a lookup per element, a third of the scan on a large site).
    root = etree.fromstring(raw.encode("utf-8"), _PARSER)
    if root is None:
        return
    yield from _scan_tree(root, rel, site, scripts, own_hosts)


def _scan_tree(root: etree._Element, rel: str, site: Path, scripts: Mapping[str, str] | None,
               own_hosts: frozenset[str], *, svg_file: bool = False) -> Iterator[str]:
    """Every element of a parsed page (or SVG file) against the allow-lists and URL rules."""
    for element in root.iter(etree.Element):
        tag = element.tag.rsplit("}", 1)[-1].lower() if svg_file else element.tag
        # An element refused as a whole is one problem, whatever its attributes say.
        if tag in _EMBEDDING:
            yield f"{rel}: 不允许的元素 <{tag}> (embedding element)"
            continue
        if tag not in ALLOWED_ELEMENTS or svg_file and tag in ("script", "style"):
            yield f"{rel}: 不允许的元素 <{tag}> (element not allowed)"
            continue
        # Scripts are refused on their own account, wherever they point.
        own_check = tag == "script"
        for name, value in element.attrib.items():
            name = name.lower()
            if svg_file and name.startswith("{"):
                name = "xlink:" + name.rsplit("}", 1)[-1] if "xlink" in name else name.rsplit("}", 1)[-1]
            if name.startswith("on"):
                yield f"{rel}: 元素 <{tag}> 带有事件属性 {name}= (event handler attribute)"
            elif not (name in ALLOWED_ATTRIBUTES or name.startswith(("data-", "aria-"))) or \
                    (svg_file and name in _URL_ATTRS):
                yield f"{rel}: 元素 <{tag}> 带有不允许的属性 {name}= (attribute not allowed)"
            elif name in _URL_ATTRS:
                urls = _srcset_urls(value) if name == "srcset" else [value]
                if any(url_problem(url) for url in urls):
                    yield f"{rel}: 元素 <{tag}> 的 {name} 使用了不安全的链接 (unsafe URL scheme)"
                elif not own_check:
                    yield from _check_host(element, name, value, rel, own_hosts)
            elif name == "style":
                yield from scan_css(value, rel, own_hosts)
        if tag == "style" and element.text:
            yield from scan_css(element.text, rel, own_hosts)
        if tag == "script":
            yield from _check_script(element, rel, site, scripts)


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.strip()]


def _check_host(element: etree._Element, name: str, value: str, rel: str,
                own_hosts: frozenset[str]) -> Iterator[str]:
    """Nothing is fetched from another host; a hyperlink to one must say so (class="external")."""
    urls = _srcset_urls(value) if name == "srcset" else [value]
    if not any(foreign(url, own_hosts) for url in urls):
        return
    rels = set((element.get("rel") or "").lower().split())
    if element.tag == "a" and name == "href":
        if "external" not in (element.get("class") or "").split():
            yield f"{rel}: 指向其他网站的链接没有标明 external: {value[:80]} (unmarked external link)"
    elif not (element.tag == "link" and rels and rels <= _METADATA_RELS):
        yield f"{rel}: 元素 <{element.tag}> 从其他网站加载 {value[:80]} (resource from another host)"


def _check_script(element: etree._Element, rel: str, site: Path,
                  scripts: Mapping[str, str] | None) -> Iterator[str]:
    src = element.get("src")
    if src is not None:
        if not _is_theme_script(src, rel, site, scripts):
            yield f"{rel}: 不允许的脚本 {src} (script that is not the theme's)"
        return
    text = element.text or ""
    if element.get("type") == "application/json":
        try:
            json.loads(text)
        except ValueError:
            yield f"{rel}: JSON 脚本块无法解析 (invalid JSON script block)"
        return
    if not any(pattern.fullmatch(text.strip()) for pattern in _MATERIAL_INLINE):
        yield f"{rel}: 不认识的内联脚本 (unknown inline script): {text.strip()[:60]!r}"


def _is_theme_script(src: str, rel: str, site: Path, scripts: Mapping[str, str] | None) -> bool:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return False  # another host, or a scheme: never
    if scripts is None:
        return "/assets/" in "/" + parts.path.lstrip("./")
    if parts.path.startswith("/"):
        # The 404 page links from the site's root path (site_url), which may have a prefix.
        candidates = [name for name in scripts if parts.path.endswith("/" + name)]
    else:
        candidates = [posixpath.normpath(posixpath.join(posixpath.dirname(rel), parts.path))]
    return any(name in scripts and _digest(site / name) == scripts[name] for name in candidates)


@functools.lru_cache(maxsize=64)
def _digest(path: Path) -> str | None:
    """SHA-256 of a built file, read once per scan (every page loads the same bundle);
    :func:`scan_site` clears the cache, so a later build is read afresh."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


#: From this many pages the scan runs in several processes.
PARALLEL_FROM = 2000


def _scan_pages(pages: list[Path], site: Path, scripts: Mapping[str, str] | None,
                own_hosts: frozenset[str]) -> list[tuple[Path, list[str]]]:
    return [(page, list(scan_page(page, site, scripts, own_hosts))) for page in pages]


def scan_site(site: Path, expected_pages: dict[str, set[str]],
              scripts: Mapping[str, str] | None = None,
              own_hosts: frozenset[str] = frozenset()) -> list[str]:
    """Every problem in the built site, including record pages that are missing or extra."""
    _digest.cache_clear()
    problems: list[str] = []
    pages, others = [], []
    for path in sorted(p for p in site.rglob("*") if p.is_file() or p.is_symlink()):
        (pages if file_kind(path.name) == "html" else others).append(path)
    workers = os.cpu_count() or 1
    if len(pages) >= PARALLEL_FROM and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        # Pages are independent: scan them on every CPU, in order (a large site: 13,000 pages).
        chunks = [pages[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_scan_pages, chunks, [site] * workers, [scripts] * workers,
                               [own_hosts] * workers)
            by_page = {page: found for chunk in results for page, found in chunk}
        for page in pages:
            problems.extend(by_page[page])
    else:
        for page in pages:
            problems.extend(scan_page(page, site, scripts, own_hosts))
    for path in others:
        problems.extend(scan_file(path, site, scripts, own_hosts))
    for folder, ids in sorted(expected_pages.items()):
        built = {p.parent.name for p in (site / folder).glob("*/index.html")}
        for missing in sorted(ids - built):
            problems.append(f"{folder}/{missing}/: 记录没有生成页面 (record page missing)")
        for extra in sorted(built - ids):
            problems.append(f"{folder}/{extra}/: 页面没有对应的记录 (page without a record)")
    return problems


#: First bytes of each binary type: a file named .png that is really a page is not published.
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".ico": (b"\x00\x00\x01\x00",),
    ".woff": (b"wOFF",), ".woff2": (b"wOF2",), ".gz": (b"\x1f\x8b",), ".xlsx": (b"PK\x03\x04",),
}
#: XML read without a DTD, entities or the network (no "billion laughs", no file reads).
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                              huge_tree=False, remove_comments=True)
#: Namespaces in which an XML document would be rendered (and run) by a browser.
_ACTIVE_NAMESPACES = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg")
#: The largest sitemap.xml.gz we unpack to scan (MkDocs' is a few kilobytes per hundred pages).
MAX_GZIP_BYTES = 64 * 2**20


def scan_file(path: Path, site: Path, scripts: Mapping[str, str] | None = None,
              own_hosts: frozenset[str] = frozenset()) -> Iterator[str]:
    """Each problem in a published file that is not an HTML page, by its type: every file of
    the site is read by one of these scans, and a type with none is refused."""
    rel = path.relative_to(site).as_posix()
    if path.is_symlink():
        yield f"{rel}: 网站中不能有符号链接 (symbolic link in the site)"
        return
    kind = file_kind(path.name)
    if kind is None:
        yield f"{rel}: {unknown_type_message(path.name)}"
        return
    if kind == "html":
        yield from scan_page(path, site, scripts, own_hosts)
        return
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in _MAGIC and not raw.startswith(_MAGIC[suffix]):
        yield f"{rel}: 文件内容与扩展名 {suffix} 不符 (content does not match the file type)"
        return
    if kind == "gzip":
        yield from _scan_gzip(raw, path, rel, site, scripts, own_hosts)
        return
    if kind in ("image", "font"):
        return
    if kind == "workbook":
        yield from _scan_workbook(raw, rel)
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield f"{rel}: 文件不是 UTF-8 编码 (file is not UTF-8)"
        return
    if kind == "script":
        if not _is_theme_script(path.name, rel, site, scripts):
            yield f"{rel}: 不是主题自带的脚本，不能发布 (script that is not the theme's)"
    elif kind == "css":
        yield from scan_css(text, rel, own_hosts)
    elif kind == "svg":
        yield from scan_svg(text, rel, site, own_hosts)
    elif kind == "xml":
        yield from scan_xml(text, rel)
    elif suffix == ".json":
        try:
            json.loads(text)
        except ValueError:
            yield f"{rel}: JSON 文件无法解析 (invalid JSON)"


def _scan_workbook(raw: bytes, rel: str) -> Iterator[str]:
    """A downloadable spreadsheet: no macros, no links to other workbooks or sites, no formula
    (the downloads write values only; a formula would run on a clerk's machine)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            names = book.namelist()
            if any(n.lower().endswith(("vbaproject.bin", ".bin")) or "externallink" in n.lower()
                   for n in names):
                yield f"{rel}: 表格中不能有宏或外部链接 (macro or external link in a workbook)"
            sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            if any(b"<f>" in book.read(n) or b"<f " in book.read(n) for n in sheets):
                yield f"{rel}: 表格中不能有公式 (formula in a published workbook)"
    except zipfile.BadZipFile:
        yield f"{rel}: 表格文件无法读取 (unreadable workbook)"


def _parse_xml(text: str, rel: str) -> tuple[etree._Element | None, list[str]]:
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return None, [f"{rel}: XML 中不能有 DOCTYPE 或实体声明 (DOCTYPE or entity declaration)"]
    try:
        root = etree.fromstring(text.encode("utf-8"), _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        return None, [f"{rel}: 无法解析的 XML：{str(exc)[:120]} (invalid XML)"]
    problems = []
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction):
            problems.append(f"{rel}: XML 中不能有处理指令 <?{node.target} …?> (processing instruction)")
    for node in root.iter(etree.PI):
        problems.append(f"{rel}: XML 中不能有处理指令 <?{node.target} …?> (processing instruction)")
    return root, problems


def scan_svg(text: str, rel: str, site: Path, own_hosts: frozenset[str] = frozenset()) -> Iterator[str]:
    """An SVG file is published only if it passes the page scan's element and attribute rules,
    as an SVG: no script, no style sheet, no link or reference (``href``), no animation."""
    root, problems = _parse_xml(text, rel)
    yield from problems
    if root is None:
        return
    for element in root.iter(etree.Element):
        namespace = etree.QName(element).namespace
        if namespace not in (None, "http://www.w3.org/2000/svg"):
            yield f"{rel}: SVG 中不允许的命名空间元素 <{etree.QName(element).localname}> (foreign element)"
    yield from _scan_tree(root, rel, site, None, own_hosts, svg_file=True)


def scan_xml(text: str, rel: str) -> Iterator[str]:
    """An XML file (sitemap, feed) holds data only: nothing a browser would render as a page."""
    root, problems = _parse_xml(text, rel)
    yield from problems
    if root is None:
        return
    for element in root.iter(etree.Element):
        if etree.QName(element).namespace in _ACTIVE_NAMESPACES:
            name = etree.QName(element).localname
            yield f"{rel}: XML 中不能有网页或 SVG 元素 <{name}> (active content in XML)"
            return


def _scan_gzip(raw: bytes, path: Path, rel: str, site: Path, scripts: Mapping[str, str] | None,
               own_hosts: frozenset[str]) -> Iterator[str]:
    """A compressed file is scanned as what it holds (``sitemap.xml.gz`` as XML), unpacked up to
    :data:`MAX_GZIP_BYTES` (a "zip bomb" is refused, not unpacked)."""
    import zlib

    inner = path.name[:-3]
    kind = file_kind(inner)
    if kind not in ("xml", "text"):
        yield f"{rel}: 压缩文件只能是 .xml.gz (only .xml.gz may be compressed)"
        return
    unpack = zlib.decompressobj(wbits=31)
    try:
        data = unpack.decompress(raw, MAX_GZIP_BYTES)
    except zlib.error:
        yield f"{rel}: 压缩文件已损坏 (corrupt gzip file)"
        return
    if unpack.unconsumed_tail:
        yield f"{rel}: 压缩文件解压后过大 (unpacks to more than {MAX_GZIP_BYTES // 2**20} MiB)"
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield f"{rel}: 文件不是 UTF-8 编码 (file is not UTF-8)"
        return
    if kind == "xml":
        yield from scan_xml(text, rel)
