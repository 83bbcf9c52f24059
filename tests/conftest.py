"""Shared helpers: the sample data, a small fixture dataset, and running the CLI in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generators.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "data"
MINI_DATA = ROOT / "tests" / "fixtures" / "mini" / "data"
INVALID = ROOT / "tests" / "fixtures" / "invalid"
#: The day the sample site is built "as of" in tests: after the 2023 updates, so pages show
#: progress, roll-ups and a closed 2020 tour.
SAMPLE_AS_OF = "2023-12-31"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def overlay(case: Path, data: Path) -> None:
    """Put the files of an invalid-input case (same paths as under data/) into the dataset
    ``data``, replacing or adding; its ``expected.txt`` is not data."""
    for source in sorted(case.rglob("*")):
        if source.is_file() and source.name != "expected.txt":
            target = data / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def error_lines(stderr: str) -> list[str]:
    """The error lines of a report (without warnings and the closing count)."""
    return [line for line in stderr.splitlines()
            if line.startswith("data/") and not line.startswith("警告")]


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture dataset, as ``tmp/data``."""
    target = tmp_path / "data"
    shutil.copytree(MINI_DATA, target)
    return target


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded sample data, as ``tmp/data``."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, target)
    return target


def build_project(workdir: Path, data_dir: Path, as_of: str, capsys=None) -> Path:
    """Build a whole site from ``data_dir`` inside ``workdir``, never touching the repo's own
    content/ or site/: mkdocs.yml and the hand-written pages are copied, theme/ is linked.
    Returns the built site folder."""
    from generators.render.generate import clean

    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "mkdocs.yml", workdir / "mkdocs.yml")
    (workdir / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
    shutil.copytree(ROOT / "content", workdir / "content")
    clean(workdir / "content")  # drop pages generated in the repo's own content/, if any
    code = main(["build", "--data", str(data_dir), "--as-of", as_of,
                 "--content", str(workdir / "content"), "--config", str(workdir / "mkdocs.yml"),
                 "--site", str(workdir / "site")])
    assert code == 0, f"build of {data_dir} failed"
    return workdir / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data built once per test session with a real strict MkDocs build."""
    return build_project(tmp_path_factory.mktemp("sample"), SAMPLE_DATA, SAMPLE_AS_OF)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture dataset built once per test session."""
    return build_project(tmp_path_factory.mktemp("mini"), MINI_DATA, "2024-06-30")


def site_digest(site: Path) -> str:
    """One hash of a built site's file names and bytes: equal digests, untouched site."""
    import hashlib

    h = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        h.update(path.relative_to(site).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()
