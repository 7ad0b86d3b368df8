"""The schema-driven value generator and the token approximation."""

from __future__ import annotations

import contextlib
import random
import time
from typing import Any

import jsonschema_rs
import pytest
from chat_completions_mock import count_tokens, tokenize
from chat_completions_mock._values import SchemaTooLarge, compile_schema, generate, schema_depth

VALID_CASES: list[dict[str, Any]] = [
    {"type": "string", "minLength": 30, "maxLength": 40},
    {"type": "string", "maxLength": 2},
    {"type": "string", "format": "email"},
    {"type": "string", "pattern": "^[0-9]+$"},
    {"type": "integer", "minimum": 10**20, "maximum": 10**20 + 3},
    {"type": "integer", "exclusiveMinimum": 4, "exclusiveMaximum": 6},
    {"type": "integer", "multipleOf": 7, "minimum": 50, "maximum": 60},
    {"type": "number", "minimum": -1e308, "maximum": 1e308},
    {"type": "number", "exclusiveMinimum": 0.5, "exclusiveMaximum": 0.6},
    {"type": ["null", "boolean"]},
    {"enum": ["a", 1, None]},
    {"const": {"x": [1, 2]}},
    {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 3}, "minItems": 4, "uniqueItems": True},
    {"type": "array", "prefixItems": [{"type": "string"}, {"type": "boolean"}], "minItems": 2},
    {"type": "object", "minProperties": 3, "additionalProperties": {"type": "integer"}},
    {
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "required": ["a", "b"],
        "additionalProperties": {"type": "number"},
    },
    {
        "allOf": [
            {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]},
            {"properties": {"b": {"type": "string"}}, "required": ["b"]},
        ]
    },
    {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]},
    {"anyOf": [{"type": "string", "enum": ["x"]}, {"type": "integer"}]},
    {
        "$defs": {
            "node": {
                "type": "object",
                "properties": {
                    "value": {"type": "integer"},
                    "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                },
                "required": ["value", "children"],
            }
        },
        "$ref": "#/$defs/node",
    },
    {
        "definitions": {"tag": {"type": "string", "enum": ["t1", "t2"]}},
        "type": "object",
        "properties": {"tag": {"$ref": "#/definitions/tag"}},
        "required": ["tag"],
        "additionalProperties": False,
    },
    {
        "type": "object",
        "properties": {
            "when": {"type": "string", "format": "date"},
            "id": {"type": "string", "format": "uuid"},
            "site": {"type": "string", "format": "uri"},
        },
        "required": ["when", "id", "site"],
    },
]


@pytest.mark.parametrize("schema", VALID_CASES, ids=[str(i) for i in range(len(VALID_CASES))])
def test_generated_values_are_valid(schema: dict[str, Any]) -> None:
    validator = jsonschema_rs.validator_for(schema)
    for seed in range(5):
        value = generate(schema, random.Random(seed))
        assert validator.is_valid(value), (value, [e.message for e in validator.iter_errors(value)])


def test_generation_is_deterministic() -> None:
    schema = VALID_CASES[-1]
    assert generate(schema, random.Random(3)) == generate(schema, random.Random(3))


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "array", "minItems": 10**9, "items": {"type": "array", "minItems": 10**9}},
        {"type": "string", "minLength": 10**12},
        {"$ref": "#"},
        {"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
        {"type": "object", "required": ["a"], "properties": {"a": {"$ref": "#"}}},
        {"type": "number", "minimum": 5, "maximum": 1},
        {"type": "string", "pattern": "(a+)+$"},
        {"enum": []},
    ],
)
def test_hostile_schemas_are_bounded(schema: dict[str, Any]) -> None:
    started = time.monotonic()
    with contextlib.suppress(SchemaTooLarge):  # the first two: their smallest values are far too large
        generate(schema, random.Random(1))
    assert time.monotonic() - started < 2


def test_schema_checks() -> None:
    deep: dict[str, Any] = {}
    for _ in range(100):
        deep = {"properties": {"a": deep}}
    assert schema_depth(deep, 64) > 64
    with pytest.raises(ValueError, match="nested"):
        compile_schema(deep)
    with pytest.raises(ValueError, match=r"\w"):
        compile_schema({"type": "nope"})
    with pytest.raises(ValueError, match=r"\w"):
        compile_schema({"$ref": "https://example.invalid/schema.json"})  # never fetched
    assert compile_schema({"type": "object"}).is_valid({})


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("\n\nThis is a test!", ["\n\n", "This", " is", " a", " test", "!"]),
        ("Hello, world.", ["Hello", ",", " world", "."]),
        ("12345 apples", ["123", "45", " apples"]),
        ("extraordinarily", ["extr", "aord", "inar", "ily"]),
        ("it's  done", ["it", "'s", " ", " done"]),
        ("", []),
    ],
)
def test_tokenize_approximation(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens
    assert "".join(tokenize(text)) == text
    assert count_tokens(text) == len(tokens)


def test_token_counts_grow_with_text() -> None:
    words = "the quick brown fox jumps over the lazy dog " * 20
    assert count_tokens(words) == len(tokenize(words))
    assert count_tokens(words[:100]) < count_tokens(words)
    assert "".join(tokenize("naïve café 東京 🙂")) == "naïve café 東京 🙂"


def test_the_spec_is_found_and_its_pins_followed() -> None:
    from chat_completions_mock import load_spec, spec_path
    from chat_completions_mock._spec import compiled_spec

    assert spec_path().name == "chat-completions.yaml"
    assert load_spec()["openapi"].startswith("3.1")
    spec = compiled_spec()
    assert spec.create_request.is_valid({"model": "m", "messages": [{"role": "user", "content": "x"}]})
    assert not spec.create_request.is_valid({"model": "m", "messages": []})
    assert set(spec.list_query.params) >= {"model", "metadata", "after", "limit", "order"}
    assert spec.list_query.integers == {"limit"}
    # The spec pins listed messages' role; the mock follows whatever it says.
    pinned = load_spec()["components"]["schemas"]["ChatCompletionMessageList"]["properties"]["data"]["items"]
    assert spec.listed_message_role == pinned["properties"]["role"].get("const")
