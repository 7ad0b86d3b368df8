"""The spec agrees with recorded real answers (openapi/evidence/): every recorded OpenAI answer is valid, each fix
is a named evidence step, and dropping one fails the pipeline with one line naming a recording and a field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import recordings
from problems import PipelineError


def test_the_committed_spec_accepts_every_recorded_openai_answer(spec: dict[str, Any]) -> None:
    assert recordings.problems(spec) == []


def test_every_stream_event_is_checked_not_only_the_first(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    chunk = broken["components"]["schemas"]["CreateChatCompletionStreamResponse"]
    chunk["properties"]["usage"] = {"type": "null"}  # only the last event of a stream with usage carries it
    found = recordings.problems(broken)
    assert any(" event " in line and ": usage: " in line for line in found), found


def test_the_answers_are_checked_against_the_schemas_create_answers_with_whatever_their_names(
    spec: dict[str, Any],
) -> None:
    """An upstream that renames the completion and chunk schemas still has every recording checked (as the evidence
    steps find them: through POST /chat/completions' 200 answer), not a failure to find a schema by its old name."""
    renamed = copy.deepcopy(spec)
    schemas = renamed["components"]["schemas"]
    for old, new in (("CreateChatCompletionResponse", "ChatCompletion"), ("CreateChatCompletionStreamResponse", "C")):
        schemas[new] = schemas.pop(old)
        text = json.dumps(renamed).replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
        renamed = json.loads(text)
        schemas = renamed["components"]["schemas"]
    assert recordings.problems(renamed) == []
    schemas["C"]["properties"]["usage"] = {"type": "null"}  # still checked: the chunk schema, renamed
    assert recordings.problems(renamed)


@pytest.mark.parametrize(
    ("dropped", "field"),
    [("system_fingerprint_nullable", "system_fingerprint"), ("choice_logprobs_optional", "logprobs")],
)
def test_dropping_an_evidence_step_fails_with_one_line_naming_a_recording_and_the_field(
    dropped: str, field: str, upstream: dict[str, Any], regen: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    normalise = regen.normalise.__globals__
    monkeypatch.setitem(normalise, "STEPS", [s for s in normalise["STEPS"] if s.__name__ != dropped])
    text = regen.build_spec(upstream)
    with pytest.raises(PipelineError) as caught:
        regen.check_evidence(text)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("evidence: the spec rejects a recorded OpenAI answer: ")
    assert ".yaml#" in message
    assert field in message
    assert "more recorded answers" in message


def test_each_evidence_step_cites_recordings(normalise_module: ModuleType) -> None:
    steps = {s.__name__: s for s in normalise_module.STEPS}
    assert normalise_module.EVIDENCE_STEPS
    for name in normalise_module.EVIDENCE_STEPS:
        first_line = (steps[name].__doc__ or "").splitlines()[0]
        assert "(evidence: " in first_line, name


def test_the_change_report_says_which_changes_come_from_recordings(
    upstream: dict[str, Any], regen: ModuleType, trim_module: ModuleType, normalise_module: ModuleType
) -> None:
    changes = regen.changes
    without = normalise_module.normalise(trim_module.trim(upstream), evidence=False)
    full = normalise_module.normalise(trim_module.trim(upstream))
    found = [*changes.compare(without, full), changes.Change(False, "Upstream.field", "new field")]
    marked = regen.evidence_changes(upstream, found)
    assert {c.where for c in marked if c.evidence} >= {
        "CreateChatCompletionResponse.system_fingerprint",
        "CreateChatCompletionResponse.choices[].logprobs",
    }
    assert [c.evidence for c in marked if c.where == "Upstream.field"] == [False]
    assert "(from recorded answers, not upstream)" in changes.as_markdown(marked)


def test_a_missing_generator_pin_says_so_and_keeps_the_editable_install(
    regen: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(regen, "pinned_tools", lambda: {"no-such-generator-xyz": "1.0"})
    with pytest.raises(SystemExit) as caught:
        regen.check_tools()
    assert caught.value.code == regen.EXIT_PROBLEM  # not 1, which --check means for drift
    message = capsys.readouterr().err.strip()
    assert message.count("\n") == 0
    assert message.startswith("regen: no-such-generator-xyz 1.0 is pinned but is not installed; ")
    assert "`pip install -e . --group dev`" in message


def test_the_cli_refuses_such_a_spec_with_one_line_and_exit_2(
    regen: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    normalise = regen.normalise.__globals__
    steps = [s for s in normalise["STEPS"] if s.__name__ != "system_fingerprint_nullable"]
    monkeypatch.setitem(normalise, "STEPS", steps)
    monkeypatch.setattr(regen, "check_tools", lambda: None)
    assert regen.main(["--check"]) == regen.EXIT_PROBLEM  # before any generation: nothing written
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("regen: evidence: the spec rejects a recorded OpenAI answer: ")
    assert "system_fingerprint" in err


def test_a_file_that_is_not_a_cassette_is_one_line_naming_it(tmp_path: Path, regen: ModuleType) -> None:
    (tmp_path / "someone").mkdir()
    (tmp_path / "someone" / "broken.yaml").write_text("interactions: [{request: {}}]\n")
    with pytest.raises(ValueError, match=r"someone/broken\.yaml is not a VCR\.py cassette"):
        recordings.problems({}, tmp_path)
