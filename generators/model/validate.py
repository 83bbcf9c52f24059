"""Model, validate: typed models per record, then checks across records.

Every problem is added to the report with the file, line and column of the value at fault; the
run goes on so that staff see every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..load.document import Document, read
from ..load.errors import ErrorReport, Problem
from . import policy
from .dataset import Broken, Dataset, dotted
from .fields import Record
from .migrations import moved
from .refs import model_fields, ref_fields, references
from .site import Site
from .types import BY_NAME, TYPES, RecordType

SITE_FILE = "site.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


class LoadCache:
    """Files read and typed by earlier runs of one process (the live preview): a file whose size
    and modification time are unchanged, under the same site settings, is not read again. The
    checks across records always run on the whole dataset."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple[Any, ...], _FileResult]] = {}

    def get(self, path: Path, key: tuple[Any, ...]) -> _FileResult | None:
        entry = self._files.get(path)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, path: Path, key: tuple[Any, ...], result: _FileResult) -> None:
        self._files[path] = (key, result)


def load_dataset(data_dir: Path, as_of: dt.date, report: ErrorReport,
                 cache: LoadCache | None = None) -> Dataset | None:
    """Read, type and cross-check every file under ``data_dir``, each on its own: a file in error
    does not hide the others' problems. None only if the data folder links outside the repository."""
    first_new = len(report.problems)
    try:
        return _load_dataset(data_dir, as_of, report, cache)
    finally:
        # Errors quote the values they refuse; none may print a private number in full.
        report.problems[first_new:] = [p if (message := policy.redact(p.message)) == p.message
                                       else replace(p, message=message)
                                       for p in report.problems[first_new:]]


def _load_dataset(data_dir: Path, as_of: dt.date, report: ErrorReport,
                  cache: LoadCache | None) -> Dataset | None:
    root = data_dir.resolve().parent
    # A link could make the build read (and publish) any folder of the machine that runs it.
    repository = data_dir.absolute().parent.resolve()
    if not data_dir.resolve().is_relative_to(repository):
        report.error(data_dir.name, 0, 0, "", f"数据文件夹是指向仓库之外的符号链接（{data_dir.resolve()}），"
                     "请放入文件夹本身 (the data folder links outside the repository)")
        return None
    # Settings in error do not stop the run: every file is still read and typed, and only the
    # checks that need a broken setting wait for it (see Site.known).
    site = _load_site(data_dir / SITE_FILE, root, report)
    dataset = Dataset(site=site, as_of=as_of)
    _check_unknown_files(data_dir, root, report)
    first_seen: dict[tuple[str, str], Record] = {}
    settings = (site.model_dump_json(), sorted(site._unknown))  # the privacy rule depends on them
    for record_type in TYPES:
        folder = data_dir / record_type.folder
        if folder.is_symlink() and not folder.resolve().is_relative_to(repository):
            report.error(folder.relative_to(root).as_posix(), 0, 0, "",
                         f"记录文件夹是指向仓库之外的符号链接（{folder.resolve()}），请放入文件夹本身 "
                         "(a record folder links outside the repository)")
            dataset.incomplete.add(record_type.name)
            continue
        for path in data_files(folder):
            stat = path.stat()
            key = (record_type.name, stat.st_mtime_ns, stat.st_size, settings)
            result = cache.get(path, key) if cache is not None else None
            if result is None:
                result = _read_file(path, root, record_type, site)
                if cache is not None:
                    cache.put(path, key, result)
            report.problems.extend(result.problems + result.privacy)
            if result.doc is not None:
                dataset.documents[result.doc.file] = result.doc
            if result.unreadable:
                dataset.incomplete.add(record_type.name)
            for broken in result.broken:
                dataset.add_broken(broken)
            for record in result.records:
                key = (record_type.name, record.id)
                if key in first_seen:
                    other = first_seen[key]
                    line, _ = dataset.position(other, ())
                    dataset.error(report, record, ("id",),
                                  f"编号 '{record.id}' 重复，已在 {other._file}:{line} 使用 "
                                  "(duplicate id)")
                    dataset.add_broken(Broken(record_type.name, record.id, _typed_refs(record)))
                    continue
                first_seen[key] = record
                dataset.records[record_type.name][record.id] = record
                if result.doc_problems:
                    # A duplicate key: which of the values the author meant is not known.
                    dataset.faulty.add((record._file, record._index))
    for record_type in TYPES:
        for record in dataset.all(record_type.name):
            _check_refs(record, dataset, report)
            record_type.run_checks(record, dataset, report)
    return dataset


