"""Contract tests for OpenAI-compatible Chat Completions servers, as a tool anyone installs.

`chat-completions-contract --base-url URL` (or `python -m chat_completions_contract`) checks a server
against the named promises in `PROMISES` and reports each group as holds / broken / not supported;
`run(Options(...))` does the same from Python and returns a `Report`. Without a base URL it starts the
bundled mock (`chat_completions_mock`) and checks that. docs/contract.md documents the promises, the
options and the report format.

Names are imported on first use: the pytest plugin (loaded by every pytest run where this package is
installed, with or without the `contract` extra) must not import schemathesis or Hypothesis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._checks import CHECKS, BrokenPromise, judge_answer, judge_stream, why
    from ._promises import GROUPS, PROMISES, Group, Promise, render_promises_markdown
    from ._report import REPORT_FORMAT, Report
    from ._runner import Options, UsageError, run
    from ._spec import spec_path

__all__ = [
    "CHECKS",
    "GROUPS",
    "PROMISES",
    "REPORT_FORMAT",
    "BrokenPromise",
    "Group",
    "Options",
    "Promise",
    "Report",
    "UsageError",
    "judge_answer",
    "judge_stream",
    "render_promises_markdown",
    "run",
    "spec_path",
    "why",
]

_HOMES = {
    "CHECKS": "_checks",
    "BrokenPromise": "_checks",
    "judge_answer": "_checks",
    "judge_stream": "_checks",
    "why": "_checks",
    "GROUPS": "_promises",
    "PROMISES": "_promises",
    "Group": "_promises",
    "Promise": "_promises",
    "render_promises_markdown": "_promises",
    "REPORT_FORMAT": "_report",
    "Report": "_report",
    "Options": "_runner",
    "UsageError": "_runner",
    "run": "_runner",
    "spec_path": "_spec",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
