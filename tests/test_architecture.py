"""The layout the README's "Architecture" section describes: stage packages whose imports run one
way, from the CLI down to the loader, with no import cycle anywhere.

The import graph is read from the source with ``ast`` (nothing is imported). Imports under
``if TYPE_CHECKING:`` are left out: they never run, they only name types for annotations.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATORS = Path(__file__).resolve().parent.parent / "generators"
#: Stages from the bottom up: a module may import its own stage and those listed before it.
STAGES = ("load", "model", "views", "render", "build", "pipeline", "tools", "cli", "__main__")


def module_name(path: Path, root: Path = GENERATORS) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.Module):
    """Every node except those inside ``if TYPE_CHECKING:`` blocks."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def imports(path: Path, known: set[str], root: Path = GENERATORS) -> set[str]:
    """The generators modules that ``path`` imports when it runs."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "generators")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "generators":
                continue
            # `from . import x` names a module when x is one; otherwise the package itself.
            subs = {f"{target}.{a.name}" for a in node.names} & known
            found.update(subs or {target})
    return found & known


def graph(root: Path = GENERATORS) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    return {name: imports(path, set(files), root) - {name} for name, path in files.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, …, a], or None. Iterative depth-first search."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        if state.get(start):
            continue
        path, iters = [start], [iter(sorted(edges[start]))]
        state[start] = 1
        while path:
            nxt = next(iters[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iters.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                iters.append(iter(sorted(edges.get(nxt, ()))))
    return None


def stage(module: str) -> str:
    return module.split(".")[1] if "." in module else "generators"


def test_no_import_cycle():
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_stages_import_only_downwards():
    wrong = []
    for module, targets in graph().items():
        if stage(module) not in STAGES:
            continue
        rank = STAGES.index(stage(module))
        wrong += [f"{module} -> {t}" for t in sorted(targets)
                  if stage(t) in STAGES and STAGES.index(stage(t)) > rank]
    assert not wrong, "imports against the pipeline's direction:\n" + "\n".join(wrong)


def test_every_package_says_what_goes_in_and_out():
    for init in sorted(GENERATORS.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) >= 2, f"{init} needs a docstring of two or three lines"


def test_cycle_finder_names_the_cycle(tmp_path):
    """The checker itself: a planted cycle is found and named (the test above can fail)."""
    pkg = tmp_path / "generators"
    (pkg / "a").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a" / "__init__.py").write_text('"""x\ny"""\n')
    (pkg / "a" / "one.py").write_text("from . import two\n")
    (pkg / "a" / "two.py").write_text("from ..b import three\n")
    (pkg / "b").mkdir()
    (pkg / "b" / "__init__.py").write_text("")
    (pkg / "b" / "three.py").write_text("from ..a.one import X\n")
    edges = graph(pkg)
    assert find_cycle(edges) == ["generators.a.one", "generators.a.two", "generators.b.three",
                                 "generators.a.one"]


@pytest.mark.parametrize("source", ["if TYPE_CHECKING:\n    from .two import X\n"])
def test_type_checking_imports_do_not_count(tmp_path, source):
    pkg = tmp_path / "generators"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "one.py").write_text(source)
    (pkg / "two.py").write_text("from .one import Y\n")
    assert find_cycle(graph(pkg)) is None


def test_every_record_type_has_a_fixture_and_a_sample_record():
    """The README's "Adding a record type" steps 3 and 4, enforced."""
    from generators.model.types import TYPES

    from .conftest import MINI_DATA, SAMPLE_DATA

    for record_type in TYPES:
        for data in (MINI_DATA, SAMPLE_DATA):
            files = [*(data / record_type.folder).glob("*.yaml"), *(data / record_type.folder).glob("*.yml")]
            assert files, f"{data / record_type.folder}: no record of type {record_type.name}"
