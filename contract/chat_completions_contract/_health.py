"""How the server behaved over a run, apart from what it promised: every request's outcome, and the retry rule.

A 5xx, a 429, a timeout or a dropped connection says nothing about the promise its request was sent to judge:
it is the server failing (`not_a_server_error`) or asking the client to slow down (a 429, noted). The request
is sent again, at most `retries` more times, after the wait the answer asks for (`Retry-After`); the promise is
judged on the first real answer, or reads "not judged" with the failures listed.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_RETRIES = 2
DEFAULT_TIMEOUT = 60.0
#: The longest `Retry-After` honoured; a server asking for more is not retried (its promise reads "not judged").
MAX_RETRY_WAIT = 60.0
#: The wait before a retry when the answer names none (a 5xx, a drop, a timeout).
DEFAULT_WAIT = 0.0


def failed_status(status: int) -> bool:
    """Whether an answer's status is the server failing (5xx) or rate-limiting (429) rather than answering."""
    return status >= 500 or status == 429


def retry_after(headers: Mapping[str, Any]) -> float | None:
    """The wait an answer asks for, in seconds: `retry-after-ms` (OpenAI's) first, then `retry-after` in seconds."""
    lowered = {str(k).lower(): v[0] if isinstance(v, list) and v else v for k, v in headers.items()}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = lowered.get(name)
        try:
            seconds = float(str(value)) * scale
        except ValueError:
            continue
        if seconds >= 0:
            return seconds
    return None


@dataclass(frozen=True)
class Failure:
    """One request the server did not answer for real: `kind` is a status (`500`, `429`), `timeout` or `dropped`;
    a failure with a status keeps its answer (`headers`, lower-cased, and `text`): it is still an answer whose
    form the promises about every answer judge."""

    kind: str
    what: str
    headers: Mapping[str, str] | None = field(default=None, compare=False, repr=False)
    text: str = field(default="", compare=False, repr=False)

    @property
    def status(self) -> int | None:
        return int(self.kind) if self.kind.isdigit() else None

    def __str__(self) -> str:
        return self.what


def describe(
    status: int | None,
    error: BaseException | None,
    timeout: float,
    headers: Mapping[str, Any] | None = None,
    text: str = "",
) -> Failure:
    """A failure in words a server author reads: `503 (server error)`, `no answer within 5 s`, ..."""
    if status is not None:
        word = "rate limited" if status == 429 else "server error"
        lowered = {str(k).lower(): str(v[0] if isinstance(v, list) and v else v) for k, v in (headers or {}).items()}
        return Failure(str(status), f"{status} ({word})", lowered, text)
    name = type(error).__name__ if error is not None else ""
    if "Timeout" in name or "timed out" in str(error):
        return Failure("timeout", f"no answer within {timeout:g} s")
    return Failure("dropped", "connection closed without an answer")


@dataclass
class Health:
    """Counts of what the server did with every request the run sent (the summary in console and reports)."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    timeouts: int = 0
    dropped: int = 0
    retry_afters: list[float] = field(default_factory=list)
    retries: int = 0
    not_judged: int = 0
    _last: int = 0

    def answered(self, status: int, seconds: float, headers: Mapping[str, Any] | None = None) -> None:
        """One answer (any status), `seconds` after it was sent."""
        self.statuses[status] += 1
        self._last = status
        self.latencies.append(seconds)
        if failed_status(status):
            wait = retry_after(headers or {})
            if wait is not None:
                self.retry_afters.append(wait)

    def unanswered(self, failure: Failure, *, answered: bool = False) -> None:
        """One request that got no (whole) answer; `answered`: its status line had been counted, the body never came."""
        if answered and self.latencies:
            self.latencies.pop()
            self.statuses[self._last] -= 1
        if failure.kind == "timeout":
            self.timeouts += 1
        else:
            self.dropped += 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + self.timeouts + self.dropped

    def by_class(self) -> dict[str, int]:
        classes: Counter[str] = Counter()
        for status, count in self.statuses.items():
            classes[f"{status // 100}xx"] += count
        return dict(sorted(classes.items()))

    def latency_ms(self) -> dict[str, float | None]:
        if not self.latencies:
            return {"median": None, "p99": None}
        ordered = sorted(self.latencies)
        p99 = ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered)) - 1))]
        return {"median": round(statistics.median(ordered) * 1000, 1), "p99": round(p99 * 1000, 1)}

    def as_json(self) -> dict[str, Any]:
        """The `health` object of report.json."""
        return {
            "requests": self.requests,
            "answers_by_status_class": self.by_class(),
            "server_errors": sum(n for s, n in self.statuses.items() if s >= 500),
            "rate_limited": self.statuses.get(429, 0),
            "retry_after_seconds": sorted(set(self.retry_afters)),
            "timeouts": self.timeouts,
            "dropped": self.dropped,
            "retries": self.retries,
            "latency_ms": self.latency_ms(),
        }
