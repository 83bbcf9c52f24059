"""Live preview: MkDocs serves content/, and we regenerate content/ whenever data/ changes.

Only pages whose text changed are rewritten (see :func:`generate.write_pages`), so MkDocs's own
watcher rebuilds and reloads the browser for exactly those changes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from collections.abc import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .generate import render_all, write_pages


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


def serve(args: argparse.Namespace, load: Callable[[argparse.Namespace], object]) -> int:
    def regenerate() -> None:
        dataset = load(args)
        if dataset is None:
            print("数据有错误，预览保持上一版 (errors: preview keeps the last good pages)", file=sys.stderr)
            return
        print(write_pages(args.content, render_all(dataset)), file=sys.stderr)

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
                                "--config-file", str(args.config), "--dev-addr", args.dev_addr])
    finally:
        observer.stop()
        observer.join()
