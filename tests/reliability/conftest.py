"""Fixtures of the reliability tests, and the figures they measured, printed at the end of the run.

Every test is bounded (a per-test timeout, a fixed number of requests) and talks to loopback servers only.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from chat_completions import _retry
from chat_completions_mock import MockServer

_STARTED = time.monotonic()
#: name -> (value, unit): figures the tests measured, printed in the terminal summary.
FIGURES: dict[str, tuple[Any, str]] = {}
_RAN: list[str] = []
_SPENT: list[float] = []  # seconds in each reliability test's setup, call and teardown


def record(name: str, value: Any, unit: str = "") -> None:
    """Keep a measured figure for the end-of-run summary."""
    FIGURES[name] = (value, unit)


@pytest.fixture
def figure() -> Any:
    """`figure(name, value, unit)`: record a measured figure for the summary."""
    return record


@pytest.fixture(autouse=True)
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry waits, recorded and really slept; the backoff is scaled down (0.01 s doubling) to keep runs short.

    A server's `retry-after*` is honoured as sent, so tests keep it tiny (`retry_after_ms`).
    """
    recorded: list[float] = []
    real_sleep, real_asleep = _retry.sleep, _retry.asleep

    def sleep(seconds: float) -> None:
        recorded.append(seconds)
        real_sleep(seconds)

    async def asleep(seconds: float) -> None:
        recorded.append(seconds)
        await real_asleep(seconds)

    monkeypatch.setattr(_retry, "sleep", sleep)
    monkeypatch.setattr(_retry, "asleep", asleep)
    monkeypatch.setattr(_retry, "INITIAL_DELAY", 0.01)
    monkeypatch.setattr(_retry, "MAX_DELAY", 0.05)
    return recorded


@pytest.fixture(scope="session")
def mock() -> Iterator[MockServer]:
    """An in-process mock (uvicorn in a thread) shared by the fault tests: `.stats()` counts attempts."""
    with MockServer() as server:
        yield server


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "tests/reliability" not in report.nodeid.replace("\\", "/"):
        return
    _SPENT.append(report.duration)
    if report.when == "call":
        _RAN.append(report.outcome)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _RAN and not FIGURES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("reliability figures")
    for name, (value, unit) in FIGURES.items():
        shown = f"{value:,.2f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else value
        write(f"{name:<62} {shown} {unit}".rstrip())
    write(f"{'tests run / failed':<62} {len(_RAN)} / {_RAN.count('failed')}")
    write(f"{'time in the reliability tests (setup + call + teardown)':<62} {sum(_SPENT):,.1f} s")
    write(f"{'wall time since the reliability folder was collected':<62} {time.monotonic() - _STARTED:,.1f} s")
