"""Stage 3, generate: records → ``{page path: Markdown}``, then write only what changed.

:func:`render_all` is a pure function of the dataset (and its as-of day), gathering every
output listed in :mod:`generators.outputs`; :func:`write_pages` is the only code that touches
``content/``, and only the paths those outputs own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .dataset import Dataset
from .outputs import OUTPUTS, owned_paths
from .views import Views


def render_all(dataset: Dataset) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path under content/; a pure function of the dataset."""
    views = Views(dataset)
    files: dict[str, str | bytes] = {}
    for output in OUTPUTS:
        produced = output.produce(dataset, views)
        for path in produced:
            if not output.owns(path):
                raise ValueError(f"output {output.name!r} wrote {path!r} outside {output.owned}")
        files.update(produced)
    return files


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
