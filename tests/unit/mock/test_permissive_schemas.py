"""Odd user schemas in `--permissive` mode (no schema checks beyond the spec's): answered 200 or 400, never 500.

The fuzz is seeded, so a failure names a reproducible schema; every run is bounded (a fixed number of schemas, each
generation under a deadline).
"""

from __future__ import annotations

import json
import random
from typing import Any

import httpx
import pytest
from chat_completions_mock import create_app
from chat_completions_mock._values import generate
from mock_support import KEY, SEED, assert_error, assert_valid, within
from starlette.testclient import TestClient

REPORTED: list[Any] = [
    {"properties": [1], "allOf": [{"properties": {"a": {}}}]},
    {"$defs": {"a": 5}, "$ref": "#/$defs/a"},
    {"required": 5, "allOf": [{"required": ["a"]}]},
    {"$defs": {"a": [1, 2]}, "$ref": "#/$defs/a", "type": "object"},
    {"allOf": [{"properties": [1]}, {"properties": {"b": {"type": "integer"}}}], "properties": "x"},
    {"type": "object", "required": [{"a": 1}, ["b"], None, "c"], "properties": {"c": {"type": "string"}}},
    {"anyOf": [5, "x", None]},
    {"oneOf": [{"$ref": 7}]},
]

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    2.5,
    10**30,
    -(10**400),
    "",
    "x",
    "#",
    [],
    [1],
    [None, "a"],
    {},
    {"a": 5},
    [{"type": "null"}],
    "string",
    ["string", 7],
]
KEYWORDS = [
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "allOf",
    "$ref",
    "$defs",
    "definitions",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "not",
]
TYPICAL: dict[str, list[Any]] = {
    "type": ["object", "array", "string", "integer", "number", "boolean", "null", ["array", "null"], "nope"],
    "$ref": ["#", "#/$defs/a", "#/definitions/b", "#/properties/a", "#/$defs/a/0", "#/allOf/0", "http://x/y", "#/~"],
    "pattern": ["[", "(a+)+$", "^\\d+$", "\\p{L}", "(?<=a)b", "a{99999999}"],
    "format": ["date", "uuid", "email", "nope"],
    "minItems": [0, 3, 64, 10**9, -5, 1e300],
    "minProperties": [0, 3, 64, 10**9],
    "minLength": [0, 5, 10**9],
    "multipleOf": [0, -2, 0.001, 1e-300, 10**20],
    "minimum": [-(10**20), 1e308, 5],
    "maximum": [-1e308, 10**20, 1],
}


