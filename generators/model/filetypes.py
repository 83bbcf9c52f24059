"""The kinds of file the site may publish, by name: an allow-list shared by ``check`` (hand-written
files under content/) and the scan of the built site (:mod:`generators.htmlscan`).

A browser decides what to do with a file from its type, and GitHub Pages sends the type from the
file's extension: a file of a type not listed here could be anything, so it is not published.
"""

from __future__ import annotations

#: Extension (lower case) → kind; each kind has its own scan in :mod:`generators.htmlscan`.
KINDS = {
    ".html": "html", ".htm": "html",
    ".css": "css",
    ".js": "script",
    ".svg": "svg",
    ".xml": "xml",
    ".md": "markdown",
    ".txt": "text", ".csv": "text", ".json": "text", ".ics": "text", ".map": "text",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image",
    ".ico": "image",
    ".woff": "font", ".woff2": "font",
    ".gz": "gzip",
    ".xlsx": "workbook",
}
#: Kinds read as text (the privacy gate reads every one of them).
TEXT_KINDS = frozenset({"html", "css", "script", "svg", "xml", "markdown", "text"})


def file_kind(name: str) -> str | None:
    """The kind of a file by its name, or None if the site does not publish that type."""
    dot = name.rfind(".")
    return KINDS.get(name[dot:].lower()) if dot > 0 else None


def unknown_type_message(name: str) -> str:
    dot = name.rfind(".")
    suffix = name[dot:] if dot > 0 else "（无扩展名）"
    allowed = " ".join(sorted(k for k in KINDS if k not in (".map", ".gz", ".md")))
    return (f"不能发布的文件类型 '{suffix}'；可发布的类型：{allowed} "
            f"(unknown file type, not published)")
