"""Each public sync class of the SDK and its async twin offer the same methods with the same parameters.

Found generically: every public class `AsyncX` in the package pairs with `X` (or `SyncX`); each public method
(and `__init__`, the context-manager and iterator methods) of one must exist in the other with the same
parameter names, kinds, defaults and annotations (`Async`/`Sync` dropped from the annotations), overloads too.
An async class may also offer the sync spelling as an alias (`close = aclose`).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import typing
from collections.abc import Callable, Iterator
from typing import Any

import chat_completions
import pytest

#: Sync name -> async name, where the async spelling differs.
RENAMED = {
    "close": "aclose",
    "__enter__": "__aenter__",
    "__exit__": "__aexit__",
    "__iter__": "__aiter__",
    "__next__": "__anext__",
}
DUNDERS = {"__init__", *RENAMED}
#: (async class, method) with no sync twin on purpose, and why.
ASYNC_ONLY = {
    ("AsyncStream", "open"): "an awaitable constructor; the sync Stream opens in __init__",
}
_PREFIX = re.compile(r"\b(Async|Sync)(?=[A-Z])|\bA(?=(Iterator|Iterable)\b)")


def _classes() -> dict[str, type]:
    """Every public class defined in the SDK's modules, by name."""
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(chat_completions.__path__):
        module = importlib.import_module(f"chat_completions.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and not name.startswith("_") and value.__module__ == module.__name__:
                found[name] = value
    return found


def twins() -> list[tuple[type, type]]:
    classes = _classes()
    pairs = []
    for name, cls in sorted(classes.items()):
        if name.startswith("Async"):
            base = name.removeprefix("Async")
            sync = classes.get(base) or classes.get(f"Sync{base}")
            assert sync is not None, f"{name} has no sync twin ({base} or Sync{base})"
            pairs.append((sync, cls))
    return pairs


def _methods(cls: type) -> dict[str, Callable[..., Any]]:
    out = {}
    for name, value in inspect.getmembers(cls):
        if (not name.startswith("_") or name in DUNDERS or name in RENAMED.values()) and callable(value):
            if name == "__init__" and value is object.__init__:
                continue
            out[name] = value
    return out


def _shape(func: Callable[..., Any]) -> list[tuple[str, Any, Any, str]]:
    """The parameters of `func`: name, kind, default and annotation (without Async/Sync)."""
    return [
        (p.name, p.kind, p.default, _PREFIX.sub("", str(p.annotation)))
        for p in inspect.signature(func).parameters.values()
    ]


def _overloads(func: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    yield from typing.get_overloads(inspect.unwrap(func))


def test_the_twins_are_found() -> None:
    names = {(sync.__name__, asynchronous.__name__) for sync, asynchronous in twins()}
    assert {("Client", "AsyncClient"), ("Completions", "AsyncCompletions"), ("Stream", "AsyncStream")} <= names


@pytest.mark.parametrize(("sync", "asynchronous"), twins(), ids=lambda c: c.__name__)
def test_twins_have_the_same_methods_and_parameters(sync: type, asynchronous: type) -> None:
    sync_methods, async_methods = _methods(sync), _methods(asynchronous)
    expected = {RENAMED.get(name, name) for name in sync_methods}
    aliases = {n for n in async_methods if n in RENAMED and async_methods[n] is async_methods.get(RENAMED[n])}
    extra = {n for n in set(async_methods) - expected - aliases if (asynchronous.__name__, n) not in ASYNC_ONLY}
    assert not extra, f"{asynchronous.__name__} has {sorted(extra)} that {sync.__name__} lacks"
    assert expected <= set(async_methods), f"{asynchronous.__name__} lacks {sorted(expected - set(async_methods))}"
    for name, method in sync_methods.items():
        twin = async_methods[RENAMED.get(name, name)]
        where = f"{sync.__name__}.{name} vs {asynchronous.__name__}.{RENAMED.get(name, name)}"
        assert _shape(method) == _shape(twin), where
        sync_overloads, async_overloads = list(_overloads(method)), list(_overloads(twin))
        assert len(sync_overloads) == len(async_overloads), f"{where}: overloads"
        for one, other in zip(sync_overloads, async_overloads, strict=True):
            assert _shape(one) == _shape(other), f"{where}: overload"
