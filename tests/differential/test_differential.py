"""The same byte-scripted answers sent to the official `openai` SDK and to ours, sync and async.

Each case passes when both SDKs give the same result, or raise the same error (same class; for a status error the
same status, code, type and param), and the server saw the same requests from both; or when the case is a deliberate
difference listed in docs/differences.md, both SDKs do exactly what that table says, and they still differ. The table
and the cases marked `differs` must name the same cases, so neither can drift from the other.
"""

from __future__ import annotations

import pytest
from byte_server import ByteServer
from differential_cases import BY_NAME, CASES
from differential_support import MODES, Case, Outcome, differences, run, walk
from evidence_cases import EVIDENCE

EVIDENCE_NAMES = {c.name for c in EVIDENCE}

TABLE = differences()


def _compare(case: Case, mode: str, server: ByteServer) -> tuple[Outcome, Outcome]:
    theirs_script = server.script(*case.answers)
    theirs = run("openai", mode, case, theirs_script)
    ours_script = server.script(*case.answers)
    ours = run("ours", mode, case, ours_script)
    if case.check is not None:
        case.check(ours_script)
        if not case.differs:
            case.check(theirs_script)  # the oracle passes the request check too, or the check is wrong
    return theirs, ours


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_as_openai(case: Case, mode: str, byte_server: ByteServer) -> None:
    theirs, ours = _compare(case, mode, byte_server)
    if case.differs:
        openai_label, ours_label, reason = TABLE[case.name]
        assert (theirs.label, ours.label) == (openai_label, ours_label), (
            f"docs/differences.md says openai: {openai_label}, ours: {ours_label} ({reason}); "
            f"got openai: {theirs.error or 'result'}, ours: {ours.error or 'result'}"
        )
        assert ours.comparable() != theirs.comparable(), "listed as a difference, but both SDKs now agree"
        return
    assert ours.comparable() == theirs.comparable(), f"ours raised {ours.error}" if ours.error else "results differ"
    assert ours.requests == theirs.requests, "the two SDKs sent different requests"
    for path in case.extras:
        holder, name = walk(ours.objects, path)
        assert name in holder.additional_properties, f"{path} not kept in additional_properties of {holder!r}"


def test_differences_table_matches_the_cases() -> None:
    marked = {c.name for c in CASES if c.differs}
    scripted = {
        name for name in TABLE if name not in EVIDENCE_NAMES
    }  # recordings' rows: tests/differential/test_evidence.py
    assert scripted - set(BY_NAME) == set(), "the table lists cases that do not exist"
    assert scripted == marked, "cases marked `differs` and the rows of docs/differences.md must be the same"
    for name, (_, _, reason) in TABLE.items():
        assert reason, f"{name}: the table gives no reason"


def test_enough_cases_in_every_group() -> None:
    groups = {c.group for c in CASES}
    expected = {
        "well-formed",
        "pagination",
        "missing-required",
        "nulls",
        "azure",
        "unknown-variants",
        "unknown-fields",
        "redirects",
        "stream-end",
        "media-types",
        "deletes",
        "urls",
        "sse-framing",
        "encodings",
        "errors",
        "retries",
    }
    assert groups == expected
    assert len(CASES) >= 100
    for group in expected:
        assert sum(c.group == group for c in CASES) >= 3, group
