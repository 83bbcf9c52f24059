"""Markdown escaping: data is shown literally, whatever characters it holds."""

from __future__ import annotations

import markdown
import pytest

from generators.render.markdown import MD, environment, escape


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", "admonition"])


@pytest.mark.parametrize(
    "value",
    ["A | B", "# 通知", "<b>x</b>", "{{ x }}", "{% include 'x' %}", "1. 第一", "> 引用", "- 项",
     "[x](javascript:alert(1))", "<script>alert(1)</script>", "*强调* _下划线_ `代码`", "a\\b",
     "    缩进", "&amp; &lt;", "![img](x.png)", "x{: onclick=alert(1) }"],
)
def test_escape_shows_text_literally(value: str) -> None:
    html = to_html(escape(value))
    assert "<script" not in html and "<b>" not in html and "<a" not in html and "<img" not in html
    assert "<h1" not in html and "<ol" not in html and "<ul" not in html
    assert "<blockquote" not in html and "<em" not in html and "<code" not in html
    assert "onclick" not in html.replace("onclick=alert", "") or "&#123;" in html


def test_escape_in_a_table_cell_keeps_the_whole_cell() -> None:
    html = to_html(f"| 标题 | 说明 |\n| --- | --- |\n| {escape('A | B')} | 末尾 |\n")
    assert "<td>A | B</td>" in html
    assert "<td>末尾</td>" in html


def test_template_escapes_every_value_but_not_its_own_markup() -> None:
    env = environment()
    template = env.from_string("# {{ title }}\n\n{{ n|tel }}\n")
    text = template.render(title="{{ config }} | <i>", n="0577-88001234", page_path="x.md")
    assert text == "# &#123;&#123; config &#125;&#125; \\| &lt;i&gt;\n\n[0577\\-88001234](tel:057788001234)\n"


def test_undefined_names_fail_loudly() -> None:
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ titel }}").render(page_path="x.md")


def test_printing_none_is_an_error() -> None:
    with pytest.raises(ValueError):
        environment().from_string("{{ x }}").render(x=None, page_path="x.md")


def test_md_passes_through() -> None:
    assert escape(MD("**x**")) == "**x**"


@pytest.mark.parametrize(
    ("target", "page"),
    [("places/a.md", "places/b.md"), ("places/a.md", "index.md"), ("index.md", "places/a.md"),
     ("places/x.md", "tours/index.md"), ("a/d.md", "a/b/c.md"), ("x/y.md", "a/b/c.md"),
     ("a/b/c.md", "a/b.md")],
)
def test_relative_links_match_posixpath(target: str, page: str) -> None:
    import posixpath

    from generators.render.markdown import relative

    assert relative(target, page) == posixpath.relpath(target, posixpath.dirname(page) or ".")
