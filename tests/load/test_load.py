"""The strict loader: every scalar a string, positions kept, dangerous YAML refused early."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from generators.load.document import LoadError, parse


def test_scalars_stay_strings() -> None:
    doc = parse("a: 0577\nb: NO\nc: 9:30\nd: 13800138000\ne: yes\nf: 1e3\ng: 2024-02-30\n", "x.yaml")
    assert doc.data == {"a": "0577", "b": "NO", "c": "9:30", "d": "13800138000", "e": "yes",
                        "f": "1e3", "g": "2024-02-30"}


def test_plain_nulls_are_none_but_quoted_ones_are_text() -> None:
    doc = parse("a: ~\nb: null\nc:\nd: ''\ne: 'null'\n", "x.yaml")
    assert doc.data == {"a": None, "b": None, "c": None, "d": "", "e": "null"}


def test_positions_of_keys_and_values() -> None:
    doc = parse("- id: a\n  groups:\n    - hotline: '0577'\n", "x.yaml")
    assert doc.values[(0, "groups", 0, "hotline")] == (3, 16)
    assert doc.keys[(0, "groups", 0, "hotline")] == (3, 7)
    assert doc.position((0, "groups", 0, "missing")) == (3, 7)


def test_folded_chinese_lines_join_without_a_space() -> None:
    doc = parse("a: >-\n  第一行，\n  第二行 and\n  more\n", "x.yaml")
    assert doc.data == {"a": "第一行，第二行 and more"}


def test_text_is_nfc_normalised() -> None:
    decomposed = "e\u0301"
    assert parse(f"a: {decomposed}\n", "x.yaml").data == {"a": "\u00e9"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "不允许使用锚点"),
        ("a: !!binary aGk=\n", "'!!binary'"),
        ("a: !!set {x}\n", "'!!set'"),
        ("a: 1\n---\nb: 2\n", "只能有一个文档"),
        ("", "文件是空的"),
        ("# only a comment\n", "文件是空的"),
        ("? [a]\n: 1\n", "字段名必须是普通文字"),
        ("a: [1, 2\n", "YAML 格式错误"),
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse(text, "x.yaml")
    assert message in caught.value.message


def test_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    doc = parse("- id: a\n  name: x\n  name: y\n  kind: 村\n", "x.yaml")
    assert doc.data == [{"id": "a", "name": "x", "kind": "村"}]
    message = "重复的字段 'name'，第一次出现在第 2 行 (duplicate key, first at line 2)"
    assert doc.problems == [(3, 3, "name", message)]


def test_billion_laughs_is_refused_fast_with_flat_memory() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb = "\n".join(lines) + "\n"
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        parse(bomb, "bomb.yaml")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "锚点" in caught.value.message and caught.value.line == 1
    # Generous bounds, far below what expanding 9**9 items would need; not a timing benchmark.
    assert elapsed < 0.5
    assert peak < 1_000_000
