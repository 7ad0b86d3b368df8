"""The promises as data: enough of them, each well formed, the docs generated from them, facts stated once."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from chat_completions_contract import CHECKS, GROUPS, PROMISES, render_promises_markdown, why
from chat_completions_contract._fuzz import CASE_CHECKS, STATEFUL_CHECKS
from chat_completions_mock import facts

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "contract.md"
START, END = "<!-- promises:start -->\n", "<!-- promises:end -->"


def test_at_least_forty_named_promises_in_every_group() -> None:
    ids = [p.id for p in PROMISES]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)
    assert {p.group for p in PROMISES} == {g.slug for g in GROUPS}
    for promise in PROMISES:
        assert re.fullmatch(r"[a-z0-9_]+", promise.id)
        assert promise.statement
        assert "\n" not in promise.statement
        assert promise.source.startswith(("https://", "openapi/chat-completions.yaml#/"))
        assert promise.by in ("suite", "schemathesis")


def test_every_check_is_a_promise_and_every_builtin_is_run() -> None:
    suite = {p.id for p in PROMISES if p.by == "suite"}
    assert suite == set(CHECKS)
    builtins = {p.id for p in PROMISES if p.by == "schemathesis"}
    assert builtins == set(CASE_CHECKS) | set(STATEFUL_CHECKS) | {"ignored_auth"}


def test_every_check_says_why_in_one_line() -> None:
    for name, func in CHECKS.items():
        assert why(name).endswith("."), name
        assert func.__name__ == name


def test_the_spec_paths_in_sources_exist() -> None:
    from chat_completions_contract._spec import spec

    for promise in PROMISES:
        if not promise.source.startswith("openapi/"):
            continue
        node = spec()
        for part in promise.source.split("#/", 1)[1].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            assert key in node, f"{promise.id}: {promise.source} has no {key!r}"
            node = node[key]


def test_docs_list_the_promises_as_the_code_renders_them() -> None:
    text = DOC.read_text()
    block = text.split(START, 1)[1].split(END, 1)[0]
    assert block == render_promises_markdown(), (
        "docs/contract.md is stale: replace the block between the promises markers with "
        "chat_completions_contract.render_promises_markdown()"
    )


def test_shared_facts_are_stated_once() -> None:
    """The mock and the contract both import chat_completions_mock.facts; the spec pipeline (which imports
    neither) names the same chunk media type."""
    normalise = (ROOT / "openapi" / "normalise.py").read_text()
    assert f'CHUNK_MEDIA_TYPE = "{facts.CHUNK_MEDIA_TYPE}"' in normalise
    for module in ("_shaping", "_fuzz", "_probes"):
        source = inspect.getsource(importlib.import_module(f"chat_completions_contract.{module}"))
        assert "from chat_completions_mock.facts import" in source
    rules = (ROOT / "mock" / "chat_completions_mock" / "_rules.py").read_text()
    assert "from .facts import" in rules
    assert "200_019" not in rules
    assert '{1,64}")' not in rules
    assert facts.mentions_json([{"role": "user", "content": [{"type": "text", "text": "Reply in JSON"}]}])
    assert not facts.mentions_json([{"role": "user", "content": "Reply in YAML"}])


def test_the_package_never_imports_the_sdk() -> None:
    package = ROOT / "contract" / "chat_completions_contract"
    for path in package.glob("*.py"):
        assert not re.search(r"^\s*(from|import) chat_completions(_api)?\b(?!_)", path.read_text(), re.M), path


def test_neither_the_sdk_nor_the_mock_imports_the_contract_package() -> None:
    for folder in ("wrapper/chat_completions", "mock/chat_completions_mock", "generated/chat_completions_api"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not re.search(r"^\s*(from|import) chat_completions_contract\b", path.read_text(), re.M), path


def test_n_promises_do_not_judge_answers_to_an_invalid_n() -> None:
    """A server that accepts `n: -3` breaks `invalid_request_names_param`, not `choices_match_n` as well."""
    from chat_completions_contract._checks import choices_match_n, stream_choices_match_n, token_limit_is_respected

    assert choices_match_n({"n": -3}, {"choices": []}) is False
    assert choices_match_n({"n": 129}, {"choices": []}) is False
    assert stream_choices_match_n({"n": 0}, [{"choices": [{"index": 0}]}]) is False
    assert token_limit_is_respected({"n": -1, "max_tokens": 1}, {"usage": {"completion_tokens": 9}}) is False
    assert choices_match_n({"n": 2}, {"choices": [{"index": 0}, {"index": 1}]}) is True


def test_streamed_custom_tool_calls_are_not_judged_as_functions() -> None:
    from chat_completions_contract._checks import BrokenPromise, stream_tool_arguments_are_json

    tools = [
        {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}},
        {"type": "custom", "custom": {"name": "sql"}},
    ]
    custom = {"index": 0, "id": "call_1", "type": "custom", "custom": {"name": "sql", "input": ""}}
    chunks = [{"choices": [{"index": 0, "delta": {"tool_calls": [custom]}}]}]
    assert stream_tool_arguments_are_json({"tools": tools}, chunks) is True
    wrong = {"index": 1, "id": "call_2", "type": "function", "function": {"name": "g", "arguments": "{}"}}
    chunks.append({"choices": [{"index": 0, "delta": {"tool_calls": [wrong]}}]})
    with pytest.raises(BrokenPromise, match='call to "g"'):
        stream_tool_arguments_are_json({"tools": tools}, chunks)


def test_evidence_says_which_key_was_sent_but_never_the_key() -> None:
    from chat_completions_contract._target import Target

    key = "sk-FAKE-evidence-key-777"
    target = Target("http://127.0.0.1:1/v1", key, "gpt-4o-mini")
    ours = target.evidence("POST", "/chat/completions", headers={"Authorization": f"Bearer {key}"}, body={"k": key})
    other = target.evidence("POST", "/chat/completions", headers={"authorization": "Bearer sk-wrong"}, status=401)
    assert ours.request["headers"] == {"Authorization": "[redacted: the run's key]"}
    assert ours.request["body"] == {"k": "[redacted]"}
    assert other.request["headers"] == {"authorization": "[redacted: another value]"}
    assert key not in repr(target)
    assert key not in ours.line()


def test_fields_of_odd_types_give_no_verdict_rather_than_a_traceback() -> None:
    """A recorded request or an answer with a field of another type (`json_schema: 5`, `finish_reason: []`): the
    checks that cannot read it judge nothing; the others still judge (a cassette from anywhere is input)."""
    from chat_completions_contract._checks import judge_answer, judge_stream

    request = {"model": "m", "messages": [], "response_format": {"type": "json_schema", "json_schema": 5}, "tools": 7}
    answer = {
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"content": "{", "tool_calls": [{"function": 3}]}, "finish_reason": []}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 9},
    }
    outcomes = dict(
        judge_answer("createChatCompletion", request, 200, {"content-type": "application/json"}, _j(answer))
    )
    assert "json_schema_is_followed" not in outcomes
    assert "finish_reason_is_known" not in outcomes
    assert outcomes["usage_adds_up"] is not None  # judged, and broken: 1 + 1 is not 9
    odd = {**request, "n": [], "stream_options": 5, "tool_choice": 3}
    choice = {"index": 0, "delta": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": [choice]}
    streamed = judge_stream(odd, {"content-type": "text/event-stream"}, f"data: {_j(chunk)}\n\ndata: [DONE]\n\n")
    assert dict(streamed)["stream_is_well_framed"] is None
    assert dict(streamed)["stream_has_one_id"] is None


def _j(value: object) -> str:
    import json

    return json.dumps(value)
