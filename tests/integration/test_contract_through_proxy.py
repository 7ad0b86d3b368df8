"""The contract suite, unchanged, against the mock behind a plain pass-through proxy: no false alarms.

This is how users run it against their own server (`--base-url`), so it must pass on a conforming
one reached over a real network hop, not only on the in-process default target.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from chat_completions_mock import running

pytestmark = pytest.mark.slow  # the contract suite in a subprocess: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[2]

from proxy import running_proxy  # noqa: E402

KEY = "sk-through-the-proxy"


def test_contract_suite_passes_through_a_pass_through_proxy(tmp_path: Path) -> None:
    junit = tmp_path / "contract.xml"
    with running(api_keys=[KEY]) as mock_url, running_proxy(mock_url) as url:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", str(ROOT / "tests" / "contract"), "-q", "-p", "no:cacheprovider",
             "--base-url", url, "--max-examples", "25", f"--junitxml={junit}"],
            capture_output=True, text=True, timeout=600, check=False, cwd=ROOT,
            env={**os.environ, "OPENAI_API_KEY": KEY},
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:]
    assert "(external server)" in result.stdout
    assert "deviations: none" in result.stdout
    assert "requests sent:" in result.stdout
    assert junit.read_text().count("<testcase") >= 50
