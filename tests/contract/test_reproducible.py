"""A fixed seed sends the same requests; every seed's run against the mock passes and never hits a flaky strategy."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from chat_completions_contract import Options, run
from chat_completions_mock import running
from contract_support import KEY
from proxy import running_proxy

TAG = re.compile(r"(contract|pages)-\d+")


def _requests(seed: int, examples: int) -> list[tuple[str, str, str, str]]:
    """Every request a run sends to a fresh mock, as (method, path, query, body) — run-unique tags masked."""
    log: list[Any] = []
    with running(api_keys=[KEY]) as mock_url, running_proxy(mock_url, log=log) as url:
        report = run(Options(base_url=url, seed=seed, examples=examples, env={"OPENAI_API_KEY": KEY}))
    assert report.passed, report.deviation_lines()
    return [
        (m, TAG.sub("TAG", p), TAG.sub("TAG", q), TAG.sub("TAG", json.dumps(b, sort_keys=True))) for m, p, q, b in log
    ]


@pytest.mark.slow  # three whole runs
def test_the_same_seed_sends_the_same_requests() -> None:
    first, second = _requests(7, 4), _requests(7, 4)
    assert len(first) > 100
    assert first == second
    assert _requests(8, 4) != first


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 20])
def test_every_seed_passes_against_the_mock(seed: int) -> None:
    """The whole run (probes, generated cases, stateful walk) under several seeds: no false alarm, no flaky strategy.

    (Seed 20 is where the old pytest suite's stateful test failed that way; the walks here differ, so the seeds are
    a bounded sample, not a replay. docs/contract.md gives the cause.)"""
    with running(api_keys=[KEY]) as url:
        report = run(Options(base_url=url, seed=seed, env={"OPENAI_API_KEY": KEY}))  # the CLI's default examples
    assert report.passed, report.deviation_lines()
    assert report.notes == []  # no "hypothesis stopped the run" (FlakyStrategyDefinition and the like)
    assert {p.status for p in report.promises} == {"holds"}
