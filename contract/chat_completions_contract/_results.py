"""What a run found, promise by promise: how often each was judged, and each deviation with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._checks import BrokenPromise, Outcome
from ._target import Exchange

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


class Results:
    """Collects outcomes during a run; `Runner` turns them into statuses."""

    def __init__(self) -> None:
        self.promises: dict[str, PromiseResult] = {}
        self.notes: list[str] = []

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
