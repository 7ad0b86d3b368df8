"""Cassette matchers: when a recorded request answers an incoming one. One declaration per matcher, with why.

A matcher compares the recorded request with the incoming one and returns None when they match, or the first
field that differs (`body.messages[0].content`), which an unmatched request's error names.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Sequence
from typing import Any
from urllib.parse import parse_qsl, unquote

from ._cassette import Interaction

__all__ = [
    "DEFAULT_IGNORED_FIELDS",
    "MATCHERS",
    "Incoming",
    "Matcher",
    "closest",
    "first_difference",
    "operation_path",
]

#: Body fields that do not change the answer a recording stands for (compared by default without them).
DEFAULT_IGNORED_FIELDS = ("user", "metadata", "seed", "safety_identifier", "prompt_cache_key", "store")


@dataclasses.dataclass(frozen=True)
class Incoming:
    """The request to answer: method, path (without the query), query and JSON body (None if not JSON)."""

    method: str
    path: str
    query: str
    body: Any


@dataclasses.dataclass(frozen=True)
class Matcher:
    """One named rule: `compare(recorded, incoming, ignored)` -> None, or the first field that differs."""

    name: str
    why: str
    compare: Callable[[Interaction, Incoming, Collection[str]], str | None]


def operation_path(path: str) -> str:
    """The part of a path from `/chat/completions` on (`/v1/chat/completions` and Azure's deployment paths alike)."""
    at = path.find("/chat/completions")
    return path[at:] if at >= 0 else path


def first_difference(recorded: Any, incoming: Any, where: str = "body") -> str | None:
    """The first path at which two JSON values differ (dicts by key, lists by position), or None."""
    if isinstance(recorded, dict) and isinstance(incoming, dict):
        for key in sorted(set(recorded) | set(incoming), key=str):
            if key not in recorded or key not in incoming:
                return f"{where}.{key}"
            found = first_difference(recorded[key], incoming[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(recorded, list) and isinstance(incoming, list):
        for index, (left, right) in enumerate(zip(recorded, incoming, strict=False)):
            found = first_difference(left, right, f"{where}[{index}]")
            if found:
                return found
        return None if len(recorded) == len(incoming) else f"{where}[{min(len(recorded), len(incoming))}]"
    same = (recorded == incoming and type(recorded) is type(incoming)) or _same_number(recorded, incoming)
    return None if same else where


def _same_number(left: Any, right: Any) -> bool:
    numbers = (int, float)
    return (
        isinstance(left, numbers)
        and isinstance(right, numbers)
        and not isinstance(left, bool)
        and not isinstance(right, bool)
        and left == right
    )


def _without(body: Any, ignored: Collection[str]) -> Any:
    return {k: v for k, v in body.items() if k not in ignored} if isinstance(body, dict) else body


def _method(recorded: Interaction, incoming: Incoming, ignored: Collection[str]) -> str | None:
    return None if recorded.method == incoming.method.upper() else "method"


def _path(recorded: Interaction, incoming: Incoming, ignored: Collection[str]) -> str | None:
    # A cassette keeps the URI as sent (percent-encoded); the incoming path is decoded (ASGI's `path`).
    return None if operation_path(unquote(recorded.path)) == operation_path(incoming.path) else "path"


def _query(recorded: Interaction, incoming: Incoming, ignored: Collection[str]) -> str | None:
    same = sorted(parse_qsl(recorded.query)) == sorted(parse_qsl(incoming.query))
    return None if same else "query"


def _body(recorded: Interaction, incoming: Incoming, ignored: Collection[str]) -> str | None:
    return first_difference(_without(recorded.json_body(), ignored), _without(incoming.body, ignored))


#: The matchers, in the order a difference is reported.
MATCHERS: tuple[Matcher, ...] = (
    Matcher("method", "POST creates and GET reads the same path: the method decides the operation.", _method),
    Matcher(
        "path",
        "Compared from /chat/completions on, so a recording under /v1 answers the mock's root routes too.",
        _path,
    ),
    Matcher("query", "List pages differ by limit, after and order: query parameters compared as a set.", _query),
    Matcher(
        "body",
        "JSON compared as data (key order and spacing are the client's), without fields that leave the answer"
        " alone (user, metadata, seed...).",
        _body,
    ),
)


def mismatch(recorded: Interaction, incoming: Incoming, ignored: Collection[str]) -> str | None:
    """The first field at which `recorded` fails to answer `incoming`, or None when it matches."""
    for matcher in MATCHERS:
        found = matcher.compare(recorded, incoming, ignored)
        if found:
            return found
    return None


def closest(
    recordings: Sequence[Interaction], incoming: Incoming, ignored: Collection[str]
) -> tuple[Interaction, str] | None:
    """The recording nearest to `incoming` (most matchers passed, then the deepest difference) and the field
    where it differs; None when there are no recordings."""
    best: tuple[tuple[int, int], Interaction, str] | None = None
    for recorded in recordings:
        passed, difference = 0, ""
        for matcher in MATCHERS:
            difference = matcher.compare(recorded, incoming, ignored) or ""
            if difference:
                break
            passed += 1
        score = (passed, difference.count(".") + difference.count("["))
        if best is None or score > best[0]:
            best = (score, recorded, difference)
    return None if best is None else (best[1], best[2])
