"""openapi/changes.py: each kind of API change is found, named (model.field) and classed by direction."""

from __future__ import annotations

import copy
import importlib
from typing import Any

import pytest

changes = importlib.import_module("changes")


def base() -> dict[str, Any]:
    """A tiny spec: one operation with a query parameter, a request model and a response model."""
    return {
        "openapi": "3.1.0",
        "paths": {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                        {"$ref": "#/components/parameters/Project"},
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingRequest"}}},
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "headers": {"x-request-id": {"schema": {"type": "string"}}},
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                        },
                        "429": {"$ref": "#/components/responses/TooMany"},
                    },
                }
            }
        },
        "components": {
            "parameters": {"Project": {"name": "OpenAI-Project", "in": "header", "schema": {"type": "string"}}},
            "responses": {"TooMany": {"description": "slow down", "headers": {"Retry-After": {"schema": {}}}}},
            "schemas": {
                "ThingRequest": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "maxLength": 64},
                        "size": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
                        "color": {"type": "string", "enum": ["red", "blue"]},
                        "tag": {"$ref": "#/components/schemas/Tag"},
                    },
                },
                "Thing": {
                    "type": "object",
                    "required": ["id", "status", "fingerprint"],
                    "properties": {
                        "id": {"type": "string"},
                        "status": {"type": "string", "enum": ["done", "failed"]},
                        "fingerprint": {"type": "string"},
                        "tag": {"$ref": "#/components/schemas/Tag"},
                        "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                    },
                },
                "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
            },
        },
    }


def diff(edit: Any) -> set[tuple[str, str, str]]:
    """(kind, where, what) of every change `edit` makes to the base spec."""
    new = copy.deepcopy(base())
    edit(new)
    return {(c.kind, c.where, c.what) for c in changes.compare(base(), new)}


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["components"]["schemas"]  # type: ignore[no-any-return]


