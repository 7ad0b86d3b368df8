"""`strict_response_validation=True` on the differential corpus: it raises on every answer outside the spec
that the tolerant default reads, and changes nothing else (same result, or the same error, as the default)."""

from __future__ import annotations

import dataclasses

import pytest
from byte_server import ByteServer
from differential_cases import CASES
from differential_support import MODES, Case, run

STRICT_ERRORS = {"APIResponseValidationError", "APIConnectionError"}  # the body, or a stream that never finished


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_strict_mode(case: Case, mode: str, byte_server: ByteServer) -> None:
    tolerant = run("ours", mode, case, byte_server.script(*case.answers))
    strict_case = dataclasses.replace(case, client={**case.client, "strict_response_validation": True})
    strict = run("ours", mode, strict_case, byte_server.script(*case.answers))
    if case.off_spec:
        assert tolerant.error is None, f"the tolerant default should read this answer: {tolerant.error}"
        assert strict.label in STRICT_ERRORS, f"strict mode read an answer outside the spec: {strict.label}"
    else:
        assert strict.comparable() == tolerant.comparable(), f"strict: {strict.error}, tolerant: {tolerant.error}"