def odd_schema(rng: random.Random, depth: int = 0) -> Any:
    """A random, mostly wrong, JSON Schema-like value."""
    if depth > 3 or rng.random() < 0.15:
        return rng.choice(ODD_VALUES)
    schema: dict[str, Any] = {}
    for _ in range(rng.randrange(1, 6)):
        key = rng.choice(KEYWORDS)
        roll = rng.random()
        value: Any
        if key in TYPICAL and roll < 0.5:
            value = rng.choice(TYPICAL[key])
        elif roll < 0.65:
            value = rng.choice(ODD_VALUES)
        elif roll < 0.8:
            value = odd_schema(rng, depth + 1)
        elif roll < 0.92:
            value = [odd_schema(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
        else:
            value = {rng.choice(["a", "b", "$ref", "0"]): odd_schema(rng, depth + 1) for _ in range(rng.randrange(3))}
        schema[key] = value
    if rng.random() < 0.3:
        schema["$defs"] = {"a": odd_schema(rng, depth + 1), "b": rng.choice(ODD_VALUES)}
        if rng.random() < 0.6:
            schema["$ref"] = rng.choice(["#/$defs/a", "#/$defs/b"])
    if rng.random() < 0.25:
        merged = ("properties", "required", "type", "items", "$ref")
        schema["allOf"] = [
            {rng.choice(merged): rng.choice([*ODD_VALUES, odd_schema(rng, depth + 1)])}
            for _ in range(rng.randrange(1, 3))
        ]
    return schema


def _generate_all(schemas: list[Any]) -> None:
    for index, schema in enumerate(schemas):
        try:
            json.dumps(generate(schema, random.Random(index)))
        except ValueError:
            continue  # a refusal (SchemaTooLarge, or a value JSON cannot hold) is an allowed answer
        except Exception as exc:
            raise AssertionError(f"schema #{index} {json.dumps(schema)[:300]}: {exc!r}") from exc


def test_the_generator_survives_odd_schemas() -> None:
    rng = random.Random(20250214)
    schemas = REPORTED + [odd_schema(rng) for _ in range(3000)]
    within(30, _generate_all, schemas)


@pytest.fixture(scope="module")
def permissive_client() -> Any:
    with TestClient(create_app(permissive=True), headers={"Authorization": f"Bearer {KEY}"}) as client:
        yield client


def _body(schema: Any, where: str) -> dict[str, Any]:
    if where == "response_format":
        return {**SEED, "response_format": {"type": "json_schema", "json_schema": {"name": "odd", "schema": schema}}}
    if where == "tool":
        tool = {"type": "function", "function": {"name": "odd", "parameters": schema}}
        return {**SEED, "tools": [tool], "tool_choice": "required"}
    return {**SEED, "functions": [{"name": "odd", "parameters": schema}]}


def _check(response: httpx.Response, context: str) -> None:
    assert response.status_code in (200, 400), f"{context} -> {response.status_code} {response.text[:300]}"
    if response.status_code == 400:
        assert_error(response, 400)
        return
    message = response.json()["choices"][0]["message"]
    calls = message.get("tool_calls") or []
    function_call = message.get("function_call")
    text = (
        calls[0]["function"]["arguments"]
        if calls
        else function_call["arguments"]
        if function_call
        else message["content"]
    )
    json.loads(text)


@pytest.mark.parametrize("where", ["response_format", "tool", "function"])
@pytest.mark.parametrize("schema", REPORTED, ids=[str(i) for i in range(len(REPORTED))])
def test_reported_schemas_are_answered(permissive_client: TestClient, schema: Any, where: str) -> None:
    response = permissive_client.post("/v1/chat/completions", json=_body(schema, where))
    if isinstance(schema, dict):
        assert response.status_code == 200, response.text
    _check(response, json.dumps(schema))


def test_permissive_fuzz_over_odd_user_schemas(permissive_client: TestClient) -> None:
    rng = random.Random(20250215)

    def run() -> int:
        answered = 0
        for index in range(240):
            schema = odd_schema(rng)
            where = ("response_format", "tool", "function")[index % 3]
            response = permissive_client.post("/v1/chat/completions", json=_body(schema, where))
            _check(response, f"#{index} {where} {json.dumps(schema)[:300]}")
            answered += response.status_code == 200
        return answered

    assert within(60, run) > 60  # most odd schemas are objects the spec accepts: they get an answer


def test_unexpected_errors_in_schema_handling_are_400s(monkeypatch: pytest.MonkeyPatch) -> None:
    from chat_completions_mock import _completions

    for error in (TypeError("boom"), ValueError("bang"), KeyError("k"), AttributeError("a")):

        def broken(*args: Any, failure: Exception = error, **kwargs: Any) -> Any:
            raise failure

        monkeypatch.setattr(_completions, "generate", broken)
        with TestClient(create_app(permissive=True), headers={"Authorization": f"Bearer {KEY}"}) as client:
            for where, param in (
                ("response_format", "response_format.json_schema.schema"),
                ("tool", "tools[0].function.parameters"),
                ("function", "functions[0].parameters"),
            ):
                response = client.post("/v1/chat/completions", json=_body({"type": "object"}, where))
                assert_error(response, 400, param, "invalid_value")
                assert_valid("ErrorResponse", response.json())
