"""The parts that make a verdict on a flaky server trustworthy, on plain data: the retry rule, what each failure is
evidence for, the health summary, and reports that say why a promise was not judged (no server, no schemathesis)."""

from __future__ import annotations

from typing import Any

import pytest
from chat_completions_contract import PROMISES, BrokenPromise, Report
from chat_completions_contract._checks import deleted_is_gone_everywhere, seed_gives_same_fingerprint
from chat_completions_contract._health import Health, describe, retry_after
from chat_completions_contract._report import PromiseReport
from chat_completions_contract._results import Results
from chat_completions_contract._target import ServerFailed, Target

Answer = tuple[int, dict[str, str], str]
ERROR = '{"error": {"message": "overloaded", "type": "server_error", "param": null, "code": null}}'


def _target(retries: int = 2) -> tuple[Target, Results]:
    target = Target("http://127.0.0.1:9/v1", "sk-test", "gpt-4o-mini", retries=retries, timeout=5)
    results = Results()
    target.on_failure = results.server_failed
    return target, results


def _retrying(target: Target, answers: list[Answer]) -> Answer:
    queue = list(answers)

    def attempt() -> Answer:
        status, headers, text = queue.pop(0)
        target.health.answered(status, 0.01, headers)
        return status, headers, text

    return target.retrying(attempt, lambda answer: answer, lambda answer: None, (OSError,), "probe")


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("chat_completions_contract._target.time.sleep", slept.append)
    return slept


def test_a_failed_request_is_retried_after_the_wait_it_asks_for(waits: list[float]) -> None:
    target, results = _target()
    status, _, _ = _retrying(
        target, [(503, {}, ERROR), (429, {"retry-after-ms": "250", "retry-after": "1"}, ERROR), (200, {}, "")]
    )
    assert status == 200
    assert waits == [0.25]  # retry-after-ms first (OpenAI's), no wait asked after the 503
    assert target.health.retries == 2
    server_error = results.promises["not_a_server_error"]
    assert (server_error.broken, [d.detail for d in server_error.deviations]) == (1, ["503 (server error)"])
    assert results.rate_limited == ["probe"]  # a 429 is noted, never a broken promise
    # Both are still answers: the promises about every answer's form judge them (here: no x-request-id header).
    assert results.promises["x_request_id_on_every_answer"].broken == 2
    assert results.promises["error_body_is_openai_shaped"].broken == 0


def test_a_request_that_never_gets_an_answer_is_not_judged_and_says_why(waits: list[float]) -> None:
    target, results = _target(retries=2)
    with pytest.raises(ServerFailed) as failed:
        _retrying(target, [(500, {}, ERROR), (500, {}, ERROR), (502, {}, ERROR)])
    assert failed.value.reason == "the server failed 3 times: 500 (server error) (2 times); 502 (server error)"
    results.unjudged(["choices_match_n", "not_a_server_error"], failed.value.reason, "completions")
    assert results.promises["choices_match_n"].not_judged == [f"completions: {failed.value.reason}"]
    assert results.promises["not_a_server_error"].broken == 3  # the failures are its evidence, never "not judged"


def test_a_wait_longer_than_a_minute_is_not_waited_for(waits: list[float]) -> None:
    target, _ = _target()
    with pytest.raises(ServerFailed, match="asking to wait 3600 s"):
        _retrying(target, [(429, {"retry-after": "3600"}, ERROR)])
    assert waits == []


def test_retry_after_reads_milliseconds_then_seconds() -> None:
    assert retry_after({"retry-after-ms": "20", "retry-after": "1"}) == 0.02
    assert retry_after({"Retry-After": "2"}) == 2.0
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) is None
    assert retry_after({}) is None


def test_failures_are_described_for_a_server_author() -> None:
    assert str(describe(None, TimeoutError("timed out"), 5)) == "no answer within 5 s"
    assert str(describe(None, ConnectionResetError(104, "reset"), 5)) == "connection closed without an answer"
    assert str(describe(429, None, 5)) == "429 (rate limited)"


def test_the_health_summary_counts_classes_waits_and_latency() -> None:
    health = Health()
    for ms in range(1, 101):
        health.answered(200, ms / 1000)
    health.answered(429, 0.001, {"retry-after": "1"})
    health.answered(503, 0.001, {"retry-after-ms": "500"})
    health.unanswered(describe(None, TimeoutError("timed out"), 5))
    health.unanswered(describe(None, ConnectionResetError(), 5))
    summary = health.as_json()
    assert summary["requests"] == 104
    assert summary["answers_by_status_class"] == {"2xx": 100, "4xx": 1, "5xx": 1}
    assert (summary["rate_limited"], summary["server_errors"]) == (1, 1)
    assert summary["retry_after_seconds"] == [0.5, 1.0]
    assert (summary["timeouts"], summary["dropped"]) == (1, 1)
    assert summary["latency_ms"]["median"] == 49.5
    assert summary["latency_ms"]["p99"] == 99.0


def test_details_show_what_the_server_sent_as_json_not_python() -> None:
    with pytest.raises(BrokenPromise) as gone:
        deleted_is_gone_everywhere({"retrieve": 404, "delete": 200})
    assert gone.value.detail == 'after delete: {"delete": 200}'
    with pytest.raises(BrokenPromise) as fingerprint:
        seed_gives_same_fingerprint({"system_fingerprint": None}, {"system_fingerprint": "fp_1"})
    assert fingerprint.value.detail == 'system_fingerprint null then "fp_1" for the same seeded request'


def _report(statuses: dict[str, tuple[str, list[str]]], health: dict[str, Any]) -> Report:
    promises = []
    for promise in PROMISES:
        status, reasons = statuses.get(promise.id, ("holds", []))
        promises.append(PromiseReport(promise, status, True, 1, 0, [], reasons))
    return Report(
        base_url="http://127.0.0.1:8000/v1", bundled_mock=False, model="m", auth="required", seed=1,
        max_requests=None, requests_sent=3, promises=promises, groups=[], notes=[], passed=True, health=health,
    )  # fmt: skip


def test_reports_say_why_a_promise_was_not_judged_and_show_each_statement() -> None:
    health = Health()
    health.answered(200, 0.002)
    health.unanswered(describe(None, ConnectionResetError(), 5))
    reason = "streams: the server failed 3 times: connection closed without an answer (3 times)"
    report = _report(
        {
            "stream_has_one_id": ("not judged", [reason]),
            "tool_call_ids_are_unique": ("not run", ["no answer this run got was one it applies to"]),
        },
        health.as_json(),
    )
    summary = report.summary_lines()
    assert f"  stream_has_one_id | not judged: {reason}" in summary
    assert "  tool_call_ids_are_unique | not run: no answer this run got was one it applies to" in summary
    assert any(line.startswith("server health: 2 requests; answers 2xx 1;") and "1 dropped" in line for line in summary)
    markdown = report.markdown()
    one_id = next(p for p in PROMISES if p.id == "stream_has_one_id")
    assert f"| `stream_has_one_id` | {one_id.statement} | streaming | not judged | not judged: {reason} |" in markdown
    assert "Server health: 2 requests" in markdown
    document = report.as_json()
    assert document["format"] == 1  # the new keys are additions: readers of format 1 keep working
    assert document["health"]["dropped"] == 1
    assert next(p for p in document["promises"] if p["id"] == "stream_has_one_id")["reasons"] == [reason]
