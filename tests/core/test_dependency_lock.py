"""requirements.lock pins, with hashes, every dependency production declares, and the audit
script tells an unreachable advisory database apart from a clean audit."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from scripts.prodserver import free_port

ROOT = Path(__file__).resolve().parent.parent.parent


def locked():
    """{name: version} of requirements.lock; every pin has at least one hash."""
    text = (ROOT / "requirements.lock").read_text()
    pins = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if match:
            assert "--hash=sha256:" in block, match.group(1)
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def test_the_lock_pins_every_production_dependency_with_hashes():
    pins = locked()
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    for requirement in declared:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
        assert re.sub(r"[-_.]+", "-", name).lower() in pins, name
    # Test tools are not production's.
    assert "pytest" not in pins and "playwright" not in pins


def test_the_audit_says_when_the_advisory_database_cannot_be_reached():
    unreachable = f"http://127.0.0.1:{free_port()}/pypi/django/5.2/json"
    env = {"PATH": "/usr/bin:/bin", "AUDIT_ADVISORY_URL": unreachable}
    python = sys.executable
    result = subprocess.run(
        ["bash", "scripts/audit_dependencies.sh"],
        cwd=ROOT,
        env={**env, "PYTHON": python},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "NOT RUN" in result.stdout and "cannot be reached" in result.stderr
    strict = subprocess.run(
        ["bash", "scripts/audit_dependencies.sh"],
        cwd=ROOT,
        env={**env, "PYTHON": python, "AUDIT_REQUIRE_NETWORK": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert strict.returncode == 1
