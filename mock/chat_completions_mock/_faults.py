"""Fault injection: the `x-mock-fault` header syntax, server-wide faults and faults scripted per test."""

from __future__ import annotations

import dataclasses
import itertools
import threading
from collections.abc import Callable, Iterable

#: Request header that carries a fault for that request.
FAULT_HEADER = "x-mock-fault"

#: Operations a fault can be limited to with `on=...`.
OPERATIONS = frozenset({"create", "list", "retrieve", "update", "delete", "messages", "models", "other"})

_BODIES = frozenset({"malformed", "html"})


@dataclasses.dataclass(frozen=True)
class Fault:
    """One parsed fault (see the fault table in docs/mock.md for what each field does)."""

    status: int | None = None
    retry_after: float | None = None
    retry_after_ms: int | None = None
    should_retry: bool | None = None
    drop_before: bool = False
    drop_mid_body: bool = False
    drop_after: int | None = None
    truncate_after: int | None = None
    error_event_after: int | None = None
    slow_first_byte: float = 0.0
    slow_chunks: float = 0.0
    body: str | None = None
    times: int | None = None
    every: int | None = None
    on: frozenset[str] | None = None
    key: str | None = None
    spec: str = ""

    @property
    def cuts_stream(self) -> bool:
        """Whether this fault changes how a stream is sent."""
        return (
            self.drop_after is not None
            or self.truncate_after is not None
            or self.error_event_after is not None
            or self.drop_mid_body
            or self.slow_chunks > 0
        )


