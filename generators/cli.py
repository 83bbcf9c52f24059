"""``python -m generators COMMAND``: the commands staff, CI and the Makefile run.

  check      validate data/ and print every problem with file:line:col
  generate   check, then write the generated pages into content/
  build      check, generate, and build the site with MkDocs into site/ (atomically);
             the address is $SITE_URL (unset: a local preview); --publish requires a real one
  serve      generate, then preview on http://127.0.0.1:8000, regenerating when data/ changes
  clean      remove the generated pages from content/
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import traceback
from pathlib import Path
from typing import TextIO

from . import pipeline
from .build.mkdocs import BuildFailed, build_site
from .load import address, clock
from .load.address import Address
from .load.errors import ErrorReport
from .model.dataset import Dataset
from .model.types import TYPES
from .model.validate import LoadCache
from .render.generate import clean, render_all, write_pages
from .tools.annotations import print_github

ROOT = Path(__file__).resolve().parent.parent


def load(args: argparse.Namespace, cache: LoadCache | None = None) -> Dataset | None:
    """Validate; print the report; the dataset, or None if there were errors."""
    report = ErrorReport()
    dataset = pipeline.check(args.data, clock.parse_as_of(args.as_of), report, content_dir=args.content,
                             cache=cache)
    print_report(report)
    if getattr(args, "format", "text") == "github":
        print_github(report, sys.stdout)
    return None if report else dataset


def print_report(report: ErrorReport, stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for problem in report.errors:
        print(f"{problem}", file=stream)
    for problem in report.warnings:
        print(f"警告 (warning): {problem}", file=stream)
    print(report.summary(), file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every record; print every problem with file:line:col."""
    dataset = load(args)
    if dataset is None:
        return 1
    counts = "，".join(f"{k} {len(v)}" for k, v in dataset.records.items())
    print(f"记录数 (records): {counts}")
    return 0


def site_address(args: argparse.Namespace) -> Address | None:
    """The address to build for (from ``SITE_URL``), or None after printing why it is refused."""
    try:
        found = address.resolve(publish=getattr(args, "publish", False))
    except address.AddressError as exc:
        print(f"错误 (error): {exc}", file=sys.stderr)
        print("未写入任何文件 (nothing was written)", file=sys.stderr)
        return None
    if found.local:
        print(f"本地预览 (local preview): {found.url}；正式发布请设置 {address.ENV} 并加 --publish",
              file=sys.stderr)
    return found


def cmd_generate(args: argparse.Namespace) -> int:
    """Validate, then write the generated Markdown pages into content/."""
    where = site_address(args)
    dataset = load(args) if where else None
    if dataset is None:
        return 1
    dataset.address = where
    stats = write_pages(args.content, render_all(dataset))
    print(stats)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, generate and build the site into site/; a failed build keeps the old site."""
    where = site_address(args)
    dataset = load(args) if where else None
    if dataset is None:
        return 1
    dataset.address = where
    print(write_pages(args.content, render_all(dataset)))
    # A page for every record published on the as-of day (see Dataset.published), no other.
    expected = {t.folder: set(dataset.published().records[t.name]) for t in TYPES}
    try:
        build_site(args.config, args.site, as_of=dataset.as_of, expected_pages=expected,
                   address=where)
    except BuildFailed as exc:
        print(exc, file=sys.stderr)
        print("网站构建失败，原有网站未改动 (build failed; the previous site is unchanged)",
              file=sys.stderr)
        return 1
    print(f"网站已生成 (site built): {args.site}，地址 (address): {where.url}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview the site; saving a file under data/ regenerates the pages it changes."""
    from .tools.serve import serve

    return serve(args, load)


def cmd_clean(args: argparse.Namespace) -> int:
    """Remove the generated pages from content/ (hand-written pages stay)."""
    print(f"删除 {len(clean(args.content))} 页 (removed)")
    return 0


COMMANDS = {"check": cmd_check, "generate": cmd_generate, "build": cmd_build, "serve": cmd_serve,
            "clean": cmd_clean}


#: Commands that live in a module of their own: ``generators/tools/<module>.py`` defines
#: ``add_arguments(parser)`` and ``run(args) -> int``, and its docstring's first line is the help.
MODULE_COMMANDS = {"diff": "tools.diff", "schema": "tools.schema", "new": "tools.new", "synth": "tools.synth",
                   "migrate": "tools.migrate", "publish": "tools.publish", "template": "tools.template",
                   "import": "tools.import_sheet"}


def _module_commands(tools: bool = True) -> dict[str, object]:
    found = {}
    for name, module in MODULE_COMMANDS.items() if tools else ():
        if importlib.util.find_spec(f"{__package__}.{module}") is not None:
            found[name] = importlib.import_module(f"{__package__}.{module}")
    return found


def build_parser(tools: bool = True) -> argparse.ArgumentParser:
    """The commands; ``tools=False`` leaves out the ones in modules of their own (importing
    them all, spreadsheet and YAML libraries included, costs a check a quarter of a second)."""
    parser = argparse.ArgumentParser(prog="python -m generators", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true", help="出错时显示完整的 Python 调用栈")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, module in _module_commands(tools).items():
        doc = (module.__doc__ or name).strip()
        p = sub.add_parser(name, help=doc.splitlines()[0], description=doc,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _common_arguments(p)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    for name, func in COMMANDS.items():
        p = sub.add_parser(name, help=func.__doc__, description=func.__doc__)
        _common_arguments(p)
        p.set_defaults(run=func)
        if name == "serve":
            p.add_argument("--dev-addr", default="127.0.0.1:8000", help="预览地址 (default: 127.0.0.1:8000)")
        if name == "build":
            p.add_argument("--publish", action="store_true",
                           help=f"发布用的构建：必须有真实的 {address.ENV}，否则不写任何文件")
    return parser


def _common_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=ROOT / "data", help="数据文件夹 (default: data/)")
    p.add_argument("--as-of", help="按哪一天计算状态 YYYY-MM-DD (default: today in Asia/Shanghai)")
    p.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)
    p.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    p.add_argument("--site", type=Path, default=ROOT / "site", help="输出文件夹 (default: site/)")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: also print GitHub annotations and write the step summary")


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    command = next((w for w in words if not w.startswith("-")), None)
    args = build_parser(tools=command not in COMMANDS).parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception:
        if args.debug:
            raise
        print("内部错误，请用 --debug 重新运行并把输出发给维护者 (internal error; rerun with --debug)",
              file=sys.stderr)
        traceback.print_exc(limit=0)
        return 2
