"""The command line as a user runs it: exit codes, the one-line usage errors, the three reports, capabilities."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from chat_completions_contract import PROMISES, Options, run
from chat_completions_mock import MockServer, running
from contract_support import KEY
from proxy import running_proxy

pytestmark = pytest.mark.slow  # each test runs the whole CLI against a fresh mock

#: A key nobody would write by accident: it must not appear in any report or output.
FAKE_KEY = "sk-FAKE-contract-key-DO-NOT-LEAK-4242"


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    return subprocess.run(
        [sys.executable, "-m", "chat_completions_contract", *args],
        capture_output=True, text=True, timeout=timeout, check=False, env={**base, **(env or {})},
    )  # fmt: skip


def test_the_default_run_checks_the_bundled_mock_and_passes(tmp_path: Path) -> None:
    """No flag: the bundled mock is started and every promise holds, well within the time budget."""
    started = time.monotonic()
    result = cli("--report-dir", str(tmp_path))
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "(bundled mock)" in result.stdout
    assert "deviations: none" in result.stdout
    assert "verdict: pass" in result.stdout
    assert elapsed < 180, f"the default run took {elapsed:.0f} s"
    report = json.loads((tmp_path / "report.json").read_text())
    statuses = {p["id"]: p["status"] for p in report["promises"]}
    assert set(statuses) == {p.id for p in PROMISES}
    assert set(statuses.values()) == {"holds"}, {k: v for k, v in statuses.items() if v != "holds"}
    assert all(g["status"] == "holds" for g in report["groups"].values())
    assert report["verdict"] == "pass"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--only", "nonsense"), "'nonsense' is neither a group"),
        (("--require", "auth,bogus"), "'bogus' is neither a group"),
        (("--base-url", "ftp://example.invalid"), "must be an http(s) URL"),
        (("--base-url", "http://[::1"), "--base-url is not a valid URL"),
        (("--base-url", "https://api.example.invalid/v1"), "pass --max-requests N"),
        (("--base-url", "https://api.example.invalid/v1", "--max-requests", "5"), "set OPENAI_API_KEY"),
        (("--base-url", "http://127.0.0.1:9/v1"), "cannot reach http://127.0.0.1:9/v1"),
        (("--max-requests", "0"), "--max-requests must be at least 1"),
        (("--retries", "-1"), "--retries must be 0 or more"),
        (("--timeout", "0"), "--timeout must be more than 0 seconds"),
        (("--auth", "maybe"), "argument --auth: invalid choice"),
        (("--seed", "x"), "argument --seed: invalid int value"),
        (("--report-dir", "/proc/no-such-dir/out"), "cannot create --report-dir /proc/no-such-dir/out"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    result = cli(*args, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_reports_name_the_broken_promise_with_its_request_and_never_the_key(tmp_path: Path) -> None:
    """A server that ignores `n`: exit 1; report.json, report.md and junit.xml show request and answer; no key anywhere."""
    with running(api_keys=[FAKE_KEY]) as mock_url, running_proxy(mock_url, "choices_match_n") as url:
        result = cli(
            "--base-url", url, "--only", "semantics", "--report-dir", str(tmp_path), env={"OPENAI_API_KEY": FAKE_KEY}
        )
    assert result.returncode == 1, result.stdout[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith("choices_match_n |"))
    assert "asked for n=3, got 1 choice(s)" in line
    assert 'POST /chat/completions {"messages"' in line, line  # the request, not only the answer
    assert '"n": 3' in line, line
    assert "-> 200 " in line
    report = json.loads((tmp_path / "report.json").read_text())
    promise = next(p for p in report["promises"] if p["id"] == "choices_match_n")
    assert promise["status"] == "broken"
    deviation = promise["deviations"][0]
    assert deviation["request"]["body"]["n"] == 3
    assert deviation["request"]["headers"]["Authorization"] == "[redacted: the run's key]"
    assert deviation["response"]["status"] == 200
    assert deviation["seed"] == 42
    assert report["groups"]["semantics"]["status"] == "broken"
    assert report["groups"]["auth"]["status"] == "not selected"
    statement = "Asking for `n` choices gets exactly n choices, indexed 0..n-1."  # each promise's statement by its id
    assert (
        f"| `choices_match_n` | {statement} | semantics | ✗ broken | asked for n=3"
        in (tmp_path / "report.md").read_text()
    )
    junit = ET.parse(tmp_path / "junit.xml").getroot()
    failures = [c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None]
    assert failures == ["choices_match_n"]
    for name in ("report.json", "report.md", "junit.xml"):
        assert FAKE_KEY not in (tmp_path / name).read_text(), name
        assert FAKE_KEY[3:20] not in (tmp_path / name).read_text(), name
    assert FAKE_KEY not in result.stdout + result.stderr


def test_a_server_without_auth_passes_with_auth_none(tmp_path: Path) -> None:
    """The mock as the README starts it takes any key: `--auth none` passes and auth reads "not applicable"."""
    with running() as url:
        result = cli("--base-url", url, "--auth", "none", "--examples", "5", "--report-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout[-3000:]
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["groups"]["auth"]["status"] == "not applicable"
    assert {p["status"] for p in report["promises"] if p["group"] == "auth"} == {"not applicable"}
    assert report["target"]["auth"] == "none"


def test_the_same_server_with_auth_required_fails_on_auth() -> None:
    with running() as url:
        result = cli("--base-url", url, "--only", "auth", "--examples", "2")
    assert result.returncode == 1
    assert "wrong_key_is_401 | a wrong key: expected 401, got 200" in result.stdout


def test_a_server_without_stored_completions_reads_not_supported(tmp_path: Path) -> None:
    with running(api_keys=[KEY]) as mock_url, running_proxy(mock_url, "no stored completions") as url:
        result = cli("--base-url", url, "--examples", "3", "--report-dir", str(tmp_path), env={"OPENAI_API_KEY": KEY})
        required = "auth,validation,models,semantics,tools,structured-output,logprobs,streaming,headers"
        lenient = cli("--base-url", url, "--examples", "3", "--require", required, env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 1, result.stdout[-3000:]
    stored_lines = [line for line in result.stdout.splitlines() if line.startswith("  stored")]
    assert stored_lines == [
        "  stored             not supported — GET /chat/completions answered 404: stored completions are not supported"
    ], result.stdout
    assert "deviations: none" in result.stdout
    assert "verdict: fail (stored not supported; --require the other groups to accept that)" in result.stdout
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["groups"]["stored"]["status"] == "not supported"
    assert {p["status"] for p in report["promises"] if p["group"] == "stored"} == {"not supported"}
    assert lenient.returncode == 0, lenient.stdout[-3000:]
    assert "stored             not supported (not required)" in lenient.stdout


def test_a_server_without_a_model_list_reads_models_not_supported() -> None:
    with running(api_keys=[KEY]) as mock_url, running_proxy(mock_url, "no model list") as url:
        report = run(Options(base_url=url, only=("models",), env={"OPENAI_API_KEY": KEY}))
    group = next(g for g in report.groups if g.group.slug == "models")
    assert (group.status, group.note) == (
        "not supported",
        "GET /models answered 404: the server does not list its models",
    )
    assert {p.status for p in report.promises if p.promise.group == "models"} == {"not supported"}


def test_max_requests_bounds_everything_the_run_sends() -> None:
    """Probes, generated cases, ignored_auth's re-sends and the stateful run together stay within the budget,
    counted by the server itself."""
    for budget in (7, 60, 150):
        with MockServer(api_keys=[KEY]) as server:
            report = run(Options(base_url=server.base_url, max_requests=budget, env={"OPENAI_API_KEY": KEY}))
            received = server.stats()["requests_total"]
        assert received <= budget, (budget, received)
        assert report.requests_sent == received
        assert report.passed, report.deviation_lines()  # what the budget did not reach is "not run", not a failure
        if budget < 100:
            assert any("request budget of" in note for note in report.notes), report.notes
    assert any(p.status == "not run" for p in report.promises) is False  # 150 reaches every promise


@pytest.mark.parametrize(
    ("fault", "only", "broken"),
    [
        # the probes' requests: tried 3 times, never answered; the promise is not judged, the run fails on the drops
        ("drop_before;on=create", "streaming", "stream_has_one_id | not judged: streams: the server failed 3 times"),
        # schemathesis's generated requests: each drop breaks not_a_server_error
        ("drop_before;on=delete", "not_a_server_error", "not_a_server_error | connection closed without an answer"),
    ],
)
def test_a_server_that_stops_answering_fails_the_run_without_a_traceback(fault: str, only: str, broken: str) -> None:
    """A request that gets no answer (connection dropped) is sent again; it never passes, and never judges the
    promise it was sent for."""
    with MockServer(api_keys=[KEY], faults=[fault]) as mock:
        result = cli("--base-url", mock.base_url, "--only", only, "--examples", "3", env={"OPENAI_API_KEY": KEY})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "verdict: fail" in result.stdout
    assert any(line.strip().startswith(broken) for line in result.stdout.splitlines()), result.stdout
