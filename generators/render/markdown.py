"""Jinja2 set up for Markdown: every value escaped by default, typos fail loudly.

Jinja's autoescape is for HTML; in Markdown a ``|`` ends a table cell, ``#`` starts a heading and
``[x](javascript:…)`` is a link. So every ``{{ value }}`` passes through :func:`escape` unless it is
:class:`MD`, which only this module's helpers produce. Data is only ever a *value*: no template is
built from it, so ``{{ config }}`` in a title is text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from ..model.periods import fuzzy_label, period_kind, period_label
from ..views.quarters import Quarter

TEMPLATES = Path(__file__).parent / "templates"

# Characters Python-Markdown (with the tables extension) lets a backslash escape get one; the
# ones that start HTML, entities or attribute lists become entities, which also keeps a literal
# "{{" out of the built HTML.
_ESCAPES = {ch: "\\" + ch for ch in "\\`*_[]()#+-.!|"}
_ESCAPES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


class MD(Markup):
    """Markdown that is already safe: built here from escaped parts.

    It is a :class:`Markup` so that Jinja's autoescape mode passes it through untouched, and
    treats the output of macros (which is Markup too) the same way.
    """


def escape(value: Any) -> MD:
    """Text → Markdown that shows exactly that text, on one line or in paragraphs."""
    if isinstance(value, MD):
        return value
    if value is None:
        raise ValueError("a template printed None: guard optional fields with {% if %}")
    text = str(value).translate(_ESCAPE_TABLE)
    # Leading spaces would make an indented code block; blank lines stay paragraph breaks.
    return MD("\n".join(_line_start(line.strip()) for line in text.splitlines()))


def _line_start(line: str) -> str:
    """A line starting with '=' or '~' as text: '===' under a line makes it a heading (setext),
    '~~~' opens a code block; Python-Markdown has no backslash escape for either."""
    return f"&#{ord(line[0])};{line[1:]}" if line[:1] in ("=", "~") else line


def _finalize(value: Any) -> Any:
    return value if isinstance(value, Markup) else escape(value)


def join(values: Any, separator: str = "、") -> MD:
    """Jinja's own ``join`` HTML-escapes in autoescape mode; this one escapes for Markdown."""
    return MD(escape(separator).join(escape(v) for v in values))


def oneline(value: str) -> MD:
    """Text folded onto one line, for places where a line break would end the block."""
    return escape(" ".join(str(value).split()))


def html(value: Any) -> MD:
    """Text for a raw HTML block (where Markdown is not processed): HTML-escaped, braces too."""
    text = str(Markup.escape(str(value)))
    return MD(text.replace("{", "&#123;").replace("}", "&#125;"))


def fixed(value: float, digits: int = 1) -> MD:
    return MD(f"{value:.{digits}f}")


def date_cn(value: dt.date | None) -> MD:
    """A date as Chinese writes it, in a <time> element that never breaks across lines."""
    if value is None:
        return MD("—")
    return MD(f'<time datetime="{value.isoformat()}">{value.year}年{value.month}月{value.day}日</time>')


def number(value: float | int) -> MD:
    if isinstance(value, float) and not value.is_integer():
        return MD(f"{value:,.2f}".rstrip("0").rstrip("."))
    return MD(f"{int(value):,}")


def measure(value: float | int, unit: str = "", qualifier: str | None = None) -> MD:
    """A reported figure as Chinese writes it, without spaces, the hedge where Chinese puts it:
    约30,000人次、近200人 (before), 310多件、1万余元 (between number and unit), 95%以上 (after)."""
    figure, hedge = number(value), escape(qualifier or "")
    if qualifier in ("约", "近"):
        return MD(hedge + figure + escape(unit))
    if qualifier == "以上":
        return MD(figure + escape(unit) + hedge)
    return MD(figure + hedge + escape(unit))


def percent(value: float | None) -> MD:
    """A progress figure; unknown progress is 未报告, never 0 %."""
    if value is None:
        return MD("未报告")
    return MD(f"{value:.2f}".rstrip("0").rstrip(".") + "%")


def tel(number_text: str, css_class: str = "") -> MD:
    """A number one tap from dialling. Only for lines in service: see the ``dial`` macro."""
    digits = re.sub(r"\D", "", number_text)
    attrs = f"{{: .{css_class} }}" if css_class else ""
    return MD(f"[{escape(number_text)}](tel:{digits}){attrs}")


def tel_local(number_text: str, area_code: str | None) -> MD:
    """A number as published; a 7- or 8-digit local number (older notices) dials with the area
    code of its place, which ``check`` made sure is known."""
    digits = re.sub(r"\D", "", number_text)
    if len(digits) in (7, 8) and area_code:
        digits = re.sub(r"\D", "", area_code) + digits
    return MD(f"[{escape(number_text)}](tel:{digits})")


def mailto(address: str) -> MD:
    return MD(f"[{escape(address)}](mailto:{quote(address, safe='@.+-_')})")


def external(text: str, url: str) -> MD:
    """A link to another site, marked as leaving ours. ``url`` passed the Url check."""
    return MD(f"[{escape(text)}](<{url}>){{: .external rel=\"noopener\" }}")


@jinja2.pass_context
def link(context: jinja2.runtime.Context, text: str, target: str, anchor: str = "") -> MD:
    """A link to another generated page, relative to the page being rendered."""
    href = relative(target, context["page_path"])
    if anchor:
        href += "#" + anchor
    return MD(f"[{escape(text)}]({href})")


def relative(target: str, page: str) -> str:
    """``target`` relative to the folder of ``page`` (both paths under content/, no '..').

    posixpath.relpath does the same but calls abspath twice; this runs for every link of every
    page, so it is worth the few lines.
    """
    here = page.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < min(len(here), len(parts) - 1) and here[common] == parts[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(parts[common:])


@jinja2.pass_context
def link_path(context: jinja2.runtime.Context, target: str) -> str:
    """A file under content/ relative to the page being rendered (for src= attributes)."""
    return relative(target, context["page_path"])


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        # Autoescape makes macro output Markup, so it is not escaped twice; _finalize does the
        # Markdown escaping of every plain value.
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per run: its templates do not change while it renders (and checking
        # their files' times costs a stat per page).
        auto_reload=False,
    )
    for unsafe in ("safe", "format", "join", "indent", "urlize", "xmlattr"):
        del env.filters[unsafe]
    env.filters.update(md=escape, date=date_cn, number=number, percent=percent, tel=tel,
                       mailto=mailto, join=join, oneline=oneline, fixed=fixed, html=html,
                       measure=measure, tel_local=tel_local, period=period_label, fuzzy=fuzzy_label)
    env.globals.update(link=link, link_path=link_path, external=external, MD=MD, quarter=Quarter)
    env.tests["quarter_period"] = lambda period: period_kind(period) == "quarter"
    return env
