"""A server that fails now and then (5xx, 429, dropped connections, answers too slow) is judged on its promises,
not on its failures: those break `not_a_server_error` (a 429 only gets a note), the request is sent again, and
the run never shows the test engine's own errors.

The faults are the mock's own (`--fault`), scaled down from the ones a user would try (a 1 s wait, a 30 s stall)
so the runs stay short; each run is small (one example per operation and mode).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from chat_completions_contract import PROMISES, Options, Report, run
from chat_completions_mock import MockServer
from contract_support import KEY

pytestmark = pytest.mark.slow  # each test runs the whole contract against a failing mock

#: Every promise but the one the failures break: what a user who accepts a flaky server requires.
LENIENT = tuple(p.id for p in PROMISES if p.id != "not_a_server_error")
#: Words of the engine under the run (Hypothesis, schemathesis internals) that must never reach a user.
ENGINE_WORDS = ("Flaky", "Hypothesis", "hypothesis", "HealthCheck", "Deadline", "Traceback", "AssertionError")
FAULTS = {
    "500 every 5th": ("status=500;every=5", 60.0),
    "503 every 7th, Retry-After": ("status=503;every=7;retry_after=0.01", 60.0),
    "429 every 4th, Retry-After": ("status=429;every=4;retry_after=0.01", 60.0),
    "connection dropped every 9th": ("drop_before;every=9", 60.0),
    "stalled every 23rd": ("slow_first_byte=2;every=23", 1.0),
}


@functools.cache
def _first_run(fault: str, timeout: float, seed: int) -> tuple[Report, dict[str, int]]:
    """`_run`, once per fault and seed in a session (the seed test reuses the parametrized test's run)."""
    return _run(fault, timeout, seed=seed)


def _run(fault: str, timeout: float, *, seed: int) -> tuple[Report, dict[str, int]]:
    """One small run against a mock with `fault`, requiring everything but `not_a_server_error`; the mock's stats."""
    with MockServer(api_keys=[KEY], faults=[fault]) as mock:
        report = run(
            Options(
                base_url=mock.base_url,
                examples=1,
                seed=seed,
                timeout=timeout,
                require=LENIENT,
                env={"OPENAI_API_KEY": KEY},
            )
        )
        stats = mock.stats()
    return report, stats


def _verdicts(report: Report) -> dict[str, str]:
    return {p.promise.id: p.status for p in report.promises}


@pytest.mark.parametrize("name", list(FAULTS))
def test_a_failing_server_breaks_only_not_a_server_error(name: str, tmp_path: Path) -> None:
    fault, timeout = FAULTS[name]
    report, stats = _first_run(fault, timeout, 42)
    report.write(tmp_path)
    verdicts = _verdicts(report)
    broken = sorted(k for k, v in verdicts.items() if v == "broken")
    assert broken == ([] if "429" in name else ["not_a_server_error"]), report.deviation_lines()
    for promise in report.promises:  # the others hold, or say why they were not judged
        assert promise.status in ("holds", "broken", "not judged"), (promise.promise.id, promise.status)
        if promise.status == "not judged":
            assert promise.reasons, promise.promise.id
    assert report.exit_code == 0  # --require leaves not_a_server_error out
    # The health summary counts what the server itself counted.
    health = report.health
    assert health["requests"] == stats["requests_total"] == report.requests_sent
    classes = health["answers_by_status_class"]
    assert classes == {f"{n}xx": stats[f"answers_{n}xx"] for n in range(2, 6) if stats[f"answers_{n}xx"]}
    assert sum(classes.values()) + health["timeouts"] + health["dropped"] == health["requests"]
    failures = {
        "500": health["answers_by_status_class"].get("5xx", 0),
        "503": health["answers_by_status_class"].get("5xx", 0),
        "429": health["rate_limited"],
        "dropped": health["dropped"],
        "stalled": health["timeouts"],
    }
    kind = next(k for k in failures if k in name)
    assert failures[kind] > 0
    assert health["retries"] >= failures[kind]
    if "Retry-After" in name:
        assert health["retry_after_seconds"] == [0.01]  # retry-after-ms read before the whole-second header
    if "429" in name:
        assert any("rate-limited" in note for note in report.notes)
    # Evidence: the failing request and its own answer, as JSON; nothing from the engine anywhere.
    server_error = next(p for p in report.promises if p.promise.id == "not_a_server_error")
    for deviation in server_error.deviations:
        assert deviation.exchange is not None
        if deviation.exchange.response is not None:
            assert deviation.exchange.response["status"] >= 500
            json.loads(deviation.exchange.response["body"])
    texts = ["\n".join(report.summary_lines()), *(p.read_text() for p in tmp_path.iterdir())]
    for text in texts:
        assert not [w for w in ENGINE_WORDS if w in text], text[:3000]
    summary = "\n".join(report.summary_lines())
    assert f"server health: {health['requests']} requests" in summary
    assert "Server health:" in (tmp_path / "report.md").read_text()
    assert json.loads((tmp_path / "report.json").read_text())["health"] == health


def test_the_same_seed_gives_the_same_verdict_on_a_failing_server() -> None:
    """Three runs on a server failing one request in five (counting all of them): the same verdict each time."""
    fault, timeout = FAULTS["500 every 5th"]
    first, _ = _first_run(fault, timeout, 42)
    for _ in range(2):
        again, _ = _run(fault, timeout, seed=42)
        assert _verdicts(again) == _verdicts(first)
        assert again.health["answers_by_status_class"] == first.health["answers_by_status_class"]


def test_without_require_a_failing_server_fails_even_when_only_other_promises_are_checked() -> None:
    """`--only streaming` on a server that drops connections: the drops are retried (streaming holds), and the run
    fails on them unless `--require` says which promises must hold."""
    with MockServer(api_keys=[KEY], faults=["drop_before;every=3"]) as mock:
        options: dict[str, Any] = {"base_url": mock.base_url, "only": ("streaming",), "env": {"OPENAI_API_KEY": KEY}}
        strict = run(Options(**options))
        lenient = run(Options(**options, require=("streaming",)))
    assert {p.status for p in strict.promises if p.promise.group == "streaming"} == {"holds"}
    assert strict.exit_code == 1
    assert any("--require the promises that must hold" in n for n in strict.notes)
    assert lenient.exit_code == 0


def test_a_server_failing_every_create_ends_the_stateful_walks_in_plain_words() -> None:
    """No stored completion can ever be made: after a few creates (each tried 3 times) the walks stop, with a note
    a server author understands, instead of trying walk after walk (or replaying one into an engine error)."""
    with MockServer(api_keys=[KEY], faults=["drop_before;on=create"]) as mock:
        report = run(Options(base_url=mock.base_url, only=("use_after_free",), env={"OPENAI_API_KEY": KEY}))
        sent = mock.stats()["requests_total"]
    assert "stateful: walks stopped: the server failed 5 requests of POST /chat/completions" in report.notes[0]
    assert report.health["dropped"] == 15
    assert sent < 60, sent
    assert report.exit_code == 1
    assert not [w for w in ENGINE_WORDS if w in "\n".join(report.summary_lines())]
