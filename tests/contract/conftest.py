"""The contract suite's target server, its request budget, request shaping and end-of-run summary.

`pytest tests/contract` starts the bundled mock on a free loopback port; `--base-url URL`
points the same tests at any server. A server that is not on loopback is only tested with
`--max-requests N`, and then every generated request is made cheap (see `shape_create`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from harness import (
    BUNDLED_MOCK_KEY,
    PLACEHOLDER_KEY,
    RUN,
    Target,
    current_target,
    is_loopback,
    set_target,
    shape_create,
    trim_metadata,
)
from promises import BrokenPromise, judge_answer


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    config = request.config
    base_url = config.getoption("--base-url")
    model = config.getoption("--model")
    budget = config.getoption("--max-requests")
    if base_url is None:
        from chat_completions_mock import running

        with running(api_keys=[BUNDLED_MOCK_KEY]) as url:
            target = Target(url, BUNDLED_MOCK_KEY, model, loopback=True, bundled=True, max_requests=budget)
            set_target(target)
            yield target
    else:
        loopback = is_loopback(base_url)
        key = os.environ.get("OPENAI_API_KEY") or (PLACEHOLDER_KEY if loopback else "")
        target = Target(base_url.rstrip("/"), key, model, loopback=loopback, bundled=False, max_requests=budget)
        set_target(target)
        yield target


def pytest_configure(config: pytest.Config) -> None:
    base_url = config.getoption("--base-url", default=None)
    budget = config.getoption("--max-requests", default=None)
    RUN.paid = bool(base_url) and not is_loopback(base_url)
    examples = config.getoption("--max-examples", default=None)
    if examples is None and budget is not None:
        examples = max(1, budget // 20)  # six operations, examples and fuzzing phases, stateful and plain tests
    RUN.max_examples = examples if examples is not None else RUN.max_examples
    if RUN.paid:
        if config.getoption("--max-requests") is None:
            raise pytest.UsageError(
                f"{base_url} is not a loopback address: pass --max-requests N to cap what this run may cost"
            )
        if not os.environ.get("OPENAI_API_KEY"):
            raise pytest.UsageError(f"set OPENAI_API_KEY to test {base_url}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    try:
        target = current_target()
    except RuntimeError:
        return
    write = terminalreporter.write_line
    terminalreporter.section("chat-completions contract")
    write(f"target: {target.base_url} ({'bundled mock' if target.bundled else 'external server'})")
    budget = f" of a budget of {target.max_requests}" if target.max_requests is not None else ""
    write(f"requests sent: {target.sent}{budget}")
    if not target.deviations:
        write("deviations: none")
        return
    write(f"deviations ({len(target.deviations)}), one line each: operation or test | check | what happened")
    for (operation, check), message in sorted(target.deviations.items()):
        write(f"  {operation} | {check} | {message}")


# --- request shaping: a schemathesis hook, so it applies to every phase and the state machine --------


def _is_negative(case: Any) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode.is_negative


@schemathesis.hook
def before_call(ctx: Any, case: Any, kwargs: dict[str, Any]) -> None:
    target = current_target()
    target.spend()
    if not isinstance(case.body, dict) or _is_negative(case) or case.method.upper() != "POST":
        return
    if case.operation.path == "/chat/completions":
        case.body = shape_create(case.body, target)
    elif "metadata" in case.body:  # update: the API's limits on metadata keys and values
        case.body = {**case.body, "metadata": trim_metadata(case.body["metadata"])}


# --- our promises, as a schemathesis check --------------------------------------------------------


@schemathesis.check
def chat_completions_promises(ctx: Any, response: Any, case: Any) -> bool | None:
    """Chat semantics and error shapes (tests/contract/promises.py) on every JSON answer schemathesis gets."""
    headers = {k.lower(): v[0] if isinstance(v, list) else v for k, v in response.headers.items()}
    if not headers.get("content-type", "").startswith("application/json"):
        return None  # streams: tests/contract/test_streams.py; content types: schemathesis's own check
    operation_id = case.operation.definition.raw.get("operationId", case.operation.label)
    try:
        judge_answer(operation_id, case.body, response.status_code, headers, response.text)
    except BrokenPromise as exc:
        current_target().record(case.operation.label, exc.check, exc.detail)
        raise
    return True


# --- stream events: the `data` of each SSE event is one JSON chunk, or the literal [DONE] ---------------

CHUNK_MEDIA_TYPE = "application/vnd.chat-completions.chunk"  # as openapi/normalise.py names it


@schemathesis.deserializer(CHUNK_MEDIA_TYPE)
def _chunk_or_done(ctx: Any, response: Any) -> Any:
    text = response.content.decode("utf-8")
    if text == "[DONE]":
        raise NotImplementedError("[DONE] carries no chunk")  # schemathesis then skips this event's schema
    return json.loads(text)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Plain tests' failures join the summary too: the promise a test saw broken, or its assertion."""
    report = yield
    if report.when == "call" and report.failed and call.excinfo is not None:
        exc = call.excinfo.value
        try:
            target = current_target()
        except RuntimeError:
            return report
        if isinstance(exc, BrokenPromise):
            target.record(item.name, exc.check, exc.detail)
        elif not isinstance(exc, BaseExceptionGroup):  # schemathesis's groups were recorded per operation
            target.record(item.name, type(exc).__name__, str(exc) or repr(exc))
    return report
