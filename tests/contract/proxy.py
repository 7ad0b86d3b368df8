"""A loopback HTTP proxy in front of a server, passing answers through or breaking one promise on purpose.

`running_proxy(upstream)` yields a base URL that forwards every request to `upstream` (which ends in
`/v1`) and returns its answer unchanged; `running_proxy(upstream, breakage=NAME)` first rewrites the
answer as `BREAKAGES[NAME]` says, to prove the contract checks notice. Answers are buffered whole,
which is fine for tests and keeps the rewriting simple.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

Answer = tuple[int, dict[str, str], bytes]
Breakage = Callable[[dict[str, Any], Answer], Answer]
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host"}


def _json_rewrite(edit: Callable[[dict[str, Any], dict[str, Any]], None]) -> Breakage:
    """A breakage that edits the JSON body of successful non-stream answers."""

    def apply(request: dict[str, Any], answer: Answer) -> Answer:
        status, headers, body = answer
        if status != 200 or not headers.get("content-type", "").startswith("application/json"):
            return answer
        data = json.loads(body)
        edit(request, data)
        return status, headers, json.dumps(data).encode()

    return apply


def _stream_rewrite(edit: Callable[[list[str]], list[str]]) -> Breakage:
    """A breakage that edits the list of SSE `data:` payloads of a stream."""

    def apply(request: dict[str, Any], answer: Answer) -> Answer:
        status, headers, body = answer
        if not headers.get("content-type", "").startswith("text/event-stream"):
            return answer
        payloads = [line[len("data: ") :] for line in body.decode().split("\n") if line.startswith("data: ")]
        rebuilt = "".join(f"data: {p}\n\n" for p in edit(payloads))
        return status, headers, rebuilt.encode()

    return apply


def _drop_role(payloads: list[str]) -> list[str]:
    first = json.loads(payloads[0])
    first["choices"][0]["delta"].pop("role", None)
    return [json.dumps(first), *payloads[1:]]


def _second_id(payloads: list[str]) -> list[str]:
    chunk = json.loads(payloads[1])
    chunk["id"] += "-other"
    return [payloads[0], json.dumps(chunk), *payloads[2:]]


def _error_body(request: dict[str, Any], answer: Answer) -> Answer:
    status, headers, _body = answer
    if status < 400:
        return answer
    return status, headers, json.dumps({"detail": "something went wrong"}).encode()


def _set(path: str, value: Any) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def edit(request: dict[str, Any], data: dict[str, Any]) -> None:
        if path == "object":
            data["object"] = value
        elif path == "usage.total_tokens" and "usage" in data:
            data["usage"]["total_tokens"] += value
        elif path == "choices" and "choices" in data:
            data["choices"] = data["choices"][:value]
        elif path == "finish_reason" and data.get("choices"):
            data["choices"][0]["finish_reason"] = value
        elif path == "content" and data.get("choices"):
            data["choices"][0]["message"]["content"] = value

    return edit


BREAKAGES: dict[str, Breakage] = {
    "wrong object": _json_rewrite(_set("object", "chat.completion.v2")),
    "n ignored": _json_rewrite(_set("choices", 1)),
    "usage does not add up": _json_rewrite(_set("usage.total_tokens", 1)),
    "unknown finish_reason": _json_rewrite(_set("finish_reason", "done")),
    "json_object is not an object": _json_rewrite(_set("content", "[1, 2, 3]")),
    "missing [DONE]": _stream_rewrite(lambda payloads: [p for p in payloads if p != "[DONE]"]),
    "data after [DONE]": _stream_rewrite(lambda payloads: [*payloads, payloads[0]]),
    "no role in the first delta": _stream_rewrite(_drop_role),
    "two ids in one stream": _stream_rewrite(_second_id),
    "error body not OpenAI-shaped": _error_body,
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def create_proxy(upstream: str, breakage: str | None = None) -> ASGIApp:
    """An ASGI app forwarding `/v1/...` to `upstream` (ending in `/v1`), optionally breaking its answers."""
    rewrite = BREAKAGES[breakage] if breakage else None
    client = httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=5.0))

    async def forward(request: Request) -> Response:
        raw_path = request.scope["raw_path"].decode("latin-1").removeprefix("/v1")  # still %-encoded
        query = request.scope["query_string"].decode("latin-1")
        body = await request.body()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        url = upstream + raw_path + (f"?{query}" if query else "")
        upstream_response = await client.request(request.method, url, content=body, headers=headers)
        answer: Answer = (
            upstream_response.status_code,
            {k: v for k, v in upstream_response.headers.items() if k.lower() not in HOP_BY_HOP},
            upstream_response.content,
        )
        if rewrite is not None:
            try:
                sent = json.loads(body) if body else {}
            except ValueError:
                sent = {}
            answer = rewrite(sent if isinstance(sent, dict) else {}, answer)
        status, out_headers, content = answer
        return Response(content, status_code=status, headers=out_headers)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        """Every path and method goes to `forward` (no router: ids may hold any character)."""
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await client.aclose()
            await send({"type": "lifespan.shutdown.complete"})
            return
        response = await forward(Request(scope, receive))
        await response(scope, receive, send)

    return app


@contextmanager
def running_proxy(upstream: str, breakage: str | None = None) -> Iterator[str]:
    """Serve `create_proxy(upstream, breakage)` on a free loopback port; yield its base URL (ending in `/v1`)."""
    port = _free_port()
    config = uvicorn.Config(
        create_proxy(upstream.rstrip("/"), breakage), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the proxy did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
