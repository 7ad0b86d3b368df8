"""Helpers shared by the mock's unit tests (imported as `mock_support`: pyproject's pytest `pythonpath` lists this folder)."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import jsonschema_rs
from chat_completions_mock import load_spec

KEY = "sk-mock-tests"
SEED = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say this is a test!"}]}


def request(**fields: Any) -> dict[str, Any]:
    """The seed request with some fields changed (None removes a field)."""
    body = {**SEED, **fields}
    return {k: v for k, v in body.items() if v is not None}


def user(text: str) -> list[dict[str, str]]:
    """`messages` with one user message."""
    return [{"role": "user", "content": text}]


_VALIDATORS: dict[str, jsonschema_rs.Validator] = {}


def schema(name: str) -> jsonschema_rs.Validator:
    """Validator of `#/components/schemas/<name>` of the spec."""
    if name not in _VALIDATORS:
        root = dict(load_spec())
        root["$ref"] = f"#/components/schemas/{name}"
        _VALIDATORS[name] = jsonschema_rs.Draft202012Validator(root)
    return _VALIDATORS[name]


def assert_valid(name: str, instance: Any) -> None:
    """Fail with the schema errors when `instance` breaks the spec's schema `name`."""
    errors = [f"{list(e.instance_path)}: {e.message}" for e in schema(name).iter_errors(instance)]
    assert not errors, errors[:5]


_UNSET: Any = object()


def assert_error(response: httpx.Response, status: int, param: Any = _UNSET, code: Any = _UNSET) -> dict[str, Any]:
    """The response is `status` with an `ErrorResponse` body (and the given `param`/`code` when passed)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers.get("x-request-id", "").startswith("req_")
    body = response.json()
    assert_valid("ErrorResponse", body)
    error: dict[str, Any] = body["error"]
    if param is not _UNSET:
        assert error["param"] == param, error
    if code is not _UNSET:
        assert error["code"] == code, error
    return error


def sse_data(text: str) -> list[str]:
    """The `data:` payloads of an SSE body, in order."""
    out = []
    for block in text.split("\n\n"):
        lines = [line[6:] for line in block.split("\n") if line.startswith("data: ")]
        if lines:
            out.append("\n".join(lines))
    return out


#: A function tool with a strict-style parameters schema.
WEATHER: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather of a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer", "minimum": 1, "maximum": 7},
            },
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
    },
}
TIME: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_time",
        "parameters": {"type": "object", "properties": {"zone": {"type": "string"}}, "required": ["zone"]},
    },
}


async def raw_post(host: str, port: int, path: str, body: bytes, key: str = KEY) -> tuple[int, bytes]:
    """One POST on a fresh connection with a minimal HTTP/1.1 client (far lighter than httpx, for load tests)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        if b"transfer-encoding: chunked" not in head.lower():
            return status, await reader.read()
        out = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return status, bytes(out)
            out += chunk[:-2]
    finally:
        writer.close()


def settles(server: Any, counter: str, timeout: float = 5.0) -> bool:
    """Whether `server.stats()[counter]` drops to 0 within `timeout` s (it is decremented after the last byte)."""
    deadline = time.monotonic() + timeout
    while server.stats()[counter] and time.monotonic() < deadline:
        time.sleep(0.02)
    return bool(server.stats()[counter] == 0)


def within(seconds: float, function: Any, *args: Any) -> Any:
    """`function(*args)`, failing the test if it takes more than `seconds` (run in a daemon thread, so a hang
    cannot stall the suite: the thread is abandoned)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{getattr(function, '__name__', function)} still running after {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    assert time.monotonic() - started <= seconds
    return outcome.get("value")
