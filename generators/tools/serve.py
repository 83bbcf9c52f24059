"""Live preview: MkDocs serves content/, and we regenerate content/ whenever data/ changes.

Only pages whose text changed are rewritten (see :func:`generate.write_pages`), so MkDocs's own
watcher rebuilds and reloads the browser for exactly those changes. Files that did not change
are not read again (:class:`validate.LoadCache`), and the pages of the records that changed are
written first, before the rest of the site is regenerated.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..load.address import ENV, Address
from ..model.dataset import Dataset
from ..model.types import TYPES
from ..model.validate import LoadCache
from ..render.generate import render_all, write_pages
from ..render.pages import record_pages
from ..views.views import Views


def changed_records(old: Dataset, new: Dataset) -> list[tuple[str, Any]]:
    """(type name, record) of the records that are new or differ from the last run's."""
    return [(t.name, record) for t in TYPES for record in new.all(t.name)
            if old.get(t.name, record.id) != record]


class _Regenerate(FileSystemEventHandler):
    def __init__(self, run: Callable[[], None]):
        self.run = run
        self.timer: threading.Timer | None = None

    #: Writes only: reading the files ourselves raises "opened" events, which must not loop.
    CHANGES = frozenset({"created", "modified", "deleted", "moved", "closed"})

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
        if event.is_directory or event.event_type not in self.CHANGES:
            return
        if not any(p.endswith((".yaml", ".yml")) for p in paths):
            return
        # Editors save in several steps; wait for the last one.
        if self.timer:
            self.timer.cancel()
        self.timer = threading.Timer(0.2, self.run)
        self.timer.start()


def serve(args: argparse.Namespace, load: Callable[..., Dataset | None]) -> int:
    # A preview is local whatever SITE_URL says: feeds, QR codes and MkDocs all use its address.
    preview = Address(f"http://{args.dev_addr}/")
    cache = LoadCache()
    lock = threading.Lock()
    last: list[Dataset] = []

    def regenerate() -> None:
        with lock:  # one regeneration at a time, in the order the saves came
            dataset = load(args, cache)
            if dataset is None:
                print("数据有错误，预览保持上一版 (errors: preview keeps the last good pages)",
                      file=sys.stderr)
                return
            dataset.address = preview
            if last:
                # First the pages of the records that changed, so the page being edited refreshes
                # at once; then everything, which may take a while on a large dataset.
                shown = dataset.published()  # as render_all: a report waits for its day
                edited = [(kind, record) for kind, record in changed_records(last[0], dataset)
                          if record.id in shown.records[kind]]
                if edited:
                    pages = record_pages(shown, Views(shown), edited)
                    print(write_pages(args.content, pages, complete=False), file=sys.stderr)
            print(write_pages(args.content, render_all(dataset, parallel=False)), file=sys.stderr)
            last[:] = [dataset]

    regenerate()
    observer = Observer()
    observer.schedule(_Regenerate(regenerate), str(args.data), recursive=True)
    observer.start()
    try:
        # --dirty: MkDocs rebuilds only the pages whose files changed since its last build, not
        # the whole site (in the preview, the search index then covers those pages only). MkDocs
        # warns that a dirty build may have stale links, so the preview cannot be strict; its
        # warnings still show here, and `make site` and CI build strictly.
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
                                "--config-file", str(args.config), "--dev-addr", args.dev_addr],
                               env={**os.environ, ENV: preview.url, "SITE_LOCAL_PREVIEW": "true"})
    finally:
        observer.stop()
        observer.join()
