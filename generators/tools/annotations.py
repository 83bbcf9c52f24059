"""Problems as GitHub Actions annotations, so they show on the changed lines of a pull request.

GitHub shows only the first 10 annotations of a step, so the full report also goes to the step
summary. Values come from data files, so they are escaped: a title holding "%0A::error::" or a
line break cannot forge a workflow command.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TextIO

from ..load.errors import ErrorReport, Problem, visible


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    kind = "error" if problem.severity == "error" else "warning"
    props = [f"file={escape_property(problem.file)}"]
    if problem.line:
        props += [f"line={problem.line}", f"col={problem.col}"]
    title = problem.path or ("数据错误" if kind == "error" else "数据警告")
    props.append(f"title={escape_property(title)}")
    return f"::{kind} {','.join(props)}::{escape_data(problem.message)}"


def print_github(report: ErrorReport, stream: TextIO) -> None:
    """Annotations on ``stream``, and the whole report in the step summary when there is one."""
    for problem in [*report.errors, *report.warnings]:
        print(annotation(problem), file=stream)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as out:
            out.write(summary_markdown(report))


def summary_markdown(report: ErrorReport) -> str:
    lines = ["## 数据检查 (data check)", "", report.summary(), ""]
    if report.problems:
        lines += [f"- {'警告 ' if p.severity == 'warning' else ''}{code_span(str(p))}"
                  for p in [*report.errors, *report.warnings]]
        lines.append("")
    return "\n".join(lines)


def code_span(text: str) -> str:
    """``text`` as a Markdown code span that the text cannot close: fenced by one backtick more
    than its longest run of backticks, on one line (a line break would end the list item)."""
    text = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # A space keeps a backtick at either end from joining the fence (CommonMark strips one).
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"
