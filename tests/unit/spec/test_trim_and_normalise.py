"""The trimmed spec keeps the six chat-completions operations, exactly what they reach, and no upstream defect."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_spec_validator import validate

OPERATIONS = {
    ("/chat/completions", "post"): "createChatCompletion",
    ("/chat/completions", "get"): "listChatCompletions",
    ("/chat/completions/{completion_id}", "get"): "getChatCompletion",
    ("/chat/completions/{completion_id}", "post"): "updateChatCompletion",
    ("/chat/completions/{completion_id}", "delete"): "deleteChatCompletion",
    ("/chat/completions/{completion_id}/messages", "get"): "getChatCompletionMessages",
}
ERROR_CODES = {"400", "401", "403", "404", "409", "422", "429", "500"}


def mappings(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from mappings(value)
    elif isinstance(node, list):
        for value in node:
            yield from mappings(value)


def refs(node: Any) -> set[str]:
    return {m["$ref"] for m in mappings(node) if isinstance(m.get("$ref"), str)}


def test_committed_spec_is_valid_openapi_31(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_exactly_the_six_operations(spec: dict[str, Any]) -> None:
    found = {
        (path, method): op["operationId"]
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    assert found == OPERATIONS


def test_components_are_exactly_those_reached(spec: dict[str, Any], trim_module: Any) -> None:
    reached = trim_module.reachable_components(spec, spec["paths"])
    for kind, items in spec["components"].items():
        if kind == "securitySchemes":
            continue
        assert set(items) == reached.get(kind, set()), f"unreached or missing {kind}"
    for ref in refs(spec):
        kind, name = trim_module.split_ref(ref)
        assert name in spec["components"][kind], f"dangling {ref}"
    assert len(spec["components"]["schemas"]) < 150


def test_no_30_style_nullable_remains(spec: dict[str, Any]) -> None:
    assert not [m for m in mappings(spec) if "nullable" in m]


def test_nullable_became_a_real_null_type(spec: dict[str, Any]) -> None:
    props = spec["components"]["schemas"]["CreateChatCompletionRequest"]["properties"]
    for name in ("max_completion_tokens", "top_logprobs", "n", "stream", "seed"):
        assert {"type": "null"} in props[name]["anyOf"], name
    chunk = spec["components"]["schemas"]["CreateChatCompletionStreamResponse"]
    finish = chunk["properties"]["choices"]["items"]["properties"]["finish_reason"]
    assert {"type": "null"} in finish["anyOf"]


def test_top_logprobs_conflict_resolved_by_flattening(spec: dict[str, Any]) -> None:
    request = spec["components"]["schemas"]["CreateChatCompletionRequest"]
    assert "allOf" not in request
    assert not [m for m in mappings(spec) if "allOf" in m]
    top = request["properties"]["top_logprobs"]
    assert top["anyOf"][0] == {"type": "integer", "minimum": 0, "maximum": 20}
    assert set(request["required"]) == {"model", "messages"}
    # properties that only the allOf's other members held survive the flattening
    assert {"temperature", "top_p", "metadata", "prompt_cache_options", "user"} <= set(request["properties"])


def test_no_titles_no_vendor_extensions(spec: dict[str, Any]) -> None:
    for node in mappings(spec["components"]["schemas"]):
        assert not isinstance(node.get("title"), str), node  # a dict would be a property named `title`
        assert not [k for k in node if k.startswith("x-")], node


def test_single_value_enums_are_consts(spec: dict[str, Any]) -> None:
    tags = [
        m["properties"][key]
        for m in mappings(spec)
        if isinstance(m.get("properties"), dict)
        for key in ("role", "type", "object")
        if isinstance(m["properties"].get(key), dict) and "$ref" not in m["properties"][key]
    ]
    assert not [t for t in tags if isinstance(t.get("enum"), list) and len(t["enum"]) == 1]
    assert sum(1 for t in tags if "const" in t) >= 30
    user = spec["components"]["schemas"]["ChatCompletionRequestUserMessage"]["properties"]["role"]
    assert user == {"type": "string", "const": "user", "default": "user"}


def test_no_request_side_defaults_except_required_consts(spec: dict[str, Any]) -> None:
    for node in mappings(spec):
        if "default" in node:
            assert node.get("const") == node["default"], node


def test_every_discriminator_has_a_complete_mapping(spec: dict[str, Any], normalise_module: Any) -> None:
    discriminated = [m for m in mappings(spec) if "discriminator" in m]
    assert len(discriminated) == 6
    for node in discriminated:
        mapping = node["discriminator"]["mapping"]
        variants = {v["$ref"] for v in node.get("oneOf", node.get("anyOf", []))}
        assert set(mapping.values()) == variants
        for tag, ref in mapping.items():
            target = normalise_module.resolve(spec, {"$ref": ref})
            assert target["properties"][node["discriminator"]["propertyName"]]["const"] == tag


def test_stream_is_described_as_sse_events_carrying_chunks(spec: dict[str, Any], normalise_module: Any) -> None:
    content = spec["paths"]["/chat/completions"]["post"]["responses"]["200"]["content"]
    event = normalise_module.resolve(spec, content["text/event-stream"]["schema"])
    data = event["properties"]["data"]
    assert event["required"] == ["data"]
    assert data["type"] == "string"
    assert data["contentMediaType"] == normalise_module.CHUNK_MEDIA_TYPE
    assert data["contentSchema"] == {"$ref": "#/components/schemas/CreateChatCompletionStreamResponse"}


def test_links_from_create_id_to_the_four_follow_ups(spec: dict[str, Any]) -> None:
    links = spec["paths"]["/chat/completions"]["post"]["responses"]["200"]["links"]
    assert {link["operationId"] for link in links.values()} == {
        "getChatCompletion",
        "updateChatCompletion",
        "deleteChatCompletion",
        "getChatCompletionMessages",
    }
    assert all(link["parameters"] == {"completion_id": "$response.body#/id"} for link in links.values())


def test_bearer_auth_and_org_project_headers(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["ApiKeyAuth"]["scheme"] == "bearer"
    assert spec["security"] == [{"ApiKeyAuth": []}]
    headers = {p["name"] for p in spec["components"]["parameters"].values() if p["in"] == "header"}
    assert headers == {"OpenAI-Organization", "OpenAI-Project"}
    for (path, method), _ in OPERATIONS.items():
        params = spec["paths"][path][method]["parameters"]
        assert {"$ref": "#/components/parameters/OpenAIProject"} in params


def test_error_responses_documented_with_the_error_schema(spec: dict[str, Any], normalise_module: Any) -> None:
    for path, method in OPERATIONS:
        responses = spec["paths"][path][method]["responses"]
        assert set(responses) >= ERROR_CODES
        for code in ERROR_CODES:
            response = normalise_module.resolve(spec, responses[code])
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorResponse"}
            assert "x-request-id" in response["headers"]
    error = spec["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"message", "type", "param", "code"}


def test_metadata_filter_is_a_deep_object(spec: dict[str, Any]) -> None:
    (param,) = [p for p in spec["paths"]["/chat/completions"]["get"]["parameters"] if p.get("name") == "metadata"]
    assert param["style"] == "deepObject"
    assert param["explode"] is True


def test_int64_bounds_are_exact(spec: dict[str, Any]) -> None:
    seed = spec["components"]["schemas"]["CreateChatCompletionRequest"]["properties"]["seed"]["anyOf"][0]
    assert (seed["minimum"], seed["maximum"]) == (-(2**63), 2**63 - 1)


def test_each_step_is_a_named_function_with_a_one_line_defect(normalise_module: Any) -> None:
    names = [func.__name__ for func in normalise_module.STEPS]
    assert len(names) == len(set(names)) >= 12
    for func in normalise_module.STEPS:
        doc = (func.__doc__ or "").strip()
        assert doc, f"{func.__name__} needs a docstring naming the defect it fixes"
        assert "\n" not in doc, f"{func.__name__}: the defect fits on one line"


# --- stages that need OpenAI's full spec ------------------------------------------------------


def test_upstream_has_the_defects_the_steps_fix(upstream: dict[str, Any], trim_module: Any) -> None:
    """Guards the premise: if upstream fixes a defect, the step that fixes it can go."""
    trimmed = trim_module.trim(upstream)
    nodes = list(mappings(trimmed))
    assert sum(1 for m in nodes if m.get("nullable") is True) == 21
    assert sum(1 for m in nodes if "discriminator" in m and "mapping" not in m["discriminator"]) == 6
    assert any(m.get("x-stainless-const") for m in nodes)
    titles = [m["title"] for m in trimmed["components"]["schemas"].values() if isinstance(m.get("title"), str)]
    assert len(titles) != len(set(titles)), "top-level titles no longer collide"


def test_trim_keeps_only_chat_paths_and_what_they_reach(upstream: dict[str, Any], trim_module: Any) -> None:
    trimmed = trim_module.trim(upstream)
    assert list(trimmed["paths"]) == list(trim_module.CHAT_PATHS)
    reached = trim_module.reachable_components(trimmed, trimmed["paths"])
    assert set(trimmed["components"]["schemas"]) == reached["schemas"]
    assert len(trimmed["components"]["schemas"]) < 150
    assert "ApiKeyAuth" in trimmed["components"]["securitySchemes"]


def test_pipeline_is_deterministic_and_does_not_touch_its_input(
    upstream: dict[str, Any], trim_module: Any, normalise_module: Any
) -> None:
    before = json.dumps(upstream["paths"]["/chat/completions"], sort_keys=True)
    first = normalise_module.normalise(trim_module.trim(upstream))
    second = normalise_module.normalise(trim_module.trim(copy.deepcopy(upstream)))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert json.dumps(upstream["paths"]["/chat/completions"], sort_keys=True) == before


def test_no_upstream_prose_is_copied(upstream: dict[str, Any], spec: dict[str, Any]) -> None:
    upstream_prose = {
        m[key].strip()
        for m in mappings(upstream)
        for key in ("description", "summary")
        if isinstance(m.get(key), str) and len(m[key].strip()) > 25
    }
    ours = [m[key] for m in mappings(spec) for key in ("description", "summary") if isinstance(m.get(key), str)]
    assert ours, "the spec should carry our own short descriptions"
    copied = [text for text in ours if text.strip() in upstream_prose]
    assert not copied


@pytest.mark.parametrize("defect", ["nullable", "x-stainless-const", "x-oaiMeta"])
def test_normalise_removes_each_marker(
    upstream: dict[str, Any], trim_module: Any, normalise_module: Any, defect: str
) -> None:
    result = normalise_module.normalise(trim_module.trim(upstream))
    assert not [m for m in mappings(result) if defect in m]


def test_docs_list_every_step_with_its_docstring(normalise_module: Any) -> None:
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[3] / "docs" / "spec-pipeline.md").read_text()
    for func in normalise_module.STEPS:
        doc = (func.__doc__ or "").strip().replace("|", "&#124;")
        assert f"| `{func.__name__}` | {doc} |" in docs, f"docs/spec-pipeline.md's step table lacks {func.__name__}"


def test_stream_chunks_may_carry_custom_tool_calls(spec: dict[str, Any]) -> None:
    delta = spec["components"]["schemas"]["ChatCompletionMessageToolCallChunk"]["properties"]
    assert delta["type"]["enum"] == ["function", "custom"]
    assert set(delta["custom"]["properties"]) == {"name", "input"}


def test_listed_messages_may_have_any_role(spec: dict[str, Any], normalise_module: Any) -> None:
    item = spec["components"]["schemas"]["ChatCompletionMessageList"]["properties"]["data"]["items"]
    assert item["properties"]["role"]["enum"] == normalise_module.MESSAGE_ROLES


def test_upstream_retry_after_is_kept_and_retry_after_ms_added(spec: dict[str, Any]) -> None:
    headers = spec["components"]["responses"]["TooManyRequests"]["headers"]
    assert headers["Retry-After"]["schema"] == {"type": "integer", "minimum": 1}
    assert headers["retry-after-ms"]["schema"]["type"] == "number"


def test_flatten_allof_refuses_siblings_it_would_overwrite(normalise_module: Any) -> None:
    spec = {"components": {"schemas": {"A": {"allOf": [{"type": "object"}], "properties": {"x": {}}}}}, "paths": {}}
    with pytest.raises(normalise_module.Expected, match=r"found allOf with \['properties'\]"):
        normalise_module.flatten_allof(spec)
