"""Every field staff can write has a Chinese description: the staff guide is generated from them."""

from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel

from generators.model.refs import model_fields
from generators.model.site import Site
from generators.model.stub import describe
from generators.model.types import TYPES

CJK = re.compile(r"[\u4e00-\u9fff]")


def all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo = [*(t.model for t in TYPES), Site]
    while todo:
        model = todo.pop()
        if model not in seen:
            seen.append(model)
            todo.extend(m for m in model_fields(model).values() if m is not None)
    return seen


def test_every_field_has_a_chinese_description() -> None:
    missing = [f"{model.__name__}.{name}"
               for model in all_models()
               for name, info in model.model_fields.items()
               if not info.description or not CJK.search(info.description)]
    assert missing == []


def test_every_model_has_a_chinese_docstring() -> None:
    assert [m.__name__ for m in all_models() if not CJK.search(m.__doc__ or "")] == []


@pytest.mark.parametrize(("field", "words"), [
    ("stale_after_days", "正整数，如 30"), ("upcoming_days", "正整数，如 30"), ("title", "一行文字")])
def test_site_fields_are_described_by_what_staff_write(field: str, words: str) -> None:
    assert describe(Site, field) == words


def test_no_number_or_yes_no_field_is_described_as_text() -> None:
    """The guide says 整数, 数字 or 是或否 where a field takes one, never 文字."""
    wrong = []
    for model in all_models():
        for name, info in model.model_fields.items():
            types = [t for t in typing.get_args(info.annotation) or (info.annotation,) if t is not type(None)]
            if any(t in (int, float, bool) for t in types) and describe(model, name) == "文字":
                wrong.append(f"{model.__name__}.{name}")
    assert wrong == []
