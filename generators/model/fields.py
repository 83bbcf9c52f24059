"""Field types shared by the record models, each parsing the *string* the loader gives it.

Every validator raises :class:`PydanticCustomError` with a Chinese message (English in brackets);
:mod:`generators.model.validate` puts the file, line and column in front of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PrivateAttr,
)
from pydantic_core import PydanticCustomError

from .normalise import describe_format_character, first_format_character

MAX_LINE = 200  # a one-line field: a title, a name
MAX_TEXT = 5000  # a paragraph field: a note, a narrative


def _fail(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx)


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    if value is None:
        raise _fail("required", "必填，不能为空 (required value is empty)")
    if not isinstance(value, str):
        got = ("列表 (a list)" if isinstance(value, list) else
               "映射 (a mapping)" if isinstance(value, dict) else f"{type(value).__name__}")
        raise _fail("text_type", "应为文字，实际是{got} (expected text)", got=got)
    # Limits before any pattern: the longest field is a paragraph, and every check below is
    # linear, but nothing needs to read a megabyte to refuse it.
    value = value.strip()
    if len(value) > limit:
        raise _fail("too_long", "文字过长：{n} 个字，最多 {max} 个 (too long)", n=len(value), max=limit)
    if not value:
        raise _fail("required", "必填，不能为空 (required value is empty)")
    if bad := _CONTROL.search(value):
        raise _fail("control_char", "含有不可见的控制字符 U+{code}，请删除 (control character)",
                    code=f"{ord(bad.group()):04X}")
    # Bidi controls can show digits reversed and zero-width characters hide inside a number: a
    # page could say other than what reviewers read.
    if (at := first_format_character(value)) >= 0:
        raise _fail("format_char", "第 {column} 个字处含有不可见的格式字符 {code}，请删除 (format character)",
                    column=at + 1, code=describe_format_character(value[at]))
    return value


# Control characters (tab and line breaks aside) and lone surrogates: invisible, and browsers and
# parsers drop or mangle them, so what staff see would not be what residents see.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _line(value: Any) -> str:
    value = _text(value, MAX_LINE)
    # splitlines() knows every line break Python-Markdown might honour (\u2028, \x85, \x1c …).
    if len(value.splitlines()) > 1:
        raise _fail("one_line", "此字段只能写一行 (must be a single line)")
    if "\t" in value:
        raise _fail("tab", "含有制表符，请改用空格 (tab character)")
    if len(value) > MAX_LINE:
        raise _fail(
            "too_long", "文字过长：{n} 个字，最多 {max} 个 (too long)", n=len(value), max=MAX_LINE
        )
    return value


def _paragraphs(value: Any) -> str:
    value = _text(value)
    if "\t" in value:  # Markdown would turn it into spaces, or into a code block
        raise _fail("tab", "含有制表符，请改用空格 (tab character)")
    if len(value) > MAX_TEXT:
        raise _fail(
            "too_long", "文字过长：{n} 个字，最多 {max} 个 (too long)", n=len(value), max=MAX_TEXT
        )
    return value


Line = Annotated[str, BeforeValidator(_line)]
"""One line of text: a title, a name (at most 200 characters)."""
Text = Annotated[str, BeforeValidator(_paragraphs)]
"""Free text; blank lines separate paragraphs (at most 5,000 characters)."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Page names a record folder already uses: ``tours/index.md`` is the list of tours.
RESERVED_IDS = frozenset({"index"})


def _id(value: Any) -> str:
    value = _text(value, 80)
    if not _ID.fullmatch(value):
        raise _fail(
            "id_pattern",
            "编号只能用小写字母、数字和连字符，如 huling-datong "
            "(id: lowercase letters, digits and '-'), 实际是 '{value}'",
            value=value,
        )
    if value in RESERVED_IDS:
        raise _fail("id_reserved", "编号 '{value}' 是保留字（列表页用的地址），请换一个 (reserved id)",
                    value=value)
    return value


