"""Load: read a YAML file strictly, every scalar as a string, every position kept.

PyYAML's own loaders read YAML 1.1 (``0577`` becomes 383, ``NO`` becomes False, duplicate keys
silently overwrite) and expand aliases, which is how a "billion laughs" file exhausts memory.
So we take only the *events* from libyaml's parser and build the data ourselves: scalars stay
strings, and anything but plain mappings, lists and strings is refused at the first event,
before any memory is spent on it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ErrorReport

try:  # libyaml's C parser is about ten times faster; the pure-Python one gives the same events.
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels on our platforms ship libyaml
    _Parser = yaml.SafeLoader

Path_ = tuple[Any, ...]
#: Plain scalars that mean "nothing here". Quoted ones stay strings.
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Records nest a few levels deep; anything deeper is a mistake or an attack on the recursion.
MAX_DEPTH = 12
#: Values (scalars, lists, mappings) in one file. Memory grows with them (about 230 bytes each,
#: measured), so a 20 MiB file of ``[a,a,a,…]`` would otherwise take gigabytes; the largest real
#: file holds a few thousand.
MAX_VALUES = 200_000


class LoadError(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass
class Document:
    """One data file: its plain data and where every key and value stands in it."""

    file: str
    data: Any
    #: path → (line, col) of the value; the path of a list item is its 0-based index.
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: path → (line, col) of the key that introduces the value, for mappings.
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: Mistakes that did not stop the reading: (line, col, field path, message).
    problems: list[tuple[int, int, str, str]] = field(default_factory=list)
    #: The text read, so that a check can point inside a value (a number in a long note).
    source: str = ""

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The nearest known position of ``path``: its key, its value, or its closest parent."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]


# Folded scalars (">") join lines with a space, which Chinese text does not use between words.
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_FOLD_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


def _unfold_cjk(text: str) -> str:
    return _FOLD_SPACE.sub("", text)


def _dotted_key(path: Path_, key: str) -> str:
    """The field path of a key inside a record (the record's own list index left out)."""
    parts = [f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path[1:]]
    return ("".join(parts) + f".{key}").lstrip(".")


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Builder:
    def __init__(self, parser: yaml.SafeLoader, doc: Document):
        self.parser = parser
        self.doc = doc
        self.next = parser.get_event  # the hot path: one call per YAML event

    def node(self, event: yaml.Event, path: Path_) -> Any:
        line, col = _mark(event)
        if isinstance(event, yaml.AliasEvent):
            raise LoadError(line, col, "不允许使用别名 (aliases `*name` are not allowed)")
        if getattr(event, "anchor", None):
            raise LoadError(line, col, f"不允许使用锚点 (anchors `&{event.anchor}` are not allowed)")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise LoadError(line, col, f"不允许使用 YAML 标签 (tags are not allowed): '{shown}'")
        if len(path) > MAX_DEPTH:
            raise LoadError(line, col, f"嵌套层次过深，最多 {MAX_DEPTH} 层 (nested too deeply)")
        if len(self.doc.values) >= MAX_VALUES:
            raise LoadError(line, col, f"文件内容过多，最多 {MAX_VALUES} 个值，请拆分成几个文件 "
                                       "(too many values in one file)")
        self.doc.values[path] = (line, col)
        if isinstance(event, yaml.ScalarEvent):
            if not event.style and event.value in NULLS:  # plain: style None, or '' in libyaml
                return None
            value = unicodedata.normalize("NFC", event.value)
            return _unfold_cjk(value) if event.style == ">" else value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(ev := self.next(), yaml.SequenceEndEvent):
                items.append(self.node(ev, (*path, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path)
        raise LoadError(line, col, f"无法识别的 YAML 结构 (unexpected {type(event).__name__})")

    def mapping(self, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        while not isinstance(ev := self.next(), yaml.MappingEndEvent):
            line, col = _mark(ev)
            if not isinstance(ev, yaml.ScalarEvent) or ev.tag not in (None, "!") or ev.anchor:
                raise LoadError(line, col, "字段名必须是普通文字 (keys must be plain text)")
            key = unicodedata.normalize("NFC", ev.value)
            if key in first_seen:
                # Not fatal: report it, keep the first value, and read on so that the rest of
                # the file is still checked.
                self.doc.problems.append((line, col, _dotted_key(path, key),
                    f"重复的字段 '{key}'，第一次出现在第 {first_seen[key]} 行 "
                    f"(duplicate key, first at line {first_seen[key]})"))
                self.node(self.next(), (*path, f"{key}#duplicate"))
                continue
            first_seen[key] = line
            self.doc.keys[(*path, key)] = (line, col)
            result[key] = self.node(self.next(), (*path, key))
        return result


def parse(text: str, file: str) -> Document:
    """Build a :class:`Document` from YAML text; raise :class:`LoadError` at the first problem."""
    doc = Document(file, None, source=text)
    parser = _Parser(text)
    try:
        builder = _Builder(parser, doc)
        builder.next()  # StreamStart
        event = builder.next()
        if isinstance(event, yaml.StreamEndEvent):
            raise LoadError(1, 1, "文件是空的 (the file is empty)")
        doc.data = builder.node(builder.next(), ())  # the DocumentStart is skipped
        builder.next()  # DocumentEnd
        event = builder.next()
        if not isinstance(event, yaml.StreamEndEvent):
            line, col = _mark(event)
            raise LoadError(
                line, col,
                "一个文件只能有一个文档，请删除多余的 '---' (only one document per file)",
            )
    except yaml.MarkedYAMLError as exc:
        line, col, message = syntax_message(exc)
        raise LoadError(line, col, message) from None
    except yaml.reader.ReaderError as exc:  # a control character: not a MarkedYAMLError
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = f"文件含有不允许的控制字符 U+{exc.character:04X} (control character)"
        raise LoadError(line, col, message) from None
    finally:
        parser.dispose()
    if doc.data is None:
        raise LoadError(1, 1, "文件是空的 (the file is empty)")
    return doc


#: PyYAML's problem (and context) → what a staff member should do, in Chinese. The first match wins.
_SYNTAX_HINTS: tuple[tuple[str, str, str], ...] = (
    ("quoted scalar", "end of stream",
     "引号没有闭合：从这里开始的引号一直到文件末尾都没有结束，请补上另一半引号"),
    ("quoted scalar", "", "引号里的内容有问题：请检查这里开始的引号是否闭合、里面的引号是否成对"),
    ("", "tab character", "不能用 Tab 键缩进，请改用空格"),
    ("", "mapping values are not allowed", "这里不能出现冒号：值里有冒号（如 9:30）时请给整个值加引号"),
    ("", "cannot start any token",
     "这一行有不能开头的字符（如 Tab 缩进或 @、`）：缩进请用空格，特殊字符开头的值请加引号"),
    ("", "could not find expected ':'", "缺少冒号：每行应写成“字段: 值”，冒号后面要有空格"),
    ("", "expected <block end>", "缩进不一致：同一层的字段要对齐，列表项以“- ”开头"),
    ("", "did not find expected key", "缩进不一致：同一层的字段要对齐，列表项以“- ”开头"),
    ("", "did not find expected '-' indicator", "列表写法不对：同一个列表的每一项都以同样缩进的“- ”开头"),
    ("flow", "", "方括号或花括号没有配对：[ ] 和 { } 要成对出现"),
)


def syntax_message(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Line, column and a Chinese message with a hint for a YAML syntax error.

    An unclosed quote is reported where the quote *opens* (PyYAML's context mark), not at the end
    of the file where the scanner gave up.
    """
    problem, context = exc.problem or "", exc.context or ""
    hint, mark = "", exc.problem_mark or exc.context_mark
    for context_word, problem_word, text in _SYNTAX_HINTS:
        if context_word in context and problem_word in problem:
            hint = text
            mark = exc.context_mark if context_word and exc.context_mark else exc.problem_mark
            break
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"YAML 格式错误：{hint} (syntax error: {problem})" if hint else \
        f"YAML 格式错误 (syntax error: {problem})"
    return line, col, message


def decode_utf8(raw: bytes, name: str, report: ErrorReport) -> str | None:
    """The text of a file, or None after reporting where the first byte that is not UTF-8 is."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        # Columns count characters, as editors do, not bytes.
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        report.error(name, line, col, "", "文件不是 UTF-8 编码，请用 UTF-8 保存 (file is not UTF-8)")
        return None


def read(path: Path, root: Path, report: ErrorReport) -> Document | None:
    """Read one file; on any problem add it to ``report`` and return None."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    # A link could point anywhere on the machine that builds the site (a secret, /dev/zero).
    if path.is_symlink():
        report.error(name, 0, 0, "",
                     "数据文件不能是符号链接，请放入文件本身 (symbolic links are not allowed)")
        return None
    # The size is checked before reading, so a huge file costs nothing.
    if path.stat().st_size > MAX_FILE_BYTES:
        report.error(name, 0, 0, "", f"文件过大 (file larger than {MAX_FILE_BYTES // 2**20} MiB)")
        return None
    text = decode_utf8(path.read_bytes(), name, report)
    if text is None:
        return None
    try:
        doc = parse(text, name)
    except LoadError as exc:
        report.error(name, exc.line, exc.col, "", exc.message)
        return None
    for line, col, path_, message in doc.problems:
        report.error(name, line, col, path_, message)
    return doc
