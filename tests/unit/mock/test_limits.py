"""Bounded work: no schema, prompt or pattern makes the mock spend unbounded CPU or hold up other requests.

In-process checks run through `within` (a daemon thread with a deadline); server checks use mocks of their own
(module scope) and client timeouts. So a regression fails in seconds instead of hanging the suite.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema_rs
import pytest
from chat_completions_mock import MockServer
from chat_completions_mock._completions import said_text
from chat_completions_mock._values import MAX_VALUE_SIZE, SchemaTooLarge, Work, WorkExhausted, generate
from mock_support import KEY, SEED, WEATHER, assert_error, user, within


def nested_arrays(levels: int, size: int = 64) -> dict[str, Any]:
    """`levels` arrays of at least `size` items, around a string: size**levels strings at the least."""
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "array", "minItems": size, "items": schema}
    return schema


def nested_objects(levels: int, size: int = 64) -> dict[str, Any]:
    """`levels` objects of at least `size` properties, around a string."""
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "minProperties": size, "additionalProperties": schema}
    return schema


MANY_REQUIRED = {
    "type": "object",
    "properties": {f"p{i}": {"type": "integer"} for i in range(30_000)},
    "required": [f"p{i}" for i in range(30_000)],
}
TOO_LARGE: list[Any] = [
    nested_arrays(4),
    nested_arrays(3),
    nested_objects(4),
    {"type": "array", "minItems": 10**9},
    {"type": "string", "minLength": 10**9},
    {"type": "object", "minProperties": 10**6},
    {"$defs": {"node": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/node"}}}, "$ref": "#/$defs/node"},
    MANY_REQUIRED,
    {"allOf": [{"type": "array", "minItems": 64, "items": {"type": "string", "minLength": 4096}}, {"maxItems": 99}]},
]


@pytest.mark.parametrize("schema", TOO_LARGE, ids=[str(i) for i in range(len(TOO_LARGE))])
def test_a_schema_whose_smallest_value_is_too_large_is_refused_quickly(schema: Any) -> None:
    with pytest.raises(SchemaTooLarge, match=f"more than {MAX_VALUE_SIZE}"):
        within(3, generate, schema, random.Random(0))


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "array", "minItems": 100, "items": {"type": "integer"}},
        {"type": "array", "minItems": 3000, "items": {"type": "boolean"}},
        nested_arrays(2),
        {"type": "object", "minProperties": 200, "additionalProperties": {"type": "integer"}},
        {"type": "string", "minLength": 20_000},
        {"type": "array", "minItems": 100, "maxItems": 100, "items": {"enum": list(range(200))}, "uniqueItems": True},
    ],
)
def test_minimum_sizes_under_the_cap_are_honoured(schema: Any) -> None:
    value = within(3, generate, schema, random.Random(0))
    assert jsonschema_rs.validator_for(schema).is_valid(value)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"anyOf": [nested_arrays(4), {"type": "integer", "const": 7}]}, 7),
        ({"oneOf": [nested_objects(4), {"type": "null"}]}, None),
        ({**nested_arrays(4), "type": ["array", "null"]}, None),
        (
            {"type": "object", "properties": {"a": nested_arrays(4)}, "additionalProperties": False},
            {},
        ),
    ],
)
def test_a_small_valid_value_is_found_when_the_first_guess_is_too_large(schema: Any, expected: Any) -> None:
    assert within(3, generate, schema, random.Random(0)) == expected


def test_user_patterns_cannot_backtrack_for_ever() -> None:
    # Python's re needs about a minute for (.*){9}X against "2024-01-01T00:00:00Z"; patterns are matched in Rust.
    for pattern in ("(.*){9}X", "^(a|a?)+$", "(x+x+)+y", "(\\w+\\s?)*!"):
        schema = {"type": "string", "format": "date-time", "pattern": pattern}
        within(2, generate, schema, random.Random(0))
    assert generate({"type": "string", "pattern": "^[0-9]+$"}, random.Random(0)) == "1"


def test_the_request_work_is_shared_and_runs_out() -> None:
    work = Work(20_000)
    schema = nested_arrays(2, 60)  # 3,661 values each
    for seed in range(5):
        generate(schema, random.Random(seed), work)
    with pytest.raises(WorkExhausted):
        generate(schema, random.Random(9), work)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Say this is a test!", "\n\nThis is a test!"),
        ("  say   hello there  \n", "\n\nHello there"),
        ("SAY\nmulti\nline\n", "\n\nMulti\nline"),
        ("Say   ", None),
        ("sayhello", None),
        ("Please say hi", None),
    ],
)
def test_say_prompts(text: str, expected: str | None) -> None:
    assert said_text(user(text)) == expected


@pytest.mark.parametrize(
    "text",
    ["say x" + " " * 100_000 + "y", "say " + " \t" * 50_000, " " * 100_000 + "say"],
    ids=["spaces inside", "tabs after", "spaces before"],
)
def test_say_prompts_are_read_in_linear_time(text: str) -> None:
    within(0.5, said_text, user(text))


@pytest.fixture(scope="module")
def limits_server() -> Iterator[MockServer]:
    """A mock of this module's own, so that a regression cannot stall the session's shared one."""
    with MockServer() as server:
        yield server


@pytest.fixture(scope="module")
def limits_permissive() -> Iterator[MockServer]:
    with MockServer(permissive=True) as server:
        yield server


def _post(server: MockServer, body: dict[str, Any], timeout: float = 10) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {KEY}"}, timeout=timeout) as http:
        response = http.post("/chat/completions", json=body)
    return response, time.monotonic() - started


def _tool(name: str, parameters: Any) -> dict[str, Any]:
    return {"type": "function", "function": {"name": name, "parameters": parameters}}


BOMBS = [
    (
        {"response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": nested_arrays(4)}}},
        "response_format.json_schema.schema",
        "Invalid schema for response_format 'x': ",
    ),
    (
        {"tools": [_tool("f", nested_objects(4))], "tool_choice": "required"},
        "tools[0].function.parameters",
        "Invalid schema for function 'f': ",
    ),
    (
        {"tools": [WEATHER, _tool("g", nested_objects(3))], "messages": user("use g and get_weather")},
        "tools[1].function.parameters",
        "Invalid schema for function 'g': ",
    ),
    (
        {"functions": [{"name": "h", "parameters": nested_arrays(4)}]},
        "functions[0].parameters",
        "Invalid schema for function 'h': ",
    ),
]


@pytest.mark.parametrize("permissive", [False, True], ids=["default", "permissive"])
@pytest.mark.parametrize(("fields", "param", "prefix"), BOMBS, ids=["response_format", "tool", "tool 1", "function"])
def test_schema_bombs_get_400_quickly(
    request: pytest.FixtureRequest, permissive: bool, fields: dict[str, Any], param: str, prefix: str
) -> None:
    server = request.getfixturevalue("limits_permissive" if permissive else "limits_server")
    response, elapsed = _post(server, {**SEED, **fields})
    error = assert_error(response, 400, param, "invalid_value")
    assert error["message"].startswith(prefix), error
    assert f"more than {MAX_VALUE_SIZE}" in error["message"], error
    assert elapsed < 3, elapsed


def test_the_343_byte_request_of_the_report(limits_server: MockServer) -> None:
    body = {
        **SEED,
        "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": nested_arrays(4)}},
    }
    assert len(json.dumps(body)) <= 400
    response, elapsed = _post(limits_server, body)
    assert_error(response, 400, "response_format.json_schema.schema", "invalid_value")
    assert elapsed < 3
    assert _post(limits_server, SEED)[0].status_code == 200


def test_more_work_than_a_request_may_do_gets_400(limits_server: MockServer) -> None:
    schema = nested_arrays(2, 70)  # 4,971 values each, 128 of them
    fmt = {"type": "json_schema", "json_schema": {"name": "big", "schema": schema}}
    response, elapsed = _post(limits_server, {**SEED, "n": 128, "response_format": fmt})
    error = assert_error(response, 400, "n", "invalid_value")
    assert "lower 'n'" in error["message"]
    assert elapsed < 6, elapsed
    response, _ = _post(limits_server, {**SEED, "n": 2, "response_format": fmt})
    assert response.status_code == 200
    content = json.loads(response.json()["choices"][1]["message"]["content"])
    assert jsonschema_rs.validator_for(schema).is_valid(content)


def test_heavy_generation_does_not_hold_up_a_tiny_request(limits_server: MockServer) -> None:
    # Two valid requests that take the mock a while each (64 values of about 2,500 elements), then tiny ones.
    item = {"type": "object", "properties": {f"k{i}": {"type": "integer"} for i in range(40)}}
    item["required"] = list(item["properties"])
    schema = {"type": "array", "minItems": 60, "maxItems": 60, "items": item}
    heavy = {
        **SEED,
        "n": 64,
        "response_format": {"type": "json_schema", "json_schema": {"name": "heavy", "schema": schema}},
    }

    async def run() -> tuple[list[float], list[float]]:
        headers = {"Authorization": f"Bearer {KEY}"}
        async with httpx.AsyncClient(base_url=limits_server.base_url, headers=headers, timeout=30) as http:

            async def timed(body: dict[str, Any]) -> float:
                started = time.monotonic()
                response = await http.post("/chat/completions", json=body)
                assert response.status_code == 200, response.text[:300]
                return time.monotonic() - started

            await timed(SEED)  # warm the connection pool
            heavies = [asyncio.create_task(timed(heavy)) for _ in range(2)]
            await asyncio.sleep(0.05)
            tiny = [await timed(SEED) for _ in range(3)]
            return [await task for task in heavies], tiny

    heavy_times, tiny_times = asyncio.run(run())
    # On the event loop, the heavy ones held the tiny ones up for about their whole time (1.7 s for 0.9 s).
    assert max(tiny_times) < min(0.5, min(heavy_times) / 3), (tiny_times, heavy_times)


def test_a_long_say_prompt_is_answered_quickly(limits_server: MockServer) -> None:
    response, elapsed = _post(limits_server, {**SEED, "messages": user("say x" + " " * 60_000 + "y")})
    assert response.status_code == 200
    assert elapsed < 2, elapsed
