"""Find the references between records from the ``Ref`` markers on model fields.

Validation uses this to check every id; the pages use it to list, for a place, every record that
names it. Neither needs to know the record types.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .fields import Ref

Located = tuple[tuple[Any, ...], str, str]


@functools.cache
def model_fields(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """Each field of ``model`` and the nested model it holds, if any (through lists, Optional)."""
    return {name: _inner_model(info.annotation) for name, info in model.model_fields.items()}


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _inner_model(arg):
            return found
    return None


@functools.cache
def ref_fields(model: type[BaseModel]) -> dict[str, str]:
    """Field name → kind of record it refers to, for the fields marked with :class:`Ref`."""
    return {
        name: meta.kind
        for name, info in model.model_fields.items()
        for meta in info.metadata
        if isinstance(meta, Ref)
    }


@functools.cache
def _holding_refs(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """The fields of ``model`` that are references or hold models with references, at any depth
    (a record is walked for its references on every run: the other fields are skipped)."""
    refs = ref_fields(model)
    return {name: nested for name, nested in model_fields(model).items()
            if name in refs or (nested is not None and _has_refs(nested, frozenset({model})))}


def _has_refs(model: type[BaseModel], seen: frozenset[type[BaseModel]]) -> bool:
    if ref_fields(model):
        return True
    return any(nested is not None and nested not in seen and _has_refs(nested, seen | {model})
               for nested in model_fields(model).values())


def references(model: BaseModel, path: tuple[Any, ...] = ()) -> Iterator[Located]:
    """(path, record kind, id) for every reference in ``model``, nested models included."""
    refs = ref_fields(type(model))
    for name in _holding_refs(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if isinstance(value, list):
            located = [((*path, name, index), item) for index, item in enumerate(value)]
        else:
            located = [((*path, name), value)]
        for where, item in located:
            if name in refs:
                yield where, refs[name], item
            else:
                yield from references(item, where)
