"""Contract tests for OpenAI-compatible Chat Completions servers, as a tool anyone installs.

`chat-completions-contract --base-url URL` (or `python -m chat_completions_contract`) checks a server
against the named promises in `PROMISES` and reports each group as holds / broken / not supported;
`run(Options(...))` does the same from Python and returns a `Report`. Without a base URL it starts the
bundled mock (`chat_completions_mock`) and checks that. docs/contract.md documents the promises, the
options and the report format.
"""

from __future__ import annotations

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
