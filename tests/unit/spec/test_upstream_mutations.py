"""The pipeline survives upstream change: synthetic mutations of the vendored upstream each end in a
regenerated client or a clean one-line refusal naming the step and what it expected, never a traceback.

The upstream is parsed once per session (conftest); each test mutates a deep copy and runs trim and
normalise in-process. Only a few tests run the (slow, ~2 s) generator.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Doc = dict[str, Any]
CHAT = "/chat/completions"


def nodes(node: Any) -> Iterator[dict[str, Any]]:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def rename_schema(doc: Doc, old: str, new: str) -> None:
    """Rename a component schema and every `$ref` to it, as an upstream refactoring would."""
    schemas = doc["components"]["schemas"]
    schemas[new] = schemas.pop(old)
    for node in nodes(doc):
        if node.get("$ref") == f"#/components/schemas/{old}":
            node["$ref"] = f"#/components/schemas/{new}"


@pytest.fixture
def doc(upstream: Doc) -> Doc:
    """A deep copy of the vendored upstream, to mutate."""
    return copy.deepcopy(upstream)


@pytest.fixture(scope="session")
def baseline(upstream: Doc, pipeline: Any) -> Doc:
    spec, notes = pipeline(copy.deepcopy(upstream))
    assert notes == [], "every step has its defect to fix in the vendored upstream"
    return spec  # type: ignore[no-any-return]


def refusal(pipeline: Any, document: Doc, problem_type: type[Exception]) -> str:
    with pytest.raises(problem_type) as caught:
        pipeline(document)
    line = str(caught.value)
    assert "\n" not in line
    assert "Traceback" not in line
    return line


# --- refusals: something a step relies on is missing or renamed --------------------------------


def _rename_chunk_delta(d: Doc) -> None:
    rename_schema(d, "ChatCompletionMessageToolCallChunk", "ChatCompletionToolCallDelta")


def _rename_message_list(d: Doc) -> None:
    rename_schema(d, "ChatCompletionMessageList", "ChatCompletionMessages")


def _rename_error_response(d: Doc) -> None:
    rename_schema(d, "ErrorResponse", "ErrorEnvelope")


def _error_response_without_error(d: Doc) -> None:
    d["components"]["schemas"]["ErrorResponse"]["properties"] = {"detail": {"type": "string"}}


def _remove_referenced_schema(d: Doc) -> None:
    del d["components"]["schemas"]["ServiceTier"]


def _remove_a_chat_path(d: Doc) -> None:
    del d["paths"]["/chat/completions/{completion_id}/messages"]


def _rename_operation(d: Doc) -> None:
    d["paths"][CHAT]["get"]["operationId"] = "listChatCompletionsV2"


def _drop_metadata_filter(d: Doc) -> None:
    params = d["paths"][CHAT]["get"]["parameters"]
    d["paths"][CHAT]["get"]["parameters"] = [p for p in params if p.get("name") != "metadata"]


def _api_key_header_auth(d: Doc) -> None:
    d["components"]["securitySchemes"] = {"ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "api-key"}}


def _allof_with_siblings(d: Doc) -> None:
    d["components"]["schemas"]["CreateChatCompletionRequest"]["properties"] = {"extra": {"type": "string"}}


def _stainless_const_with_two_values(d: Doc) -> None:
    prop = d["components"]["schemas"]["ChatCompletionMessageList"]["properties"]["object"]
    prop["enum"] = ["list", "page"]


def _stream_schema_inline(d: Doc) -> None:
    content = d["paths"][CHAT]["post"]["responses"]["200"]["content"]
    content["text/event-stream"]["schema"] = {"anyOf": [content["text/event-stream"]["schema"], {"type": "null"}]}


def _no_stream_response(d: Doc) -> None:
    content = d["paths"][CHAT]["post"]["responses"]["200"]["content"]
    content["application/x-ndjson"] = content.pop("text/event-stream")


REFUSALS: list[tuple[Callable[[Doc], None], str, str]] = [
    (_rename_chunk_delta, "stream_custom_tool_calls", "components.schemas.ChatCompletionMessageToolCallChunk"),
    (_rename_message_list, "listed_messages_keep_their_roles", "components.schemas.ChatCompletionMessageList"),
    (_rename_error_response, "add_error_responses", "components.schemas.ErrorResponse"),
    (_error_response_without_error, "add_error_responses", "`error` property"),
    (_remove_referenced_schema, "trim", "components.schemas.ServiceTier"),
    (_remove_a_chat_path, "trim", "/chat/completions/{completion_id}/messages"),
    (_rename_operation, "describe_in_our_words", "'listChatCompletions'"),
    (_drop_metadata_filter, "metadata_filter_as_deep_object", "`metadata` query parameter"),
    (_api_key_header_auth, "declare_bearer_auth", "bearer"),
    (_allof_with_siblings, "flatten_allof", "allOf"),
    (_stainless_const_with_two_values, "const_single_value_enums", "one-value enum"),
    (_stream_schema_inline, "stream_as_sse_events", "$ref to the chunk schema"),
    (_no_stream_response, "stream_as_sse_events", "text/event-stream"),
]


@pytest.mark.parametrize(("mutate", "where", "expected"), REFUSALS, ids=[m.__name__[1:] for m, _, _ in REFUSALS])
def test_a_missing_premise_is_a_one_line_refusal_naming_the_step(
    doc: Doc, pipeline: Any, mutate: Callable[[Doc], None], where: str, expected: str
) -> None:
    problems = importlib.import_module("problems")
    mutate(doc)
    line = refusal(pipeline, doc, problems.PipelineError)
    assert line.startswith(f"{where}: expected"), line
    assert expected in line, line


def test_regen_prints_the_refusal_as_one_line_and_exits_2(
    doc: Doc, regen: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any, tmp_path: Path
) -> None:
    _rename_error_response(doc)
    spec_before = regen.SPEC.read_bytes()
    monkeypatch.setattr(regen, "load_upstream", lambda args: regen.Upstream(doc, "a mutated upstream"))
    assert regen.main([]) == regen.EXIT_PROBLEM
    out, err = capsys.readouterr()
    assert err == "regen: add_error_responses: expected components.schemas.ErrorResponse\n"
    assert "Traceback" not in out + err
    assert regen.SPEC.read_bytes() == spec_before, "nothing is written after a refusal"


def test_a_step_that_fails_in_an_unforeseen_way_still_names_itself(normalise_module: Any, pipeline: Any) -> None:
    problems = importlib.import_module("problems")

    def broken(spec: Doc) -> None:
        """A step whose premise nobody wrote down."""
        spec["components"]["schemas"]["NoSuchSchema"]["properties"]

    normalise_module.STEPS.insert(0, broken)
    try:
        with pytest.raises(
            problems.PipelineError, match=r"^broken: unexpected spec shape \(KeyError: 'NoSuchSchema'\)$"
        ):
            normalise_module.normalise({"paths": {}, "components": {"schemas": {}}})
    finally:
        normalise_module.STEPS.remove(broken)


@pytest.mark.parametrize(
    "document",
    [None, [], "text", {"swagger": "2.0", "paths": {}}, {"openapi": "3.1.0", "info": {}}],
    ids=["null", "list", "string", "swagger-2", "no-paths"],
)
def test_documents_that_are_not_openapi_3_are_refused(pipeline: Any, document: Any) -> None:
    problems = importlib.import_module("problems")
    line = refusal(pipeline, document, problems.PipelineError)
    assert line.startswith("trim: expected"), line


# --- the defect is gone upstream: the step does nothing and says so ------------------------------


FIXED_IN_THE_COMMITTED_SPEC = [
    "drop_vendor_extensions",
    "drop_titles",
    "fix_int64_bounds",
    "nullable_to_null_type",
    "flatten_allof",
    "collapse_open_enums",
    "const_single_value_enums",
    "listed_messages_keep_their_roles",
    "listed_messages_carry_their_name",
    "add_discriminator_mappings",
    "stream_custom_tool_calls",
    "add_links",
    "metadata_filter_as_deep_object",
    "add_org_project_headers",
]


@pytest.mark.parametrize("name", FIXED_IN_THE_COMMITTED_SPEC)
def test_a_step_whose_defect_is_gone_changes_nothing_and_says_so(spec: Doc, normalise_module: Any, name: str) -> None:
    """The committed spec has every defect fixed: fed to a step again, the step must find nothing to do."""
    func = {f.__name__: f for f in normalise_module.STEPS}[name]
    fixed = copy.deepcopy(spec)
    note = func(fixed)
    assert isinstance(note, str), f"{name} did not say it found nothing to do"
    assert "\n" not in note
    assert "nothing" in note, note
    assert fixed == spec


def test_upstream_fixing_defects_yields_notes_and_the_same_client(
    upstream: Doc, pipeline: Any, baseline: Doc, trim_module: Any
) -> None:
    """Upstream fixes the metadata filter and adds discriminator mappings itself: same result, two notes."""
    doc = trim_module.trim(upstream)  # a trimmed spec is a valid (small) upstream, and a fresh copy
    for param in doc["paths"][CHAT]["get"]["parameters"]:
        if param.get("name") == "metadata":
            filter_schema = {"type": "object", "additionalProperties": {"type": "string"}}
            param.update(style="deepObject", explode=True, schema=filter_schema)
    schemas = doc["components"]["schemas"]
    for node in list(nodes(doc)):
        disc = node.get("discriminator")
        if isinstance(disc, dict) and "mapping" not in disc and isinstance(disc.get("propertyName"), str):
            disc["mapping"] = {
                schemas[v["$ref"].rsplit("/", 1)[1]]["properties"][disc["propertyName"]]["enum"][0]: v["$ref"]
                for v in node.get("oneOf") or node.get("anyOf")
            }
    spec, notes = pipeline(doc)
    assert notes == [
        "add_discriminator_mappings: every discriminator has a mapping upstream: nothing to add",
        "metadata_filter_as_deep_object: the metadata filter is a deepObject upstream: nothing to fix",
    ]
    assert spec == baseline


def test_no_nullable_left_upstream_is_a_note(doc: Doc, pipeline: Any) -> None:
    for node in nodes(doc):
        node.pop("nullable", None)
    _, notes = pipeline(doc)
    assert notes == ["nullable_to_null_type: no 3.0-style `nullable: true` left upstream: nothing to fix"]


# --- changes the pipeline absorbs ----------------------------------------------------------------


def test_new_unrelated_paths_and_schemas_change_nothing(doc: Doc, pipeline: Any, baseline: Doc) -> None:
    doc["paths"]["/widgets"] = {"get": {"operationId": "listWidgets", "responses": {"200": {"$ref": "#/x"}}}}
    doc["components"]["schemas"]["Widget"] = {"type": "object", "title": "Widget", "nullable": True}
    assert pipeline(doc)[0] == baseline


def test_a_new_title_collision_changes_nothing(doc: Doc, pipeline: Any, baseline: Doc) -> None:
    schemas = doc["components"]["schemas"]
    for name in ("CreateChatCompletionResponse", "CreateChatCompletionStreamResponse", "ChatCompletionTool"):
        schemas[name]["title"] = "Chat completion"
    assert pipeline(doc)[0] == baseline


def test_a_new_nullable_becomes_a_null_branch_and_is_reported(
    doc: Doc, pipeline: Any, baseline: Doc, regen: Any, tmp_path: Path
) -> None:
    changes = importlib.import_module("changes")
    doc["components"]["schemas"]["CreateChatCompletionResponse"]["properties"]["model"]["nullable"] = True
    spec, _ = pipeline(doc)
    model = spec["components"]["schemas"]["CreateChatCompletionResponse"]["properties"]["model"]
    assert model == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    found = [(c.kind, c.where, c.what) for c in changes.compare(baseline, spec)]
    assert found == [("breaking", "CreateChatCompletionResponse.model", "may now be null")]
    generated = generate(regen, spec, tmp_path)
    source = (generated / "models" / "create_chat_completion_response.py").read_text()
    assert "model: None | str" in source


def test_the_error_schema_gaining_a_field_regenerates(
    doc: Doc, pipeline: Any, baseline: Doc, regen: Any, tmp_path: Path
) -> None:
    changes = importlib.import_module("changes")
    doc["components"]["schemas"]["Error"]["properties"]["request_id"] = {"type": "string"}
    spec, _ = pipeline(doc)
    found = [(c.kind, c.where, c.what) for c in changes.compare(baseline, spec)]
    assert found == [("additive", "Error.request_id", "new response field")]
    generated = generate(regen, spec, tmp_path)
    assert "request_id" in (generated / "models" / "error.py").read_text()


def test_a_renamed_response_model_regenerates_and_is_reported(
    doc: Doc, pipeline: Any, baseline: Doc, regen: Any, tmp_path: Path
) -> None:
    changes = importlib.import_module("changes")
    rename_schema(doc, "CreateChatCompletionResponse", "ChatCompletion")
    spec, _ = pipeline(doc)
    found = {(c.kind, c.where, c.what) for c in changes.compare(baseline, spec)}
    assert ("breaking", "CreateChatCompletionResponse", "model removed (code importing it breaks)") in found
    assert ("additive", "ChatCompletion", "new model") in found
    assert any(c[0] == "breaking" and c[2] == "type CreateChatCompletionResponse -> ChatCompletion" for c in found)
    generated = generate(regen, spec, tmp_path)
    assert (generated / "models" / "chat_completion.py").is_file()
    assert not (generated / "models" / "create_chat_completion_response.py").exists()


def test_error_schema_not_reached_from_chat_paths_is_still_kept(doc: Doc, pipeline: Any, baseline: Doc) -> None:
    """OpenAI's spec one week before the vendored one: no 429 on the chat paths, so nothing there reached
    ErrorResponse, and the pipeline died with `KeyError: 'ErrorResponse'`. Now it regenerates."""
    for path in (
        "/chat/completions",
        "/chat/completions/{completion_id}",
        "/chat/completions/{completion_id}/messages",
    ):
        for op in doc["paths"][path].values():
            if isinstance(op, dict):
                op.get("responses", {}).pop("429", None)
    spec, notes = pipeline(doc)
    assert notes == []
    assert spec["components"]["schemas"]["ErrorResponse"] == baseline["components"]["schemas"]["ErrorResponse"]
    retry = spec["components"]["responses"]["TooManyRequests"]["headers"]
    assert "Retry-After" not in retry
    assert "retry-after-ms" in retry


def test_a_new_query_parameter_gets_a_plain_description(doc: Doc, pipeline: Any) -> None:
    doc["paths"][CHAT]["get"]["parameters"].append(
        {"name": "status", "in": "query", "required": False, "schema": {"type": "string"}, "description": "x"}
    )
    spec, _ = pipeline(doc)
    (param,) = [p for p in spec["paths"][CHAT]["get"]["parameters"] if p.get("name") == "status"]
    assert param["description"] == "The `status` parameter."


def generate(regen: Any, spec: Doc, tmp_path: Path) -> Path:
    """Run the pinned generator on `spec` (about 2 s); the regenerated package's directory."""
    import yaml

    spec_file = tmp_path / "chat-completions.yaml"
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False))
    dest = tmp_path / "chat_completions_api"
    regen.generate(spec_file, dest)
    assert (dest / "api" / "chat" / "create_chat_completion.py").is_file()
    return dest


def test_two_fields_on_one_attribute_name_are_refused_in_one_line(
    doc: Doc, pipeline: Any, regen: Any, tmp_path: Path
) -> None:
    """A model keeps the API's names as attributes (`type`), with the generator's (`type_`) as a deprecated alias: a
    schema with a field of either name besides `type` cannot have both, and regeneration says which."""
    problems = importlib.import_module("problems")
    doc["components"]["schemas"]["Error"]["properties"]["type_"] = {"type": "string"}
    spec, _ = pipeline(doc)
    with pytest.raises(problems.PipelineError) as caught:
        generate(regen, spec, tmp_path)
    assert str(caught.value).count("\n") == 0
    assert "/components/schemas/Error" in str(caught.value)
    assert "`type` and `type_`" in str(caught.value)
