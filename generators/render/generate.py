"""Render, generate: records → ``{page path: Markdown}``, then write only what changed.

:func:`render_all` is a pure function of the dataset (and its as-of day), gathering every
output listed in :mod:`generators.render.outputs`; :func:`write_pages` is the only code that touches
``content/``, and only the paths those outputs own.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..model.dataset import Dataset
from ..model.types import TYPES
from ..views.views import Views
from .outputs import OUTPUTS, Output, owned_paths


def render_all(dataset: Dataset, *, parallel: bool = True) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path under content/; a pure function of the dataset.

    With ``parallel``, more than one CPU and at least FORK_FROM records, outputs marked
    ``separate`` are produced in a forked process while this one renders the rest: the same
    result, sooner. The live preview passes False: it runs threads (forking them is unsafe) and
    caches those outputs in-process.
    """
    dataset = dataset.published()
    views = Views(dataset)
    files: dict[str, str | bytes] = {}
    size = sum(len(dataset.all(t.name)) for t in TYPES)
    aside = [o for o in OUTPUTS if o.separate] if parallel and size >= FORK_FROM and _can_fork() else []
    pending = _start_aside(aside, dataset, views)
    for output in OUTPUTS:
        if output not in aside:
            files.update(_checked(output, output.produce(dataset, views)))
    for output, future in pending:
        files.update(_checked(output, future.result()))
    return dict(sorted(files.items()))


#: Below this many records a fork costs more than it saves.
FORK_FROM = 2000


def _checked(output: Output, produced: dict[str, str | bytes]) -> dict[str, str | bytes]:
    for path in produced:
        if not output.owns(path):
            raise ValueError(f"output {output.name!r} wrote {path!r} outside {output.owned}")
    return produced


def _can_fork() -> bool:
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


#: What the forked process produces from: set just before it forks, read in the child.
_ASIDE: tuple[Dataset, Views] | None = None


def _start_aside(outputs: list[Output], dataset: Dataset, views: Views) -> list[tuple[Output, Future]]:
    global _ASIDE
    if not outputs:
        return []
    _ASIDE = (dataset, views)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        # Submitted by index: the child already holds the dataset, nothing large is pickled.
        return [(output, pool.submit(_produce_aside, OUTPUTS.index(output))) for output in outputs]
    finally:
        pool.shutdown(wait=False)  # the futures still complete; no new work
        _ASIDE = None


def _produce_aside(index: int) -> dict[str, str | bytes]:
    assert _ASIDE is not None, "runs only in the forked process"
    return OUTPUTS[index].produce(*_ASIDE)


@dataclass
class WriteStats:
    written: list[str]
    unchanged: int
    removed: list[str]

    def __str__(self) -> str:
        return (f"写入 {len(self.written)} 页，未变 {self.unchanged} 页，删除 {len(self.removed)} 页 "
                f"(written {len(self.written)}, unchanged {self.unchanged}, removed {len(self.removed)})")


def write_pages(content_dir: Path, pages: dict[str, str | bytes], *, complete: bool = True) -> WriteStats:
    """Make the owned part of ``content_dir`` hold exactly ``pages``.

    A file whose text is unchanged is not touched, so ``mkdocs serve`` rebuilds only what a change
    really affects; pages of deleted records are removed. ``complete=False`` writes some pages
    and removes nothing (the preview's first pass).
    """
    stats = WriteStats([], 0, [])
    for rel, text in sorted(pages.items()):
        target = content_dir / rel
        data = text.encode("utf-8") if isinstance(text, str) else text
        if target.is_file() and target.read_bytes() == data:
            stats.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # readers (mkdocs serve) never see a half-written page
        stats.written.append(rel)
    for existing in _owned_files(content_dir) if complete else []:
        rel = existing.relative_to(content_dir).as_posix()
        if rel not in pages:
            existing.unlink()
            stats.removed.append(rel)
    return stats


def _owned_files(content_dir: Path) -> list[Path]:
    found: list[Path] = []
    for owned in owned_paths():
        path = content_dir / owned
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file())
    return found


def clean(content_dir: Path) -> list[str]:
    """Remove every generated page, leaving hand-written ones."""
    removed = []
    for path in _owned_files(content_dir):
        path.unlink()
        removed.append(path.relative_to(content_dir).as_posix())
    for owned in owned_paths():
        for sub in sorted((content_dir / owned).glob("**/"), reverse=True):
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
    return removed
