"""The GitHub workflows: linted by actionlint and audited by zizmor, plus the rules we hold to."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"check.yml", "publish.yml", "publish-s3.yml"}


def test_actionlint_reports_nothing() -> None:
    result = subprocess.run([str(BIN / "actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_reports_nothing() -> None:
    # --offline: no network here; the audits that need GitHub's API are skipped.
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(ROOT / ".github")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    triggers = flow.get(True) or flow.get("on")  # YAML 1.1 reads the key `on` as True
    assert "pull_request_target" not in triggers
    assert flow["permissions"] == {"contents": "read"}
    for use in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", use), f"not pinned by SHA: {use}"
    for job in flow["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
            assert "${{" not in step.get("run", ""), "event data must reach scripts through env:"
        granted = job.get("permissions", {})
        extra = {k for k, v in granted.items() if (k, v) != ("contents", "read")} - {"pages", "id-token"}
        assert not extra, f"only the deploy job may ask for more: {extra}"


def _steps(name: str) -> list[dict]:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def test_pages_build_takes_its_address_from_configure_pages() -> None:
    steps = _steps("publish.yml")
    ids = {step.get("id"): step for step in steps}
    assert ids["pages"]["uses"].startswith("actions/configure-pages@")
    build = next(s for s in steps if "generators build --publish" in s.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"


def test_object_storage_workflow_runs_only_when_configured_and_keeps_secrets_in_one_step() -> None:
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish-s3.yml").read_text(encoding="utf-8"))
    job = flow["jobs"]["publish"]
    assert job["if"] == "vars.S3_TARGET != ''"
    steps = job["steps"]
    build = next(s for s in steps if "generators build --publish" in s.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ vars.S3_SITE_URL }}"
    upload = next(s for s in steps if "generators publish" in s.get("run", ""))
    assert upload["env"]["AWS_SECRET_ACCESS_KEY"] == "${{ secrets.S3_SECRET_ACCESS_KEY }}"
    # Secret values reach only the upload step; the configuration check sees whether they are set.
    for step in steps:
        if step is not upload:
            for value in step.get("env", {}).values():
                assert "secrets." not in re.sub(r"secrets\.\w+ != ''", "", str(value)), step
    assert steps.index(build) < steps.index(upload)
