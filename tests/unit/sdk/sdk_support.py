"""Helpers for the SDK tests: a scripted loopback HTTP server, sample bodies (imported by conftest and the tests)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from loopback import LoopbackServer

API_KEY = "sk-test-SECRET-0123456789abcdef"


@dataclass
class Reply:
    """One scripted answer. `body` dicts/lists are sent as JSON; `chunks` as a chunked body, one write each."""

    status: int = 200
    body: Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    drop: bool = False  # close the connection without answering
    chunks: list[bytes] | None = None
    chunk_delay: float = 0.0
    truncate: bool = False  # chunked: close before the terminating chunk; plain: send half the body

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = self.body
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
            headers.setdefault("content-type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        return body, headers


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def sse(*events: Any, done: bool = True) -> list[bytes]:
    """Server-sent event chunks: dicts as `data: <json>`, strings as raw `data:` payloads, then `data: [DONE]`."""
    out = [f"data: {json.dumps(e) if not isinstance(e, str) else e}\n\n".encode() for e in events]
    if done:
        out.append(b"data: [DONE]\n\n")
    return out


class ScriptedServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 answering from a queue of `Reply`s (or a handler function)."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.handler: Callable[[Seen], Reply] | None = None
        self.requests: list[Seen] = []
        self.aborted = threading.Event()  # a client went away mid-body
        self.connections = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                with server._lock:
                    server.connections += 1

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                seen = Seen(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length)
                )
                with server._lock:
                    server.requests.append(seen)
                    if server.handler is not None:
                        reply = server.handler(seen)
                    elif server.replies:
                        reply = server.replies.pop(0)
                    else:
                        reply = Reply(599, {"error": {"message": "no scripted reply"}})
                try:
                    server._answer(self, reply)
                except (BrokenPipeError, ConnectionResetError):
                    server.aborted.set()
                    self.close_connection = True

            do_GET = do_POST = do_DELETE = _serve

        self.httpd = LoopbackServer(Handler)
        self.port = self.httpd.port
        self.url = self.httpd.base_url

    @staticmethod
    def _answer(h: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        body, headers = reply.encoded()
        h.send_response(reply.status)
        for k, v in headers.items():
            h.send_header(k, v)
        if reply.chunks is not None:
            h.send_header("transfer-encoding", "chunked")
            h.send_header("content-type", headers.get("content-type", "text/event-stream"))
            h.end_headers()
            for chunk in reply.chunks:
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                h.wfile.flush()
                if reply.chunk_delay:
                    time.sleep(reply.chunk_delay)
            if reply.truncate:
                h.close_connection = True
                h.connection.shutdown(socket.SHUT_RDWR)
                return
            h.wfile.write(b"0\r\n\r\n")
            return
        h.send_header("content-length", str(len(body)))
        h.end_headers()
        if reply.truncate:
            h.wfile.write(body[: len(body) // 2])
            h.wfile.flush()
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        h.wfile.write(body)

    def add(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def close(self) -> None:
        self.httpd.close()


SEED_REQUEST = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "Say this is a test!"}],
    "temperature": 0.7,
}


def completion(content: str = "This is a test!", **overrides: Any) -> dict[str, Any]:
    """A valid non-streamed completion body."""
    body: dict[str, Any] = {
        "id": "chatcmpl-abc123",
        "object": "chat.completion",
        "created": 1741569952,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None, "annotations": []},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 13, "completion_tokens": 5, "total_tokens": 18},
        "service_tier": "default",
    }
    body.update(overrides)
    return body


def chunk(delta: dict[str, Any] | None = None, finish_reason: str | None = None, index: int = 0, **top: Any) -> dict:
    """A stream chunk with one choice."""
    return {
        "id": "chatcmpl-abc123",
        "object": "chat.completion.chunk",
        "created": 1741569952,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [{"index": index, "delta": delta or {}, "logprobs": None, "finish_reason": finish_reason}],
        **top,
    }


def ok(body: Any = None, request_id: str = "req_123", **headers: str) -> Reply:
    """A 200 JSON reply."""
    return Reply(200, completion() if body is None else body, {"x-request-id": request_id, **headers})


def stream_reply(*events: Any, done: bool = True, **kwargs: Any) -> Reply:
    """A 200 event-stream reply."""
    return Reply(
        200,
        headers={"content-type": "text/event-stream", "x-request-id": "req_stream"},
        chunks=sse(*events, done=done),
        **kwargs,
    )
