"""The run names every broken promise: for each promise, a proxy in front of the bundled mock breaks it on purpose.

`proxy.BREAKAGES` holds one breakage per promise id; each test runs only the probes and generated cases that judge
that promise (`--only ID`) through the breaking proxy and asserts the report names it broken. A promise without a
breakage case fails `test_every_promise_has_a_breakage`. The control runs everything through a pass-through proxy.
These are this project's self-tests: never part of a verdict on someone's server.
"""

from __future__ import annotations

import pytest
from chat_completions_contract import PROMISES, Options, Report, run
from chat_completions_mock import running
from contract_support import KEY
from proxy import BREAKAGES, running_proxy

EXAMPLES = 4  # schemathesis examples per operation and mode: enough to meet each breakage, few enough to be quick
#: The stateful run needs longer walks to meet a delete followed by a read of the same completion.
STATEFUL_EXAMPLES = 40


def _run(url: str, only: str) -> Report:
    examples = STATEFUL_EXAMPLES if only == "use_after_free" else EXAMPLES
    return run(Options(base_url=url, only=(only,), examples=examples, env={"OPENAI_API_KEY": KEY}))


def _status(report: Report, promise_id: str) -> str:
    return next(p.status for p in report.promises if p.promise.id == promise_id)


def test_every_promise_has_a_breakage() -> None:
    assert sorted(BREAKAGES) == sorted(p.id for p in PROMISES)


def _stateful_run(promise_id: str) -> Report:
    """`use_after_free` needs a walk that reads a completion after deleting it: whether a walk of the
    bounded stateful run does depends on the seed (and on what the server stores: each try starts clean).
    The first of a few seeds whose walk does it is the run judged."""
    for seed in (42, 1, 2, 3):
        with running(api_keys=[KEY]) as fresh, running_proxy(fresh, promise_id, upstream_key=KEY) as url:
            report = run(
                Options(
                    base_url=url, only=(promise_id,), seed=seed, examples=STATEFUL_EXAMPLES, env={"OPENAI_API_KEY": KEY}
                )
            )
        if _status(report, promise_id) == "broken":
            break
    return report


@pytest.mark.slow  # one contract run per promise: about two minutes in all
@pytest.mark.parametrize("promise_id", [p.id for p in PROMISES])
def test_a_broken_promise_is_named(mock_url: str, promise_id: str) -> None:
    if promise_id == "use_after_free":
        report = _stateful_run(promise_id)
    else:
        with running_proxy(mock_url, promise_id, upstream_key=KEY) as url:
            report = _run(url, promise_id)
    result = next(p for p in report.promises if p.promise.id == promise_id)
    assert result.status == "broken", (
        f"{promise_id}: {result.status}, judged {result.judged} time(s); notes {report.notes}"
    )
    assert result.deviations
    assert result.deviations[0].exchange is not None
    assert report.exit_code == 1
    assert any(line.startswith(f"{promise_id} | ") for line in report.deviation_lines())


def test_the_same_run_unbroken_keeps_every_promise(mock_url: str) -> None:
    """The control: through a pass-through proxy, with the same settings, every promise holds (no false alarm)."""
    with running_proxy(mock_url) as url:
        report = run(Options(base_url=url, examples=EXAMPLES, env={"OPENAI_API_KEY": KEY}))
    assert {p.promise.id: p.status for p in report.promises} == {p.id: "holds" for p in PROMISES}, (
        report.deviation_lines()
    )
    assert report.exit_code == 0