Id = Annotated[str, BeforeValidator(_id)]
"""A stable id: lowercase letters, digits and hyphens; it becomes the page address."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Years a bulletin can speak of; outside them a date is a typo, and date arithmetic (quarters,
#: "overdue", calendars) would overflow near year 1 or 9999.
FIRST_YEAR, LAST_YEAR = 1900, 2099


def _year_in_range(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _fail("date_range", "年份应在 {first} 到 {last} 之间 (year out of range), 实际是 '{value}'",
                    first=FIRST_YEAR, last=LAST_YEAR, value=text)


def _date(value: Any) -> dt.date:
    text = _text(value)
    if not _DATE.fullmatch(text):
        raise _fail(
            "date_format",
            "日期格式应为 YYYY-MM-DD，如 2024-03-05 (expected an ISO date), 实际是 '{value}'",
            value=text,
        )
    _year_in_range(int(text[:4]), text)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _fail(
            "date_value", "日期不存在 (no such date): '{value}'", value=text
        ) from None


Date = Annotated[dt.date, BeforeValidator(_date)]
"""A calendar date written YYYY-MM-DD."""


#: Digits a figure may have before its decimal point: beyond that a float loses the units digit.
MAX_DIGITS = 15


_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _number(value: Any) -> float:
    text = _text(value).replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise _fail("number", "应为数字，如 25 或 93.22 (expected a number), 实际是 '{value}'", value=text)
    if len(text.lstrip("-").split(".")[0].lstrip("0")) > MAX_DIGITS:
        raise _fail("number_size",
                    "数字过大，整数部分最多 {max} 位 (number too large), 实际是 {n} 位 '{value}…'",
                    max=MAX_DIGITS, n=len(text.lstrip("-").split(".")[0].lstrip("0")), value=text[:20])
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


Number = Annotated[float, BeforeValidator(_number)]
"""A number such as 25 or 93.22 (no units; the unit has its own field)."""


def _progress(value: Any) -> float:
    number = _number(value)
    if not 0 <= number <= 100:
        raise _fail(
            "progress_range", "进度应在 0 到 100 之间 (progress must be 0-100), 实际是 {value}", value=value
        )
    return number


Progress = Annotated[float, BeforeValidator(_progress)]
"""Progress in percent, from 0 to 100."""


def _weight(value: Any) -> float:
    number = _number(value)
    if number <= 0:
        raise _fail("weight_range", "权重应大于 0 (weight must be positive), 实际是 {value}", value=value)
    return number


Weight = Annotated[float, BeforeValidator(_weight)]
"""A positive weight used when a parent rolls up its children."""

# Landlines: 0 + area code (2-3 digits) + 7-8 digits; mobiles: 11 digits from 13x-19x;
# short numbers: the 3-5 digit public service numbers (110, 12345, 96345, 95598).
_LANDLINE = re.compile(r"(0\d{2,3})-?(\d{7,8})")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SHORT = re.compile(r"(1\d{2,4}|9\d{4})")


def phone_kind(number: str) -> str:
    """'landline', 'mobile' or 'short' for a number already validated by :data:`Phone`."""
    if number.startswith("0"):
        return "landline"
    return "mobile" if len(number) == 11 else "short"


def _phone(value: Any) -> str:
    text = _line(value)
    compact = re.sub(r"[\s()（）]", "", text)
    if (m := _LANDLINE.fullmatch(compact)) and len(m.group(1)) + len(m.group(2)) in (11, 12):
        return f"{m.group(1)}-{m.group(2)}"
    if _MOBILE.fullmatch(compact) or _SHORT.fullmatch(compact):
        return compact
    raise _fail(
        "phone_pattern",
        "电话号码格式不正确：座机请带区号，如 0577-88001234；手机 11 位；"
        "短号如 12345 (invalid phone number), 实际是 '{value}'",
        value=text,
    )


def _local_phone(value: Any) -> str:
    text = _line(value)
    if re.fullmatch(r"\d{7,8}", re.sub(r"[\s-]", "", text)):
        return re.sub(r"[\s]", "", text)
    return _phone(value)


Phone = Annotated[str, BeforeValidator(_phone)]
"""A phone number: a landline with its area code (0577-88001234), an 11-digit mobile, or a
short number such as 12345. Spaces and the hyphen are optional; the site shows one form."""

LocalPhone = Annotated[str, BeforeValidator(_local_phone)]
"""A phone number as an older notice prints it: also a 7- or 8-digit local number without its
area code, accepted when the area code is known from the place (``area_code``)."""

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _email(value: Any) -> str:
    text = _line(value)
    if not _EMAIL.fullmatch(text):
        raise _fail("email_pattern", "电子邮箱格式不正确 (invalid email), 实际是 '{value}'", value=text)
    return text.lower()


Email = Annotated[str, BeforeValidator(_email)]
"""An email address such as rancxcz@sina.com."""

URL_SCHEMES = ("https://", "http://", "mailto:", "tel:")


def _url(value: Any) -> str:
    text = _line(value)
    if not text.lower().startswith(URL_SCHEMES) or re.search(r"[\s<>\"'`]", text):
        raise _fail(
            "url_scheme",
            "链接只能以 https://、http://、mailto: 或 tel: 开头 (links allow https, http, "
            "mailto, tel only), 实际是 '{value}'",
            value=text,
        )
    return text


Url = Annotated[str, BeforeValidator(_url)]
"""A web address starting with https:// (or http://, mailto:, tel:)."""

