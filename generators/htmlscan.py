"""The last gate before publishing: scan the built HTML for anything that must never be there.

Data is escaped long before this point; the scan proves it on the real output, so a template
mistake or a theme upgrade cannot publish a script, an event handler or an unrendered template.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

#: Inline scripts that Material for MkDocs writes on every page, with the relative base
#: (``new URL("../..",location)``) normalised away.
_MATERIAL_INLINE = (
    re.compile(r'__md_scope=new URL\("[./A-Za-z0-9_-]*",location\),__md_hash=.*', re.S),
    re.compile(r"var target=document\.getElementById\(location\.hash\.slice\(1\)\);.*", re.S),
    # With a palette per colour scheme (light and dark follow the system): re-applies a saved one.
    re.compile(r'var palette=__md_get\("__palette"\);if\(palette&&palette\.color\)\{.*', re.S),
)
_BAD_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)
_TEMPLATE = re.compile(r"\{\{|\{%")
_URL_ATTRS = ("href", "src", "action", "formaction", "poster", "srcset", "xlink:href")
#: Elements that run or embed another document (a script in ``srcdoc``, a page from another host,
#: a new base for every link): never needed by a bulletin page.
_EMBEDDING = ("iframe", "frame", "frameset", "object", "embed", "applet", "base")
_PARSER = etree.HTMLParser(encoding="utf-8")
#: Where CSS makes the browser fetch something: url(...) and @import "...".
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)
#: <link rel=...> values that are metadata, not a request (canonical, alternate feeds, search).
_METADATA_RELS = {"canonical", "alternate", "search", "author", "license", "prev", "next", "me"}


def foreign(url: str, own_hosts: frozenset[str] = frozenset()) -> bool:
    """Whether ``url`` leads to another host (not ours, not a relative path, not mailto:/tel:)."""
    if ":" not in url and "//" not in url and "\\" not in url:
        return False  # a relative path: most URLs of a page, and the quick answer
    parts = urlsplit(url.strip().replace("\\", "/"))  # browsers read \\host as //host
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return False  # mailto:, tel:, data: … (unsafe schemes are reported separately)
    return bool(parts.netloc) and (parts.hostname or "") not in own_hosts


def scan_css(text: str, rel: str, own_hosts: frozenset[str] = frozenset()) -> Iterator[str]:
    """Each url() or @import in a stylesheet (or a style attribute) that reaches another host."""
    for match in _CSS_URL.finditer(text):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if foreign(url, own_hosts):
            line = text.count("\n", 0, match.start()) + 1
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
    for element in root.iter(etree.Element):
        # Scripts and embedding elements are refused on their own account, wherever they point.
        own_check = element.tag == "script" or element.tag in _EMBEDDING
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                yield f"{rel}: 元素 <{element.tag}> 带有事件属性 {name}= (event handler attribute)"
            elif name in _URL_ATTRS:
                if _BAD_URL.match(value):
                    yield f"{rel}: 元素 <{element.tag}> 的 {name} 使用了不安全的链接 (unsafe URL scheme)"
                elif not own_check:
                    yield from _check_host(element, name, value, rel, own_hosts)
            elif name == "style":
                yield from scan_css(value, rel, own_hosts)
        if element.tag == "style" and element.text:
            yield from scan_css(element.text, rel, own_hosts)
        if element.tag in _EMBEDDING:
            yield f"{rel}: 不允许的元素 <{element.tag}> (embedding element)"
        if element.tag == "script":
            yield from _check_script(element, rel, site, scripts)


def _check_host(element: etree._Element, name: str, value: str, rel: str,
                own_hosts: frozenset[str]) -> Iterator[str]:
    """Nothing is fetched from another host; a hyperlink to one must say so (class="external")."""
    urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
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
    pages = sorted(site.rglob("*.html"))
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
    for sheet in sorted(site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        problems.extend(scan_css(text, sheet.relative_to(site).as_posix(), own_hosts))
    for folder, ids in sorted(expected_pages.items()):
        built = {p.parent.name for p in (site / folder).glob("*/index.html")}
        for missing in sorted(ids - built):
            problems.append(f"{folder}/{missing}/: 记录没有生成页面 (record page missing)")
        for extra in sorted(built - ids):
            problems.append(f"{folder}/{extra}/: 页面没有对应的记录 (page without a record)")
    return problems