def op(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["paths"]["/things"]["post"]  # type: ignore[no-any-return]


def test_identical_specs_have_no_change() -> None:
    assert changes.compare(base(), base()) == []
    assert changes.as_text([]) == "no API change"


def test_operation_added_and_removed() -> None:
    def add(spec: dict[str, Any]) -> None:
        spec["paths"]["/things/{id}"] = {"delete": {"operationId": "deleteThing", "responses": {}}}

    assert diff(add) == {("additive", "deleteThing", "new operation DELETE /things/{id}")}
    assert diff(lambda s: s["paths"].pop("/things")) >= {("breaking", "createThing", "operation POST /things removed")}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda s: op(s)["parameters"].append({"name": "after", "in": "query", "schema": {"type": "string"}}),
            ("additive", "createThing(after)", "new optional query parameter"),
        ),
        (
            lambda s: op(s)["parameters"].append({"name": "q", "in": "query", "required": True, "schema": {}}),
            ("breaking", "createThing(q)", "new required query parameter"),
        ),
        (lambda s: op(s)["parameters"].pop(0), ("breaking", "createThing(limit)", "query parameter removed")),
        (
            lambda s: op(s)["parameters"][0].__setitem__("required", True),
            ("breaking", "createThing(limit)", "query parameter now required"),
        ),
        (
            lambda s: op(s)["parameters"][0]["schema"].__setitem__("maximum", 50),
            ("breaking", "createThing(limit)", "maximum 100 -> 50"),
        ),
        (
            lambda s: op(s)["parameters"][0]["schema"].__setitem__("maximum", 500),
            ("additive", "createThing(limit)", "maximum 100 -> 500"),
        ),
        (
            lambda s: op(s)["parameters"].pop(1),
            ("breaking", "createThing header OpenAI-Project", "header parameter removed"),
        ),
    ],
)
def test_parameter_changes(edit: Any, expected: tuple[str, str, str]) -> None:
    assert diff(edit) == {expected}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda s: schemas(s)["ThingRequest"]["properties"].__setitem__("note", {"type": "string"}),
            ("additive", "ThingRequest.note", "new optional request field"),
        ),
        (
            lambda s: (
                schemas(s)["ThingRequest"]["properties"].__setitem__("kind", {"type": "string"}),
                schemas(s)["ThingRequest"]["required"].append("kind"),
            ),
            ("breaking", "ThingRequest.kind", "new required request field"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"].pop("color"),
            ("breaking", "ThingRequest.color", "request field removed"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["required"].append("size"),
            ("breaking", "ThingRequest.size", "request field now required"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"].__setitem__("required", []),
            ("additive", "ThingRequest.name", "request field now optional"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"].__setitem__("size", {"type": "integer", "minimum": 1}),
            ("breaking", "ThingRequest.size", "no longer accepts null"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"].__setitem__(
                "name", {"anyOf": [{"type": "string", "maxLength": 64}, {"type": "null"}]}
            ),
            ("additive", "ThingRequest.name", "now also accepts null"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"]["color"]["enum"].append("green"),
            ("additive", "ThingRequest.color", "enum value 'green' added"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"]["color"]["enum"].remove("blue"),
            ("breaking", "ThingRequest.color", "enum value 'blue' removed"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"]["name"].__setitem__("maxLength", 32),
            ("breaking", "ThingRequest.name", "maxLength 64 -> 32"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"]["size"]["anyOf"][0].__setitem__("minimum", 0),
            ("additive", "ThingRequest.size", "minimum 1 -> 0"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"]["name"].__setitem__("pattern", "^[a-z]+$"),
            ("breaking", "ThingRequest.name", "pattern none -> ^[a-z]+$"),
        ),
        (
            lambda s: schemas(s)["ThingRequest"]["properties"]["name"].__setitem__("type", "integer"),
            ("breaking", "ThingRequest.name", "type string -> integer"),
        ),
        (
            lambda s: op(s)["requestBody"].__setitem__("required", False),
            ("additive", "createThing request body", "request body now optional"),
        ),
    ],
)
def test_request_changes_break_callers_when_the_api_accepts_less(edit: Any, expected: tuple[str, str, str]) -> None:
    assert diff(edit) == {expected}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda s: schemas(s)["Thing"]["properties"].__setitem__("created", {"type": "integer"}),
            ("additive", "Thing.created", "new response field"),
        ),
        (
            lambda s: (schemas(s)["Thing"]["properties"].pop("fingerprint"), schemas(s)["Thing"]["required"].pop()),
            ("breaking", "Thing.fingerprint", "response field removed"),
        ),
        (
            lambda s: schemas(s)["Thing"]["required"].remove("fingerprint"),
            ("breaking", "Thing.fingerprint", "response field may now be missing"),
        ),
        (
            lambda s: schemas(s)["Thing"]["properties"].__setitem__(
                "fingerprint", {"anyOf": [{"type": "string"}, {"type": "null"}]}
            ),
            ("breaking", "Thing.fingerprint", "may now be null"),
        ),
        (
            lambda s: schemas(s)["Thing"]["properties"]["status"]["enum"].append("cancelled"),
            ("additive", "Thing.status", "enum value 'cancelled' added (readers may now see it)"),
        ),
        (
            lambda s: schemas(s)["Thing"]["properties"]["status"]["enum"].remove("failed"),
            ("additive", "Thing.status", "enum value 'failed' removed"),
        ),
        (
            lambda s: schemas(s)["Thing"]["properties"]["id"].__setitem__("type", "integer"),
            ("breaking", "Thing.id", "type string -> integer"),
        ),
        (
            lambda s: op(s)["responses"]["200"]["headers"].pop("x-request-id"),
            ("breaking", "createThing 200 response header x-request-id", "response header removed"),
        ),
        (
            lambda s: op(s)["responses"]["200"]["headers"].__setitem__("openai-model", {"schema": {}}),
            ("additive", "createThing 200 response header openai-model", "new response header"),
        ),
        (
            lambda s: s["components"]["responses"]["TooMany"]["headers"].pop("Retry-After"),
            ("breaking", "TooMany response header Retry-After", "response header removed"),
        ),
        (
            lambda s: op(s)["responses"].__setitem__("404", {"description": "gone"}),
            ("additive", "createThing 404 response", "new response status documented"),
        ),
    ],
)
def test_response_changes_break_readers_when_they_may_meet_something_new(
    edit: Any, expected: tuple[str, str, str]
) -> None:
    assert diff(edit) == {expected}


def test_a_model_on_both_sides_is_reported_for_each_direction_once() -> None:
    def remove_label(spec: dict[str, Any]) -> None:
        schemas(spec)["Tag"]["properties"].pop("label")

    assert diff(remove_label) == {
        ("breaking", "Tag.label", "request field removed"),
        ("breaking", "Tag.label", "response field removed"),
    }


def test_renamed_model_is_a_removed_model_and_a_type_change() -> None:
    def rename(spec: dict[str, Any]) -> None:
        schemas(spec)["Label"] = schemas(spec).pop("Tag")
        schemas(spec)["ThingRequest"]["properties"]["tag"] = {"$ref": "#/components/schemas/Label"}
        schemas(spec)["Thing"]["properties"]["tag"] = {"$ref": "#/components/schemas/Label"}

    found = diff(rename)
    assert ("breaking", "Tag", "model removed (code importing it breaks)") in found
    assert ("additive", "Label", "new model") in found
    assert ("breaking", "ThingRequest.tag", "type Tag -> Label") in found
    assert ("breaking", "Thing.tag", "type Tag -> Label") in found


def test_recursive_models_and_array_items_are_followed_without_looping() -> None:
    def nested(spec: dict[str, Any]) -> None:
        schemas(spec)["Thing"]["properties"]["parts"]["items"] = {
            "type": "object",
            "properties": {"weight": {"type": "number"}},
        }

    assert ("breaking", "Thing.parts[]", "type Thing -> object") in diff(nested)


def test_tagged_union_members_are_matched_by_their_constant_tag() -> None:
    def union(spec: dict[str, Any], extra: bool) -> None:
        members = [
            {"type": "object", "properties": {"type": {"const": "text"}, "text": {"type": "string"}}},
            {"type": "object", "properties": {"type": {"const": "grammar"}, "rule": {"type": "string"}}},
        ]
        if extra:
            members[1]["properties"]["syntax"] = {"type": "string"}
            members.append({"type": "object", "properties": {"type": {"const": "regex"}}})
        schemas(spec)["ThingRequest"]["properties"]["format"] = {"oneOf": members}

    old, new = copy.deepcopy(base()), copy.deepcopy(base())
    union(old, extra=False)
    union(new, extra=True)
    found = {(c.kind, c.where, c.what) for c in changes.compare(old, new)}
    assert found == {
        ("additive", "ThingRequest.format.syntax", "new optional request field"),
        ("additive", "ThingRequest.format", "union member object[type='regex'] added"),
    }


def test_report_formats_name_kind_place_and_change() -> None:
    new = base() | {"paths": {}}
    new["components"]["schemas"]["Extra"] = {"type": "object"}
    found = changes.compare(base(), new)
    assert [c.breaking for c in found] == [True, False]
    text = changes.as_text(found)
    assert text.splitlines()[0] == "2 API changes (1 breaking, 1 additive):"
    assert "breaking  createThing" in text
    markdown = changes.as_markdown(found)
    assert markdown.startswith("## API changes\n\n2 API changes (1 breaking, 1 additive).\n")
    assert "| **breaking** | `createThing` | operation POST /things removed |" in markdown


def test_the_issues_examples_on_the_committed_spec(spec: dict[str, Any]) -> None:
    """A removed `system_fingerprint`, an added request field and a new enum value are all reported."""
    new = copy.deepcopy(spec)
    response = new["components"]["schemas"]["CreateChatCompletionResponse"]
    response["properties"].pop("system_fingerprint")
    request = new["components"]["schemas"]["CreateChatCompletionRequest"]
    request["properties"]["verbosity_level"] = {"type": "integer"}
    finish = response["properties"]["choices"]["items"]["properties"]["finish_reason"]
    finish["enum"].append("paused")
    found = {(c.kind, c.where, c.what) for c in changes.compare(spec, new)}
    assert found == {
        ("breaking", "CreateChatCompletionResponse.system_fingerprint", "response field removed"),
        ("additive", "CreateChatCompletionRequest.verbosity_level", "new optional request field"),
        (
            "additive",
            "CreateChatCompletionResponse.choices[].finish_reason",
            "enum value 'paused' added (readers may now see it)",
        ),
    }


def test_the_stream_chunk_is_reached_through_the_sse_event(spec: dict[str, Any]) -> None:
    new = copy.deepcopy(spec)
    new["components"]["schemas"]["CreateChatCompletionStreamResponse"]["properties"].pop("obfuscation")
    found = {(c.kind, c.where, c.what) for c in changes.compare(spec, new)}
    assert found == {("breaking", "CreateChatCompletionStreamResponse.obfuscation", "response field removed")}


def test_cli_compares_two_trimmed_specs(tmp_path: Any, capsys: Any) -> None:
    import yaml

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(base()))
    edited = base()
    schemas(edited)["Thing"]["properties"].pop("id")
    new.write_text(yaml.safe_dump(edited))
    assert changes.main([str(old), str(new)]) == 0
    assert "breaking  Thing.id  response field removed" in capsys.readouterr().out
    assert changes.main([str(old), str(tmp_path / "missing.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("changes: ")
    assert err.count("\n") == 1


def test_markdown_lists_the_steps_that_found_nothing_to_do() -> None:
    notes = ["add_links: create's 200 response has links upstream: nothing to add (kept them)"]
    markdown = changes.as_markdown([], notes=notes)
    assert markdown.endswith(
        "\n\nNormalise steps that found nothing to do (upstream fixed the defect; the step may go):\n\n"
        "- `add_links`: create's 200 response has links upstream: nothing to add (kept them)\n"
    )
    assert "no API change." in markdown


def test_a_model_made_nullable_is_still_compared_inside() -> None:
    def nullable_tag(spec: dict[str, Any]) -> None:
        schemas(spec)["Thing"]["properties"]["tag"] = {
            "anyOf": [{"$ref": "#/components/schemas/Tag"}, {"type": "null"}]
        }
        schemas(spec)["ThingRequest"]["properties"].pop("tag")  # Tag is now reached from the response only
        schemas(spec)["Tag"]["properties"]["colour"] = {"type": "string"}

    assert diff(nullable_tag) == {
        ("breaking", "Thing.tag", "may now be null"),
        ("breaking", "ThingRequest.tag", "request field removed"),
        ("additive", "Tag.colour", "new response field"),
    }


def test_a_new_union_member_breaks_readers_and_not_callers() -> None:
    def widen(spec: dict[str, Any]) -> None:
        schemas(spec)["Other"] = {"type": "object", "properties": {"kind": {"const": "other"}}}
        union = {"oneOf": [{"$ref": "#/components/schemas/Tag"}, {"$ref": "#/components/schemas/Other"}]}
        schemas(spec)["Thing"]["properties"]["tag"] = union
        schemas(spec)["ThingRequest"]["properties"]["tag"] = union

    assert diff(widen) == {
        ("breaking", "Thing.tag", "may now be Other"),
        ("additive", "ThingRequest.tag", "now also accepts Other"),
        ("additive", "Other", "new model"),
    }
