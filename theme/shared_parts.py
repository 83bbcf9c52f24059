"""MkDocs hook: the parts of a page that are the same on thousands of pages, rendered once.

Material renders its navigation drawer, footer, search box and settings script anew for every
page: at 10,000 records that is about a sixth of MkDocs' time. On a page outside the ``nav`` (a
record, a part of a long list) those parts depend on nothing but the folder the page sits in:
their links are relative to it, and no nav entry is the current page. So this hook renders each
of them once per folder (``commitments/``, ``places/`` …) and reuses the HTML. Pages in the
``nav`` (the home page, lists, hand-written pages) are always rendered in full: there, the
current entry is marked. The built site is the same byte for byte
(tests/build/test_shared_parts.py builds it both ways).

- Material's ``partials/nav.html`` and ``partials/footer.html`` are wrapped as they are loaded
  (no copy of them in theme/);
- theme/partials/header.html and theme/main.html wrap their own parts in
  ``{% call shared("name") %} … {% endcall %}``, guarded by ``shared is defined``: without this
  hook (Zensical builds the same theme) every part is rendered on every page.

``BULLETINS_SHARED_PARTS=0`` renders every part of every page (what the test compares with).
"""

from __future__ import annotations

import os
import posixpath
from typing import Any

import jinja2

#: Material's partials wrapped as they are loaded: template name → part name.
WRAPPED = {"partials/nav.html": "nav", "partials/footer.html": "footer"}
_ORIGINAL = "original/"

_parts: dict[tuple[str, str], Any] = {}
_in_nav: set[str] = set()


def on_pre_build(config: Any) -> None:
    _parts.clear()  # a rebuild (``mkdocs serve``) may have changed the nav or the theme


def on_nav(nav: Any, config: Any, files: Any) -> None:
    _in_nav.clear()
    _in_nav.update(page.file.src_uri for page in nav.pages)


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    if not isinstance(env.loader, _Wrapping):
        env.loader = _Wrapping(env.loader)
    env.globals["shared"] = _shared
    return env


class _Wrapping(jinja2.BaseLoader):
    """The theme's loader, with the templates of :data:`WRAPPED` rendered through ``shared``."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        if template in WRAPPED:
            source = (f'{{% call shared("{WRAPPED[template]}") %}}'
                      f'{{% include "{_ORIGINAL}{template}" %}}{{% endcall %}}')
            return source, None, lambda: True
        return self.inner.get_source(environment, template.removeprefix(_ORIGINAL))

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


@jinja2.pass_context
def _shared(context: jinja2.runtime.Context, name: str, caller: jinja2.runtime.Macro) -> Any:
    page = context.get("page")
    if (os.environ.get("BULLETINS_SHARED_PARTS") == "0" or page is None or page.file is None
            or page.file.src_uri in _in_nav):
        return caller()
    key = (name, posixpath.dirname(page.url.rstrip("/")))
    if key not in _parts:
        _parts[key] = caller()
    return _parts[key]
