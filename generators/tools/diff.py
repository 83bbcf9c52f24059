"""Say in words what a change to data/ does: ``python -m generators diff BASE [HEAD]``.

BASE and HEAD are git revisions (HEAD by default; ``--worktree`` compares BASE with the files as
they are now). Both sides are read from git into temporary folders, validated, and compared:
records added and removed, status and progress changes, moved dates, changed hotline numbers or
hours, other changed fields, and errors or warnings that the change brings. The output is
Markdown, for a pull request's step summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from ..load import clock
from ..load.errors import ErrorReport, Problem
from ..model.dataset import Dataset
from ..model.types import TYPES
from ..pipeline import check
from ..views.views import Views
from .annotations import code_span

DATES = {"start": "开始日期", "end": "结束日期", "deadline": "受理截止日期", "due": "完成期限",
         "valid_from": "启用日期", "valid_to": "停用日期", "verified": "核实日期"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="比较的起点，git 版本，如 origin/main")
    parser.add_argument("head", nargs="?", default="HEAD", help="比较的终点 (default: HEAD)")
    parser.add_argument("--worktree", action="store_true", help="与当前工作区的文件比较，而不是 HEAD")


def run(args: argparse.Namespace) -> int:
    as_of = clock.parse_as_of(args.as_of)
    repo = _git_root(args.data)
    folder = args.data.resolve().relative_to(repo).as_posix()
    with tempfile.TemporaryDirectory() as tmp:
        before = _load_revision(repo, args.base, folder, Path(tmp) / "base", as_of)
        after = (_load_folder(args.data, as_of) if args.worktree
                 else _load_revision(repo, args.head, folder, Path(tmp) / "head", as_of))
    head = "工作区" if args.worktree else args.head
    print(describe(before, after, args.base, head))
    return 0


def _git_root(path: Path) -> Path:
    out = subprocess.run(["git", "-C", str(path.resolve()), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def _load_revision(repo: Path, rev: str, folder: str, target: Path,
                   as_of: Any) -> tuple[Dataset | None, ErrorReport]:
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev, folder],
                             capture_output=True, check=True).stdout
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    data = target / folder
    data.rename(target / "data")
    return _load_folder(target / "data", as_of)


def _load_folder(data: Path, as_of: Any) -> tuple[Dataset | None, ErrorReport]:
    report = ErrorReport()
    return check(data, as_of, report), report


def describe(before: tuple[Dataset | None, ErrorReport], after: tuple[Dataset | None, ErrorReport],
             base: str, head: str) -> str:
    (old, old_report), (new, new_report) = before, after
    lines = [f"## 数据变更：{base} → {head}", ""]
    changes: list[str] = []
    if old is not None and new is not None:
        changes = record_changes(old, new)
    lines += [f"- {c}" for c in changes] or ["- 记录没有变化 (no record changed)"]
    fresh = _new_problems(old_report, new_report)
    if fresh:
        lines += ["", f"### 新出现的问题（{len(fresh)} 个）", "", *(f"- {code_span(str(p))}" for p in fresh)]
    lines.append("")
    return "\n".join(lines)


def _new_problems(old: ErrorReport, new: ErrorReport) -> list[Problem]:
    # Compare without positions: an edit above a known problem moves it, it does not add one.
    seen = {(p.file, p.path, p.message) for p in old.problems}
    return [p for p in sorted(new.problems) if (p.file, p.path, p.message) not in seen]


def record_changes(old: Dataset, new: Dataset) -> list[str]:
    old_views, new_views = Views(old), Views(new)
    changes: list[str] = []
    for record_type in TYPES:
        before, after = old.records[record_type.name], new.records[record_type.name]
        for record_id in sorted(after.keys() - before.keys()):
            changes.append(f"新增{record_type.label} `{record_id}`：{_name(after[record_id])}"
                           + _waits(after[record_id], new.as_of))
        for record_id in sorted(before.keys() - after.keys()):
            changes.append(f"删除{record_type.label} `{record_id}`：{_name(before[record_id])}")
        for record_id in sorted(before.keys() & after.keys()):
            a, b = before[record_id], after[record_id]
            if a.model_dump(mode="json") != b.model_dump(mode="json"):
                what = _field_changes(a, b, old_views, new_views)
                changes += [f"{record_type.label} `{record_id}`（{_name(b)}）：{w}" for w in what]
    return changes


def _waits(record: Any, as_of: dt.date) -> str:
    """When a new record is not on the site yet (a report waits for its bulletin's day)."""
    day = getattr(record, "published_on", None)
    return f"（{day.isoformat()} 起在网站上公开）" if day is not None and day > as_of else ""


def _name(record: Any) -> str:
    """The record's title as a code span: the summary is Markdown, a title is not."""
    return code_span(getattr(record, "title", None) or getattr(record, "name", None) or record.id)


def _field_changes(a: Any, b: Any, old_views: Views, new_views: Views) -> list[str]:
    old, new = a.model_dump(mode="json"), b.model_dump(mode="json")
    out: list[str] = []
    for field in sorted(set(old) | set(new)):
        if old.get(field) == new.get(field):
            continue
        if field == "history":
            p, q = old_views.progress(a), new_views.progress(b)
            moves = []
            if p.status != q.status:
                moves.append(f"状态 {code_span(p.status or '无')} → {code_span(q.status or '无')}")
            if _pct(p.value) != _pct(q.value):
                moves.append(f"进度 {_pct(p.value)} → {_pct(q.value)}")
            out.append("，".join(moves) or "进展记录有更新（状态和进度不变）")
        elif field in DATES:
            out.append(f"{DATES[field]} {old.get(field) or '无'} → {new.get(field) or '无'}")
        elif field == "channels" and isinstance(old.get(field), list):
            out.append(f"渠道 {_channels(old[field])} → {_channels(new[field])}")
        elif field == "hours":
            out.append(f"接听时间 {_hours(a)} → {_hours(b)}")
        elif field == "groups":
            out += _group_changes(old.get(field) or [], new.get(field) or [])
        else:
            out.append(f"字段 `{field}` 有修改")
    return out


def _pct(value: float | None) -> str:
    return "未报告" if value is None else f"{round(value, 2):g}%"


def _channels(channels: list[dict[str, Any]]) -> str:
    """Each channel by what a resident dials, writes to or opens."""
    keys = ("number", "email", "box", "url", "location", "address", "note")
    return "、".join(f"{c['kind']} {next((c[k] for k in keys if c.get(k)), '')}".strip()
                    for c in channels) or "无"


def _hours(record: Any) -> str:
    return record.hours.label() if record.hours else "未公布"


def _group_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    out = []
    for index, (g, h) in enumerate(zip(old, new, strict=False), 1):
        if g.get("channels") != h.get("channels"):
            out.append(f"第 {index} 组渠道 {_channels(g.get('channels') or [])} → "
                       f"{_channels(h.get('channels') or [])}")
        if g["places"] != h["places"]:
            out.append(f"第 {index} 组被巡察村社有变化")
        if g["name"] != h["name"] or g.get("unit") != h.get("unit"):
            out.append(f"第 {index} 组名称或单位有变化")
    if len(old) != len(new):
        out.append(f"巡察组数量 {len(old)} → {len(new)}")
    return out
