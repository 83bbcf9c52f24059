"""JSON Schemas for editors: up to date with the models, accept the sample, reject unknown fields."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generators.model.jsonschema import schemas
from generators.model.types import TYPES
from generators.tools.schema import SCHEMA_DIR

from ..conftest import ROOT, SAMPLE_DATA

CHECK = str(Path(sys.executable).parent / "check-jsonschema")


def test_committed_schemas_match_the_models() -> None:
    committed = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}
    assert committed == schemas(), "run `python -m generators schema` and commit data/schemas/"


def test_editor_settings_cover_every_type() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for record_type in TYPES:
        assert f"data/{record_type.folder}/*.yaml" in settings["yaml.schemas"][
            f"./data/schemas/{record_type.name}.schema.json"]


@pytest.mark.parametrize("record_type", TYPES, ids=lambda t: t.name)
def test_check_jsonschema_accepts_the_sample(record_type) -> None:
    files = sorted(str(p) for p in (SAMPLE_DATA / record_type.folder).glob("*.yaml"))
    result = subprocess.run([CHECK, "--schemafile", str(SCHEMA_DIR / f"{record_type.name}.schema.json"),
                             *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_an_unknown_field(tmp_path: Path) -> None:
    bad = tmp_path / "units.yaml"
    bad.write_text("- id: x\n  name: 某单位\n  phnoe: 12345\n", encoding="utf-8")
    result = subprocess.run([CHECK, "--schemafile", str(SCHEMA_DIR / "unit.schema.json"), str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "phnoe" in result.stdout
