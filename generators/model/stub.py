"""Describe a model's fields for people: their format in words, and a commented example record.

Both come from the models (types, docstrings, ``Ref`` markers), so the staff guide and
``python -m generators new`` cannot drift from what ``check`` accepts.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator

from .fields import Ref

#: Validator function → what staff write, in words, and a value that passes.
FORMATS: dict[str, tuple[str, str]] = {
    "_line": ("一行文字", "（待填写）"),
    "_paragraphs": ("文字，可分段", "（待填写）"),
    "_id": ("编号（小写字母、数字、连字符）", "new-id"),
    "_date": ("日期 YYYY-MM-DD", "2024-01-01"),
    "_number": ("数字", "0"),
    "_progress": ("进度 0 到 100", "0"),
    "_weight": ("大于 0 的数字", "1"),
    "_phone": ("电话号码，如 0577-88001234、12345", "12345"),
    "_email": ("电子邮箱", "someone@example.gov.cn"),
    "_url": ("网址，以 https:// 开头", "https://www.example.gov.cn/"),
    "_period": ("期间：月 2025-09，累计 2025-01/09，半年 2025-H1，季度 2025-Q3，全年 2025，截至2025-06-29",
                "2025-09"),
    "_fuzzy": ("日期，可写到月或旬，如 2025-12-31、2025-10底前、2025-04下旬", "2025-12-31"),
    "_whole": ("整数，如 19", "0"),
    "_year": ("年份，如 2025", "2025"),
    "_local_phone": ("电话号码，如 0551-88001234；旧公告的 7、8 位本地号码也可", "12345"),
    "hours_or_always": ("接听时间（见“接听时间”），或写 全天", "全天"),
    "_kind": ("取值之一：项目、政策、常态化", "项目"),
    "_days": ("哪些天，如 工作日、每天、周一至周五", "工作日"),
    "_times": ("时段 HH:MM-HH:MM", "08:30-11:30"),
    "_days_int": ("天数", "180"),
    "_count": ("正整数，如 30", "30"),
}

#: A field without a validator of its own, by its Python type.
PLAIN: dict[type, str] = {bool: "是或否（true / false）", int: "整数", float: "数字", str: "文字"}


def _unwrap(annotation: Any) -> tuple[Any, list[Any], bool]:
    """(core type, metadata, is a list) of a field annotation, through Optional and Annotated."""
    metadata: list[Any] = []
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is list and not metadata_has_validator(metadata):
            is_list = True
            (annotation,) = typing.get_args(annotation)
        else:
            return annotation, metadata, is_list


def metadata_has_validator(metadata: list[Any]) -> bool:
    return any(isinstance(m, BeforeValidator) for m in metadata)


def _validator_name(metadata: list[Any]) -> str | None:
    names = [m.func.__name__ for m in metadata if isinstance(m, BeforeValidator)]
    return names[0] if names else None


def describe(model: type[BaseModel], name: str) -> str:
    """The format of field ``name`` of ``model``, in Chinese."""
    info = model.model_fields[name]
    core, metadata, is_list = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]  # pydantic moves a required field's metadata here
    refs = [m.kind for m in metadata if isinstance(m, Ref)]
    if refs:
        from .types import BY_NAME

        text = f"{BY_NAME[refs[0]].label}的编号"
        return text + ("，可写多个" if _validator_name(metadata) == "_list" or is_list else "")
    if typing.get_origin(core) is Literal:
        text = "取值之一：" + "、".join(map(str, typing.get_args(core)))
    elif isinstance(core, type) and issubclass(core, BaseModel):
        text = f"见“{core.__doc__.strip().splitlines()[0]}”"
    else:
        plain = PLAIN.get(core, "文字") if isinstance(core, type) else "文字"
        text = FORMATS.get(_validator_name(metadata) or "", (plain, ""))[0]
    return f"列表，每项：{text}" if is_list else text


def example_value(model: type[BaseModel], name: str, ids: dict[str, list[str]], today: dt.date) -> Any:
    """A value for field ``name`` that passes validation (ids taken from ``ids`` by kind)."""
    info = model.model_fields[name]
    core, metadata, is_list = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    refs = [m.kind for m in metadata if isinstance(m, Ref)]
    if refs:
        value: Any = (ids.get(refs[0]) or ["TODO"])[0]
        return [value] if is_list or _validator_name(metadata) == "_list" else value
    if typing.get_origin(core) is Literal:
        value = typing.get_args(core)[0]
    elif isinstance(core, type) and issubclass(core, BaseModel):
        value = example_record(core, ids, today, required_only=True)
    elif _validator_name(metadata) == "_date":
        value = today.isoformat()
    else:
        value = FORMATS.get(_validator_name(metadata) or "", ("", "（待填写）"))[1]
    return [value] if is_list else value


def example_record(model: type[BaseModel], ids: dict[str, list[str]], today: dt.date, *,
                   required_only: bool = False) -> dict[str, Any]:
    record = {name: example_value(model, name, ids, today)
              for name, info in model.model_fields.items()
              if info.is_required() or not required_only and name == "history"}
    # A model whose rules tie fields together (a 电话 channel needs a number) names the optional
    # fields its example needs.
    record.update(getattr(model, "STUB", {}))
    return record


def commented_yaml(model: type[BaseModel], record_id: str, ids: dict[str, list[str]],
                   today: dt.date) -> str:
    """A YAML list item for a new record: required fields filled in, each with its description
    as a comment, and the optional fields listed as comments to uncomment."""
    lines = [f"- id: {record_id}"]
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        # A docstring may run over several lines: a YAML comment may not.
        comment = f"  # {' '.join((info.description or '').split())}（{describe(model, name)}）"
        if info.is_required():
            lines.append(comment)
            lines.extend(_yaml(name, example_value(model, name, ids, today), 1))
        else:
            lines.append(f"  # {name}:{comment[1:]}".replace(":  #", ": #", 1))
    return "\n".join(lines) + "\n"


def _yaml(key: str, value: Any, depth: int) -> list[str]:
    pad = "  " * depth
    if isinstance(value, dict):
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out.extend(_yaml(k, v, depth + 1))
        return out
    if isinstance(value, list):
        out = [f"{pad}{key}:"]
        for item in value:
            if isinstance(item, dict):
                first = True
                for k, v in item.items():
                    sub = _yaml(k, v, depth + 2)
                    if first:
                        sub[0] = f"{pad}  - " + sub[0].lstrip()
                        first = False
                    out.extend(sub)
            else:
                out.append(f"{pad}  - {_scalar(item)}")
        return out
    return [f"{pad}{key}: {_scalar(value)}"]


def _scalar(value: Any) -> str:
    text = str(value)
    return f'"{text}"' if text[:1].isdigit() or text[:1] in "（" or ":" in text else text
