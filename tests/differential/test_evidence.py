"""Every recorded real answer (openapi/evidence/), from every server, replayed byte for byte to `openai` and to ours,
sync and async: the same result or error, and a model (attribute access) wherever `openai` gives one; or a row in
docs/differences.md saying how they differ. Strict mode reads every recorded OpenAI answer as the default does."""

from __future__ import annotations

import dataclasses

import pytest
from byte_server import ByteServer
from differential_support import MODES, Case, differences, run
from evidence_cases import EVIDENCE, OPENAI_ANSWERS, models_read_as_dicts

TABLE = differences()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", EVIDENCE, ids=[c.name for c in EVIDENCE])
def test_reads_the_recording_like_openai(case: Case, mode: str, byte_server: ByteServer) -> None:
    theirs = run("openai", mode, case, byte_server.script(*case.answers))
    ours = run("ours", mode, case, byte_server.script(*case.answers))
    if case.name in TABLE:
        openai_label, ours_label, reason = TABLE[case.name]
        assert (theirs.label, ours.label) == (openai_label, ours_label), f"docs/differences.md: {reason}"
        assert ours.comparable() != theirs.comparable(), "listed as a difference, but both SDKs now agree"
        return
    assert ours.comparable() == theirs.comparable(), f"{case.why}: ours {ours.error or 'read it differently'}"
    if theirs.error is None:
        assert models_read_as_dicts(theirs.objects, ours.objects) == [], f"{case.why}: a dict where openai has a model"


@pytest.mark.parametrize("case", OPENAI_ANSWERS, ids=[c.name for c in OPENAI_ANSWERS])
def test_strict_mode_reads_every_recorded_openai_answer(case: Case, byte_server: ByteServer) -> None:
    mode = "sync"  # strict reading is the models' from_dict, the same code in both modes (test_strict.py runs both)
    strict_case = dataclasses.replace(case, client={"strict_response_validation": True})
    strict = run("ours", mode, strict_case, byte_server.script(*case.answers))
    assert strict.error is None, f"{case.why}: strict mode raised {strict.error}"
    tolerant = run("ours", mode, case, byte_server.script(*case.answers))
    assert strict.comparable() == tolerant.comparable()


def test_the_corpus_has_what_the_reader_must_handle() -> None:
    bodies = [b"".join(c.answers[0].pieces) for c in EVIDENCE]
    assert any(
        b'"tool_calls": [{"function"' in b and b'"type"' not in b.split(b'"tool_calls"')[1][:200] for b in bodies
    )
    assert any(b"x_groq" in b for b in bodies)
    assert len(OPENAI_ANSWERS) >= 20


def test_models_read_as_dicts_catches_a_dict() -> None:
    import openai.types.chat as t

    call = t.ChatCompletionMessageFunctionToolCall.construct(id="c", type="function", function={"name": "f"})
    assert models_read_as_dicts(call, {"id": "c"}) == ["(the result)"]
