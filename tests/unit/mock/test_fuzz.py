"""A bounded fuzz run: a few hundred generated bad requests, all answered 4xx with an error body, never 5xx.

Seeded (random.Random(20240611)), so a failure names a reproducible request.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema_rs
import pytest
from chat_completions_mock import MockServer, load_spec
from mock_support import KEY, SEED, assert_valid, settles

LIMIT = 64 * 1024
WRONG_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    3.5,
    2**70,
    -(2**70),
    1e300,
    "",
    "x",
    "🙂" * 3,
    "\u0000",
    [],
    [1, "a"],
    {},
    {"a": {"b": None}},
    [[[[[]]]]],
    "9" * 300,
]


def _create_properties() -> list[str]:
    schema = load_spec()["components"]["schemas"]["CreateChatCompletionRequest"]
    return sorted(schema["properties"])


def _deep(depth: int, rng: random.Random) -> str:
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    return opener * depth + "1" + closer * depth


def cases(rng: random.Random) -> Iterator[tuple[str, str, bytes | None, dict[str, str]]]:
    """(method, path, body, extra headers) of bad requests."""
    post = "POST", "/chat/completions"
    properties = _create_properties()
    for _ in range(40):
        yield *post, rng.randbytes(rng.randrange(1, 400)), {}
    for _ in range(20):
        good = json.dumps(SEED).encode()
        cut = rng.randrange(1, len(good) - 1)
        yield *post, good[:cut] + rng.randbytes(3) + good[cut:], {}
    for _ in range(15):
        yield *post, b'{"model": "\xff\xfe' + rng.randbytes(8) + b'", "messages": []}', {}
    for _ in range(10):
        yield *post, _deep(rng.choice([900, 2000, 5000, 20000]), rng).encode(), {}
        body = json.dumps({**SEED, "metadata": {"k": "v"}}).replace('"v"', _deep(rng.randrange(500, 5000), rng))
        yield *post, body.encode(), {}
    for number in ("1e999", "-1e999", "NaN", "Infinity", str(2**70), "9" * 5000, "1e-999999", "-0"):
        for field in ("temperature", "n", "seed", "max_completion_tokens", "top_p"):
            yield *post, json.dumps(SEED)[:-1].encode() + f', "{field}": {number}}}'.encode(), {}
    for field in properties:
        for value in rng.sample(WRONG_VALUES, 6):
            yield *post, json.dumps({**SEED, field: value}).encode(), {}
    for _ in range(30):
        message = {rng.choice(["role", "content", "name", "tool_calls", "x"]): rng.choice(WRONG_VALUES)}
        yield *post, json.dumps({**SEED, "messages": [message]}).encode(), {}
    yield *post, json.dumps({**SEED, "messages": [{"role": "user", "content": "hi"}] * 20_000}).encode(), {}
    for _ in range(5):
        yield *post, b"{" + b" " * (LIMIT + rng.randrange(1, 4 * LIMIT)) + b"}", {}
    for query in (
        "limit=abc",
        "limit=1.5",
        "order=up",
        "limit=%FF",
        "order=",
        "limit=" + "9" * 5000,
        "limit=1e3",
        "order=%FF",
        "limit=-",
        "order=ASC&limit=x",
    ):
        yield "GET", f"/chat/completions?{query}", None, {}
    for _ in range(15):
        ident = "".join(rng.choice("abc%20-_~.!*'()🙂") for _ in range(rng.randrange(1, 40)))
        method = rng.choice(["GET", "POST", "DELETE"])
        body = json.dumps({"metadata": {"a": "b"}}).encode() if method == "POST" else None
        yield method, f"/chat/completions/chatcmpl-{ident}", body, {}
        yield "GET", f"/chat/completions/chatcmpl-{ident}/messages", None, {}
    for method in ("PUT", "PATCH", "DELETE"):
        for path in ("/chat/completions", "/chat/completions/x/messages", "/"):
            yield method, path, None, {}
    for body in (b"{}", b'{"metadata": 5}', b'{"metadata": {"a": []}}', b"[]", rng.randbytes(30)):
        yield "POST", "/chat/completions/chatcmpl-nope", body, {}
    for fault in ("status=99", "nonsense", "times=x", "slow_first_byte=1e9"):
        yield *post, json.dumps(SEED).encode(), {"x-mock-fault": fault}
    yield *post, json.dumps(SEED).encode(), {"authorization": "Token abc"}


@pytest.fixture(scope="module")
def fuzz_server() -> Iterator[MockServer]:
    with MockServer(max_body_bytes=LIMIT) as server:
        yield server


def test_bad_requests_get_4xx_error_bodies(fuzz_server: MockServer) -> None:
    rng = random.Random(20240611)
    spec = dict(load_spec())
    spec["$ref"] = "#/components/schemas/CreateChatCompletionRequest"
    request_schema = jsonschema_rs.Draft202012Validator(spec)
    statuses: dict[int, int] = {}
    sent = 0
    with httpx.Client(base_url=fuzz_server.base_url, headers={"Authorization": f"Bearer {KEY}"}, timeout=20) as http:
        for method, path, body, headers in cases(rng):
            response = http.request(method, path, content=body, headers=headers)
            sent += 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            context = f"{method} {path} {body[:120] if body else b''!r} -> {response.status_code} {response.text[:200]}"
            assert response.status_code < 500, context
            if response.status_code == 200:
                # Only a request the schema accepts (and that breaks no rule) may succeed.
                assert method == "POST", context
                assert body is not None
                assert request_schema.is_valid(json.loads(body)), context
                continue
            assert 400 <= response.status_code < 500, context
            assert response.headers["content-type"] == "application/json", context
            assert response.headers["x-request-id"].startswith("req_"), context
            assert_valid("ErrorResponse", response.json())
        assert sent >= 300
        assert sum(count for status, count in statuses.items() if status >= 400) >= 280, statuses
        after = http.post("/chat/completions", json=SEED)
        assert after.status_code == 200
        assert after.json()["choices"][0]["message"]["content"] == "\n\nThis is a test!"
    assert settles(fuzz_server, "active_requests"), fuzz_server.stats()