def _whole(value: Any) -> int:
    number = _number(value)
    if not isinstance(number, int) or number < 0:
        raise _fail("count", "应为整数，如 19 (expected a whole number), 实际是 '{value}'", value=str(value))
    return number


Count = Annotated[int, BeforeValidator(_whole)]
"""A count of items: 0, 1, 2 …"""

Qualifier = Literal["多", "余", "约", "以上", "近"]
"""How a bulletin hedges a figure: 310 多件, 约 30 个, 1万余人, 近 200 人. The pages put it where
Chinese does: before the number for 约/近, after it (before the unit) for 多/余/以上."""


def _list(value: Any) -> Any:
    """A single value where a list is expected is a common slip; accept it as a list of one."""
    return [value] if isinstance(value, str) else value


def _unique(values: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise _fail("duplicate_item", "列表中有重复的项 (duplicate item): '{value}'", value=value)
        seen.add(value)
    return values


Ids = Annotated[list[Id], BeforeValidator(_list), AfterValidator(_unique)]
"""One id or a list of ids (of places, units …), each at most once."""


def _not_empty(values: list[Any]) -> list[Any]:
    if not values:
        raise _fail("empty_list", "列表不能为空，至少写一项 (the list must not be empty)")
    return values


NonEmptyIds = Annotated[list[Id], BeforeValidator(_list), AfterValidator(_unique), AfterValidator(_not_empty)]
"""One id or a list of at least one id, each at most once."""


class _NonEmpty:
    """``NonEmpty[Model]``: a list of at least one item (``groups: []`` is a mistake, not "none")."""

    def __class_getitem__(cls, item: Any) -> Any:
        return Annotated[list[item], AfterValidator(_not_empty)]


NonEmpty = _NonEmpty


@dataclass(frozen=True)
class Ref:
    """Field metadata: the value is the id (or ids) of a record of type ``kind``.

    :mod:`generators.model.validate` finds these markers and checks every reference in one place, so a
    new record type gets reference checks by annotating its fields, with no code of its own.
    """

    kind: str


class Model(BaseModel):
    """所有记录的基础：不认识的字段一律报错。"""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, hide_input_in_errors=True
    )


class Source(Model):
    """信息来源：公开的报道、公告或网页。"""

    title: Line
    """来源名称，如“《瑞安日报》2020-04-22 第1版”。"""
    date: Date | None = None
    """发布日期。"""
    url: Url | None = None
    """网页地址（如有）。"""


class Record(Model):
    """有自己页面的记录。"""

    id: Id
    """稳定的编号，会成为页面地址；发布后不要再改。只用小写字母、数字和连字符。"""

    _file: str = PrivateAttr(default="")
    _index: int = PrivateAttr(default=0)
