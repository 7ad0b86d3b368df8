"""The contract tool, as users run it against their own server (`--base-url`), through a plain pass-through proxy
in front of the mock: every promise holds over a real network hop, not only on the in-process default target."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from chat_completions_contract import PROMISES
from chat_completions_mock import running
from proxy import running_proxy

pytestmark = pytest.mark.slow  # the contract CLI's whole run in a subprocess: `pytest -m "not slow"` skips it

KEY = "sk-through-the-proxy"


def test_contract_passes_through_a_pass_through_proxy(tmp_path: Path) -> None:
    with running(api_keys=[KEY]) as mock_url, running_proxy(mock_url) as url:
        result = subprocess.run(
            ["chat-completions-contract", "--base-url", url, "--examples", "15", "--report-dir", str(tmp_path)],
            capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
            env={**os.environ, "OPENAI_API_KEY": KEY, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"},
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "(external server)" in result.stdout
    assert "deviations: none" in result.stdout
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["verdict"] == "pass"
    assert {p["status"] for p in report["promises"]} == {"holds"}
    cases = list(ET.parse(tmp_path / "junit.xml").getroot().iter("testcase"))
    assert len(cases) == len(PROMISES)
    assert all(c.find("failure") is None and c.find("skipped") is None for c in cases)
