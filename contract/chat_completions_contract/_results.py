"""What a run found, promise by promise: how often each was judged, and each deviation with its evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ._checks import BrokenPromise, Outcome, judge_answer
from ._health import Failure
from ._target import Exchange

#: The promise every 5xx, timeout and dropped connection is evidence for, whatever its request was sent to judge.
SERVER_ERROR = "not_a_server_error"

MAX_DEVIATIONS_KEPT = 3


@dataclass
class Deviation:
    """One broken promise: what broke, where (probe or operation), and the exchange that showed it."""

    detail: str
    where: str
    exchange: Exchange | None

    def line(self, promise_id: str) -> str:
        """`promise | what happened | request -> answer` in one line."""
        shown = self.exchange.line() if self.exchange is not None else "(no exchange)"
        return f"{promise_id} | {self.detail} | {shown}"


@dataclass
class PromiseResult:
    """Tally for one promise."""

    judged: int = 0
    broken: int = 0
    deviations: list[Deviation] = field(default_factory=list)
    #: Why a request meant to judge it got no real answer (each: where, and the server's failures), first few kept.
    not_judged: list[str] = field(default_factory=list)


class Results:
    """Collects outcomes during a run; `Runner` turns them into statuses."""

    def __init__(self) -> None:
        self.promises: dict[str, PromiseResult] = {}
        self.notes: list[str] = []
        self.rate_limited: list[str] = []

    def server_failed(self, failure: Failure, where: str, exchange: Exchange | None) -> None:
        """One try the server failed: a 5xx, timeout or drop breaks `not_a_server_error`; a 429 is only noted.

        A failure that is an answer (a 5xx, a 429) is still judged by the promises about every answer's form
        (an OpenAI-shaped JSON error body, `x-request-id`), never by the promise its request was sent for."""
        if failure.status is not None and failure.headers is not None:
            self.record(judge_answer("", None, failure.status, failure.headers, failure.text), where, exchange)
        if failure.kind == "429":
            self.rate_limited.append(where)
            return
        self.broke(SERVER_ERROR, str(failure), where, exchange)

    def unjudged(self, promise_ids: Iterable[str], reason: str, where: str) -> None:
        """These promises' request got no real answer after its retries: `reason` says what the server did."""
        for promise_id in promise_ids:
            if promise_id == SERVER_ERROR:
                continue
            kept = self._of(promise_id).not_judged
            if len(kept) < MAX_DEVIATIONS_KEPT:
                kept.append(f"{where}: {reason}" if where else reason)

    def _of(self, promise_id: str) -> PromiseResult:
        return self.promises.setdefault(promise_id, PromiseResult())

    def held(self, promise_id: str) -> None:
        """One more answer kept `promise_id`."""
        self._of(promise_id).judged += 1

    def broke(self, promise_id: str, detail: str, where: str, exchange: Exchange | None) -> None:
        """One more answer broke `promise_id` (the first few keep their evidence)."""
        result = self._of(promise_id)
        result.judged += 1
        result.broken += 1
        if len(result.deviations) < MAX_DEVIATIONS_KEPT and all(d.detail != detail for d in result.deviations):
            result.deviations.append(Deviation(detail, where, exchange))

    def record(self, outcomes: list[Outcome], where: str, exchange: Exchange | None) -> None:
        """Record what `judge_answer`/`judge_stream` found on one answer."""
        for promise_id, broken in outcomes:
            if broken is None:
                self.held(promise_id)
            else:
                self.broke(promise_id, broken.detail, where, exchange)

    def expect(self, func: Any, *args: Any, where: str, exchange: Exchange | None) -> bool:
        """Run one check; record its outcome (nothing when it does not apply). True unless it broke."""
        try:
            applied = func(*args)
        except BrokenPromise as exc:
            self.broke(exc.check, exc.detail, where, exchange)
            return False
        if applied is not False:
            self.held(func.__name__)
        return True