@dataclass(frozen=True)
class _FileResult:
    doc: Document | None
    records: list[Record]
    problems: list[Problem]
    """Reading and typing problems."""
    privacy: list[Problem]
    broken: list[Broken]
    """Entries that did not validate, with their ids."""
    unreadable: bool
    """Some entry could not be read as far as its id: references to the type are not checked."""
    doc_problems: bool
    """The file was read with problems of its own (a duplicate key): its records are faulty."""


def _read_file(path: Path, root: Path, record_type: RecordType, site: Site) -> _FileResult:
    """One file read, typed and checked for private numbers, with its problems."""
    found, privacy = ErrorReport(), ErrorReport()
    doc = read(path, root, found)
    if doc is None:
        return _FileResult(None, [], found.problems, [], [], True, False)
    records, broken, unreadable = _records(doc, record_type, found)
    policy.check_documents({doc.file: doc}, site, privacy, record_type.model)
    return _FileResult(doc, records, found.problems, privacy.problems, broken, unreadable,
                       bool(doc.problems))


def data_files(folder: Path) -> list[Path]:
    """The YAML files of one record type, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def _check_unknown_files(data_dir: Path, root: Path, report: ErrorReport) -> None:
    known = {t.folder for t in TYPES}
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        in_record_folder = path.parent.parent == data_dir and path.parent.name in known
        if path.suffix not in YAML_SUFFIXES:
            # Allow-list: a data file ends in .yaml or .yml, in lower case; anything that looks
            # like one (.YAML, .yaml.txt, .yaml~, .yml.bak) would silently not be read.
            lower = path.name.lower()
            if ".yaml" in lower or ".yml" in lower:
                report.error(path.relative_to(root).as_posix(), 0, 0, "",
                             "文件名像数据文件，但不以小写的 .yaml 或 .yml 结尾，不会被读取；请改名或删除 "
                             "(looks like a data file but is not named *.yaml or *.yml: not read)")
            elif in_record_folder and not path.name.startswith("."):
                report.error(path.relative_to(root).as_posix(), 0, 0, "",
                             "记录文件夹中只能放 .yaml 或 .yml 文件，此文件不会被读取；请移走 "
                             "(only .yaml and .yml files in a record folder)")
            continue
        if path.name == SITE_FILE and path.parent == data_dir:
            continue
        if path.parent.parent != data_dir or path.parent.name not in known:
            # One suggestion reads better than the list of every folder (the guide has that).
            near = difflib.get_close_matches(path.parent.name, sorted(known), n=1, cutoff=0.5)
            tip = f"你是不是想放到 data/{near[0]}/？" if near else "请放到一个记录文件夹中（见工作人员指南）"
            report.error(path.relative_to(root).as_posix(), 0, 0, "",
                         f"文件不在任何记录文件夹中，不会被读取；{tip} (file is outside the record folders)")


def _load_site(path: Path, root: Path, report: ErrorReport) -> Site:
    """The site settings. Settings in error are reported, marked unknown and replaced (by their
    default, or a placeholder), so that the run goes on; a note says which checks wait for them."""
    site = _read_site(path, root, report)
    skipped = [what for setting, what in SETTING_CHECKS.items() if not site.known(setting)]
    if skipped:
        report.warn(path.relative_to(root).as_posix(), 0, 0, "",
                    f"网站设置有错误，改正前以下检查暂未进行：{'；'.join(skipped)} "
                    "(checks that need the settings in error were skipped)")
    return site


#: Settings that checks of the data depend on, and those checks, as the note names them.
SETTING_CHECKS = {
    "official_numbers": "手机号码是否为登记的官方渠道",
    "email_domains": "电子邮箱是否属于官方域名",
    "statuses": "进展的状态名称、通报写明的数字与汇总的进度",
    "stale_after_days": "热线电话多久未核实",
}
#: What a required setting in error holds meanwhile (never published: the run has errors).
_PLACEHOLDERS: dict[str, Any] = {"title": "?", "region": "?", "description": "?", "statuses": []}


def _read_site(path: Path, root: Path, report: ErrorReport) -> Site:
    if not path.is_file():
        report.error(path.relative_to(root).as_posix(), 0, 0, "", "缺少网站设置文件 (missing site settings)")
        return unknown_site()
    doc = read(path, root, report)
    if doc is None:
        return unknown_site()
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        report.error(doc.file, line, col, "",
                     f"文件内容应为映射（字段: 值）(expected a mapping), 实际是{_kind(doc.data)}")
        return unknown_site()
    try:
        site = Site.model_validate(doc.data)
    except ValidationError as exc:
        _report_validation(exc, Site, doc, (), report)
        site = _salvage(doc.data, exc)
    # The settings are published too (title, description, notices): the same privacy rule holds.
    policy.check_documents({doc.file: doc}, site, report, Site)
    return site


def _salvage(data: dict[str, Any], exc: ValidationError) -> Site:
    """The settings without the ones in error: those are unknown, the rest hold as written."""
    failed = {err["loc"][0] for err in exc.errors(include_url=False) if err["loc"]}
    if not failed or any(not isinstance(name, str) for name in failed):
        return unknown_site()
    unknown = failed & set(Site.model_fields)
    kept = {k: v for k, v in data.items() if k in Site.model_fields and k not in unknown}
    try:
        site = Site.model_validate({**kept, **{k: v for k, v in _PLACEHOLDERS.items() if k in unknown}})
    except ValidationError:  # a setting that needs another one: nothing is known for sure
        return unknown_site()
    site._unknown = frozenset(unknown)
    return site


def unknown_site() -> Site:
    """Settings of which nothing is known (data/site.yaml missing or unreadable)."""
    site = Site.model_validate(_PLACEHOLDERS)
    site._unknown = frozenset(Site.model_fields)
    return site


def _records(doc: Document, record_type: RecordType,
             report: ErrorReport) -> tuple[list[Record], list[Broken], bool]:
    """The records of one file that validate; the others, with their ids; whether some entry
    could not be read as far as a valid id."""
    if not isinstance(doc.data, list):
        line, col = doc.position(())
        report.error(doc.file, line, col, "",
                     f"文件内容应为记录列表，每条记录以 '- ' 开头 (expected a list of records), "
                     f"实际是{_kind(doc.data)}")
        return [], [], True
    records, broken, unreadable = [], [], False
    for index, item in enumerate(doc.data):
        if not isinstance(item, dict):
            line, col = doc.position((index,))
            report.error(doc.file, line, col, f"[{index + 1}]",
                         f"每条记录应为映射（字段: 值）(expected a mapping), 实际是{_kind(item)}")
            unreadable = True
            continue
        try:
            record = record_type.model.model_validate(item)
        except ValidationError as exc:
            _report_validation(exc, record_type.model, doc, (index,), report)
            raw_id = item.get("id")
            if isinstance(raw_id, str) and not any(e["loc"][:1] == ("id",) for e in exc.errors()):
                broken.append(Broken(record_type.name, raw_id.strip(), _raw_refs(record_type.model, item)))
            else:  # the id is in error too: which one was meant is not known
                unreadable = True
            continue
        record._file, record._index = doc.file, index
        records.append(record)
    return records, broken, unreadable


def _raw_refs(model: type[Record], item: dict[str, Any]) -> dict[str, tuple[str, ...]] | None:
    """The top-level references of an entry that did not validate, as written; None if one of
    them is missing where required, or is not an id or a list of ids."""
    refs: dict[str, tuple[str, ...]] = {}
    for name in ref_fields(model):
        value = item.get(name)
        if value is None:
            if model.model_fields[name].is_required():
                return None
        elif isinstance(value, str):
            refs[name] = (value.strip(),)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            refs[name] = tuple(v.strip() for v in value)
        else:
            return None
    return refs


def _typed_refs(record: Record) -> dict[str, tuple[str, ...]]:
    """The top-level references of a record, as :func:`_raw_refs` gives them."""
    refs: dict[str, tuple[str, ...]] = {}
    for name in ref_fields(type(record)):
        value = getattr(record, name)
        if value:
            refs[name] = tuple(value) if isinstance(value, list) else (value,)
    return refs


def _kind(value: Any) -> str:
    if value is None:
        return "空值 (empty)"
    if isinstance(value, list):
        return "列表 (a list)"
    if isinstance(value, dict):
        return "映射 (a mapping)"
    return f"文字 (text) '{_short(value)}'"


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _report_validation(exc: ValidationError, model: type[BaseModel], doc: Document,
                       prefix: tuple[Any, ...], report: ErrorReport) -> None:
    errors = exc.errors(include_url=False)
    # A misspelt field shows up twice: as unknown ('phnoe') and as a missing one ('phone').
    # Say it once, at the misspelling, naming the field that is missing beside it.
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    hints: dict[tuple[Any, ...], str] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            siblings = sorted(m[-1] for m in missing if m[:-1] == loc[:-1])
            owner = _model_at(model, loc[:-1])
            if owner is not None and (instead := moved(owner.__name__, str(loc[-1]))):
                # The moved-field message names the new field: no second "missing" error for it.
                missing -= {(*loc[:-1], s) for s in siblings if f"{s}" in instead}
                continue
            if hint := difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.3):
                hints[loc] = hint[0]
                missing.discard((*loc[:-1], hint[0]))
    for err in errors:
        loc = tuple(err["loc"])
        if loc in hints:
            err = {**err, "type": "misspelt", "hint": hints[loc]}
        elif err["type"] == "missing" and loc not in missing:
            continue
        message, on_key = _message(err, model, loc)
        line, col = doc.position((*prefix, *loc), key=on_key)
        report.error(doc.file, line, col, dotted(loc), message)


def _message(err: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, bool]:
    """A Chinese message for one pydantic error, and whether it points at the key."""
    kind, value = err["type"], err.get("input")
    not_here = getattr(model, "NOT_HERE", {}) if len(loc) == 1 else {}
    if kind in ("extra_forbidden", "misspelt") and loc[-1] in not_here:
        return not_here[loc[-1]], True
    if kind == "misspelt":
        return (f"未知字段 '{loc[-1]}'；你是不是想写 '{err['hint']}'？"
                f"(unknown field, did you mean '{err['hint']}'?)"), True
    if kind == "extra_forbidden":
        name = str(loc[-1])
        owner = _model_at(model, loc[:-1])
        if owner is not None and (instead := moved(owner.__name__, name)):
            return instead, True
        allowed = list(_fields_at(model, loc[:-1]))
        hint = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        tip = f"；你是不是想写 '{hint[0]}'？(did you mean '{hint[0]}'?)" if hint else ""
        return f"未知字段 '{name}' (unknown field){tip}；可用字段：{', '.join(allowed)}", True
    if kind == "missing":
        return f"缺少必填字段 '{loc[-1]}' (missing required field)", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"应为映射（字段: 值）(expected a mapping), 实际是{_kind(value)}", False
    if kind in ("list_type", "tuple_type"):
        owner = _model_at(model, loc[:-1])
        if isinstance(value, dict) and owner is not None and (instead := moved(owner.__name__, str(loc[-1]))):
            return instead, True
        return f"应为列表，每项以 '- ' 开头 (expected a list), 实际是{_kind(value)}", False
    if kind in ("string_type", "bool_type", "int_type", "float_type"):
        if value is None:
            return "必填，不能为空 (required value is empty)", False
        return f"应为文字 (expected text), 实际是{_kind(value)}", False
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"取值应为 {expected} 之一 (expected one of these), 实际是 '{_short(value)}'", False
    if kind in ("int_parsing", "int_from_float"):
        return f"应为整数 (expected a whole number), 实际是 '{_short(value)}'", False
    # Our own validators already speak Chinese (see fields.py).
    return err["msg"], False


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that holds the fields at ``loc`` inside ``model``."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, str) and current is not None:
            current = model_fields(current).get(part)
    return current


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model``, for did-you-mean hints."""
    current = _model_at(model, loc)
    return list(model_fields(current)) if current else []


def _check_refs(record: Record, dataset: Dataset, report: ErrorReport) -> None:
    """Every field marked with :class:`Ref` names an existing record, at any depth."""
    for path, kind, value in references(record):
        if value in dataset.records[kind]:
            continue
        if dataset.unsure(kind, value):
            # The record is there but did not validate (or some records of this kind could not
            # be read): the error that matters is already reported there.
            continue
        label = BY_NAME[kind].label
        known = [*dataset.records[kind], *(b.id for b in dataset.broken[kind])]
        hint = difflib.get_close_matches(value, known, n=1, cutoff=0.75)
        tip = f"；你是不是想写 '{hint[0]}'？(did you mean '{hint[0]}'?)" if hint else ""
        dataset.error(report, record, path,
                      f"找不到编号为 '{value}' 的{label} (unknown {kind} id){tip}")