def _seconds(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 3600:
        raise ValueError("must be between 0 and 3600 seconds")
    return number


def _count(value: str, minimum: int = 0) -> int:
    number = int(value)
    if number < minimum or number > 10**9:
        raise ValueError(f"must be an integer >= {minimum}")
    return number


def _status(value: str) -> int:
    status = int(value)
    if not 400 <= status <= 599:
        raise ValueError("must be between 400 and 599")
    return status


def _flag(value: str) -> bool:
    if value.lower() not in ("", "true", "false", "1", "0"):
        raise ValueError("takes no value (or true/false)")
    return value.lower() in ("", "true", "1")


def _bool(value: str) -> bool:
    if value.lower() not in ("true", "false"):
        raise ValueError("must be true or false")
    return value.lower() == "true"


def _body(value: str) -> str:
    if value not in _BODIES:
        raise ValueError("must be malformed or html")
    return value


def _operations(value: str) -> frozenset[str]:
    operations = frozenset(v.strip() for v in value.split(","))
    unknown = operations - OPERATIONS
    if unknown:
        raise ValueError(f"takes {', '.join(sorted(OPERATIONS))}; not {', '.join(sorted(unknown))}")
    return operations


_DIRECTIVES: dict[str, Callable[[str], object]] = {
    "status": _status,
    "retry_after": _seconds,
    "retry_after_ms": _count,
    "should_retry": _bool,
    "drop_before": _flag,
    "drop_mid_body": _flag,
    "drop_after": _count,
    "truncate_after": _count,
    "error_event_after": _count,
    "slow_first_byte": _seconds,
    "slow_chunks": _seconds,
    "body": _body,
    "times": lambda value: _count(value, 1),
    "every": lambda value: _count(value, 1),
    "on": _operations,
    "key": str,
}
_FLAGS = frozenset({"drop_before", "drop_mid_body"})


def parse_fault(spec: str) -> Fault:
    """Parse `status=429;retry_after=1` style text into a `Fault`; raises `ValueError` on bad syntax."""
    fields: dict[str, object] = {"spec": spec}
    for raw in spec.split(";"):
        item = raw.strip()
        if not item:
            continue
        name, _, value = item.partition("=")
        name, value = name.strip().lower().replace("-", "_"), value.strip()
        convert = _DIRECTIVES.get(name)
        if convert is None:
            raise ValueError(f"unknown fault directive {name!r}")
        if not value and name not in _FLAGS:
            raise ValueError(f"fault directive {name!r} needs a value ({name}=...)")
        try:
            fields[name] = convert(value)
        except ValueError as exc:
            reason = str(exc)
            if reason.startswith(("invalid literal", "could not convert")):
                reason = "is not a number"
            raise ValueError(f"{name}={value!r}: {reason}") from None
    return Fault(**fields)  # type: ignore[arg-type]


class _Rule:
    """A fault plus its request counter (for `times=` and `every=`)."""

    def __init__(self, fault: Fault, ident: int) -> None:
        self.fault = fault
        self.ident = ident
        self.seen = 0

    def take(self, operation: str) -> bool:
        """Count one request of `operation`; whether the fault applies to it. Call under the book's lock."""
        fault = self.fault
        if fault.on is not None and operation not in fault.on:
            return False
        self.seen += 1
        if fault.times is not None and self.seen > fault.times:
            return False
        return not (fault.every is not None and self.seen % fault.every != 0)

    def spent(self) -> bool:
        return self.fault.times is not None and self.seen >= self.fault.times


class FaultBook:
    """Which fault a request gets: its header first, then scripted faults (oldest first), then server-wide ones.

    Thread-safe: tests script faults from their own thread while the server runs in another.
    """

    def __init__(self, server_faults: Iterable[Fault | str] = ()) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server = [_Rule(_as_fault(f), 0) for f in server_faults]
        self._scripted: list[_Rule] = []
        self._header_rules: dict[str, _Rule] = {}
        self._parsed: dict[str, Fault] = {}

    @property
    def active(self) -> bool:
        """Whether any scripted or server-wide fault exists (the header is checked separately)."""
        return bool(self._server or self._scripted)

    def add(self, fault: Fault | str) -> int:
        """Script a fault for the next requests (`times=N` limits it to N requests); returns its id."""
        parsed = _as_fault(fault)
        with self._lock:
            rule = _Rule(parsed, next(self._ids))
            self._scripted.append(rule)
            return rule.ident

    def remove(self, ident: int) -> bool:
        """Remove one scripted fault; whether it existed."""
        with self._lock:
            before = len(self._scripted)
            self._scripted = [r for r in self._scripted if r.ident != ident]
            return len(self._scripted) != before

    def clear(self) -> None:
        """Remove every scripted fault and reset the counters of header faults (server-wide faults stay)."""
        with self._lock:
            self._scripted.clear()
            self._header_rules.clear()

    def scripted(self) -> list[str]:
        """The specs of the scripted faults still pending."""
        with self._lock:
            return [r.fault.spec for r in self._scripted]

    def parse_header(self, value: str) -> Fault:
        """Parse (and cache) a header value; raises `ValueError`."""
        found = self._parsed.get(value)
        if found is None:
            found = parse_fault(value)
            if len(self._parsed) < 4096:
                self._parsed[value] = found
        return found

    def select(self, header: str | None, operation: str) -> Fault | None:
        """The fault for one request (None: serve it normally). `header` is the raw `x-mock-fault` value."""
        if header is not None:
            fault = self.parse_header(header)
            if fault.times is None and fault.every is None:
                return fault if fault.on is None or operation in fault.on else None
            with self._lock:
                rule = self._header_rules.get(header)
                if rule is None:
                    if len(self._header_rules) >= 10_000:  # bounded memory under header fuzzing
                        self._header_rules.clear()
                    rule = self._header_rules[header] = _Rule(fault, 0)
                return fault if rule.take(operation) else None
        if not (self._scripted or self._server):
            return None
        with self._lock:
            for rule in self._scripted:
                if rule.take(operation):
                    if rule.spent():
                        self._scripted.remove(rule)
                    return rule.fault
            for rule in self._server:
                if rule.take(operation):
                    return rule.fault
        return None


def _as_fault(fault: Fault | str) -> Fault:
    return fault if isinstance(fault, Fault) else parse_fault(fault)
