"""Every field staff can write has a Chinese description: the staff guide is generated from them."""

from __future__ import annotations

import re

from pydantic import BaseModel

from generators.model.refs import model_fields
from generators.model.site import Site
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
