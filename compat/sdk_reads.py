"""Does our SDK read a real server's answers as `openai` reads them? Four requests, the same bytes to both SDKs.

For each kind (plain, streamed, tool call, streamed tool call) the answer is fetched once from the running server
with httpx and kept as bytes (status, headers, body in the pieces it arrived in). A replayer on 127.0.0.1 then
serves exactly those bytes to the official `openai` client and to ours (`chat_completions.Client`), so both read the
same answer even from a server that makes up ids, timestamps or text per request (llama.cpp samples a model).
What each read is reduced to plain JSON (openai: `model_dump(exclude_unset=True)`, ours: `to_dict()`, a stream as the
list of its chunks, null-valued keys dropped, since absent and null read the same through both SDKs' attributes)
and compared. The verdicts land in `sdk_reads.json` beside the contract report; compat/render.py shows them.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import chat_completions
import httpx
import openai

from .servers import Endpoint

FORMAT = 1
KINDS = ("plain", "streamed", "tool_call", "streamed_tool_call")
TOOL_NAME = "compat_weather"  # a name nothing else sends: aimock's tool-call fixture matches on it
TOOL = {
    "type": "function",
    "function": {
        "name": TOOL_NAME,
        "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
READ_TIMEOUT = 120.0  # seconds for one answer: llama.cpp on one thread writes a few tokens per second
DIFF_LIMIT = 240  # characters of each side quoted in a difference
# Headers the replayer sets itself (it sends the body with a length, then closes), so they are not replayed.
_HOP_HEADERS = frozenset({"content-length", "transfer-encoding", "connection", "keep-alive", "date", "server"})


@dataclass(frozen=True)
class Recorded:
    """One answer as the server sent it: status, headers, and the body in the pieces it arrived in."""

    status: int
    headers: tuple[tuple[str, str], ...]
    pieces: tuple[bytes, ...]


def request_body(kind: str, model: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON body of one kind's request: short, greedy, seeded; tool kinds offer one tool and require it."""
    body: dict[str, Any] = {
        "model": model,
        "messages": [{"role": "user", "content": "What is the weather in Paris? Say this is a test!"}],
        "max_tokens": 24,
        "temperature": 0,
        "seed": 1,
    }
    if kind in ("tool_call", "streamed_tool_call"):
        body["tools"] = [TOOL]
        body["tool_choice"] = {"type": "function", "function": {"name": TOOL_NAME}}  # llama.cpp needs it named
    if kind in ("streamed", "streamed_tool_call"):
        body["stream"] = True
    return {**body, **(overrides or {})}


def record(endpoint: Endpoint, body: Mapping[str, Any]) -> Recorded:
    """POST `body` to the server's /chat/completions and keep the answer's bytes as they came (still encoded)."""
    headers = {"Authorization": f"Bearer {endpoint.api_key}"}
    with (
        httpx.Client(timeout=READ_TIMEOUT) as client,
        client.stream("POST", endpoint.base_url.rstrip("/") + "/chat/completions", json=body, headers=headers) as r,
    ):
        pieces = tuple(piece for piece in r.iter_raw() if piece)
        kept = tuple((k, v) for k, v in r.headers.multi_items() if k.lower() not in _HOP_HEADERS)
        return Recorded(r.status_code, kept, pieces)


@contextmanager
def replaying(answer: Recorded) -> Iterator[str]:
    """Serve `answer` to every POST on a free 127.0.0.1 port, a piece at a time; yield the base URL (with /v1)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # the name http.server calls
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(sum(len(p) for p in answer.pieces)))
            self.send_header("Connection", "close")
            self.end_headers()
            for piece in answer.pieces:
                self.wfile.write(piece)
                self.wfile.flush()

        def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def plain(value: Any) -> Any:
    """JSON-like data with null-valued keys dropped, recursively (absent and null read the same)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _dump_openai(obj: Any) -> Any:
    return plain(obj.model_dump(exclude_unset=True, warnings=False) if hasattr(obj, "model_dump") else obj)


def _dump_ours(obj: Any) -> Any:
    return plain(obj.to_dict() if hasattr(obj, "to_dict") else obj)


def _read(client: Any, body: Mapping[str, Any], dump: Callable[[Any], Any]) -> Any:
    """What one SDK reads for `body`: the completion, or the list of a stream's chunks."""
    params = dict(body)
    if params.pop("stream", False):
        with client.chat.completions.create(**params, stream=True) as stream:
            return [dump(chunk) for chunk in stream]
    return dump(client.chat.completions.create(**params))


def _error(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    return f"{type(exc).__name__}" + (f" ({status})" if status is not None else "") + f": {_one_line(str(exc))}"


def read_both(base_url: str, body: Mapping[str, Any]) -> tuple[Any, str | None, Any, str | None]:
    """(openai's read, its error, ours, its error) of the answer served at `base_url`; an error is one line."""
    key = "sk-compat-replay"  # the replayer checks no key; this one is sent only to 127.0.0.1
    reads: list[tuple[Any, str | None]] = []
    for make, dump in (
        (lambda: openai.OpenAI(api_key=key, base_url=base_url, max_retries=0, timeout=READ_TIMEOUT), _dump_openai),
        (lambda: chat_completions.Client(key, base_url=base_url, max_retries=0, timeout=READ_TIMEOUT), _dump_ours),
    ):
        try:
            with make() as client:
                reads.append((_read(client, body, dump), None))
        except Exception as exc:  # whatever an SDK raises is the finding
            reads.append((None, _error(exc)))
    (theirs, their_error), (ours, our_error) = reads
    return theirs, their_error, ours, our_error


def verdict(theirs: Any, their_error: str | None, ours: Any, our_error: str | None) -> tuple[str, str]:
    """(verdict, detail): `same`, `differs` (the first difference), `ours raised`, `openai raised` or `both raised`."""
    if their_error and our_error:
        return "both raised", f"openai: {their_error}; ours: {our_error}"
    if our_error:
        return "ours raised", our_error
    if their_error:
        return "openai raised", their_error
    found = first_difference(theirs, ours)
    return ("same", "") if found is None else ("differs", found)


def first_difference(theirs: Any, ours: Any, path: str = "$") -> str | None:
    """Where two plain JSON values first differ, as `path: openai read X, ours Y`; None when they are equal."""
    if isinstance(theirs, dict) and isinstance(ours, dict):
        return _dict_difference(theirs, ours, path)
    if isinstance(theirs, list) and isinstance(ours, list):
        return _list_difference(theirs, ours, path)
    if theirs != ours or type(theirs) is not type(ours):
        return f"{path}: openai read {_clip(theirs)}, ours {_clip(ours)}"
    return None


def _dict_difference(theirs: dict[str, Any], ours: dict[str, Any], path: str) -> str | None:
    for key in list(theirs) + [k for k in ours if k not in theirs]:
        if key not in ours or key not in theirs:
            said = [_clip(side[key]) if key in side else "(absent)" for side in (theirs, ours)]
            return f"{path}.{key}: openai read {said[0]}, ours {said[1]}"
        found = first_difference(theirs[key], ours[key], f"{path}.{key}")
        if found:
            return found
    return None


def _list_difference(theirs: list[Any], ours: list[Any], path: str) -> str | None:
    for index, (a, b) in enumerate(zip(theirs, ours, strict=False)):
        found = first_difference(a, b, f"{path}[{index}]")
        if found:
            return found
    if len(theirs) != len(ours):
        return f"{path}: openai read {len(theirs)} items, ours {len(ours)}"
    return None


def answer_shape(value: Any) -> str:
    """What the answer held, in a few words: `text`, `tool call` or `no choices`, and a stream's chunk count."""
    items = value if isinstance(value, list) else [value]
    choices = [c for item in items if isinstance(item, dict) for c in item.get("choices", []) if isinstance(c, dict)]
    parts = [c.get("message") or c.get("delta") or {} for c in choices]
    held = (
        "tool call"
        if any(p.get("tool_calls") or p.get("function_call") for p in parts)
        else "text"
        if any(p.get("content") for p in parts)
        else "no choices"
        if not choices
        else "no text"
    )
    if not isinstance(value, list):
        return held
    return f"{held}, {len(items)} chunk{'' if len(items) == 1 else 's'}"


@contextmanager
def _recorded_by_mock(endpoint: Endpoint, cassettes: Path | None, kind: str) -> Iterator[Endpoint]:
    """`endpoint`, or a recording mock in front of it writing `cassettes/<kind>.yaml` (the caller's key goes through)."""
    if cassettes is None:
        yield endpoint
        return
    from chat_completions_mock import MockServer

    with MockServer(
        record_to=cassettes, upstream=endpoint.base_url, upstream_key_env="", cassette_name=kind, request_log=0
    ) as recorder:
        yield dataclasses.replace(endpoint, base_url=recorder.base_url)


@contextmanager
def _replayed(answer: Recorded, cassettes: Path | None) -> Iterator[str]:
    """Where the recorded answer is served: the mock replaying the cassettes, or the byte replayer."""
    if cassettes is None:
        with replaying(answer) as base_url:
            yield base_url
        return
    from chat_completions_mock import MockServer

    with MockServer(replay=cassettes, request_log=0) as replay:
        yield replay.base_url


def check_reads(
    endpoint: Endpoint, overrides: Mapping[str, Mapping[str, Any]] | None = None, cassettes: Path | None = None
) -> dict[str, Any]:
    """Record each kind's answer from `endpoint`, replay it to both SDKs, compare: `sdk_reads.json`'s content.

    With `cassettes`, each answer is recorded through the mock (`--record-to`) into `cassettes/<kind>.yaml` and
    replayed to both SDKs by the mock (`--replay`), so the run also keeps the server's real answers as cassettes.
    """
    reads = []
    for kind in KINDS:
        body = request_body(kind, endpoint.model, (overrides or {}).get(kind))
        said = {k: body[k] for k in ("model", "stream", "tool_choice") if k in body}
        entry: dict[str, Any] = {"kind": kind, "request": said}
        try:
            with _recorded_by_mock(endpoint, cassettes, kind) as through:
                answer = record(through, body)
        except httpx.HTTPError as exc:
            reads.append({**entry, "verdict": "no answer", "detail": _error(exc)})
            continue
        with _replayed(answer, cassettes) as base_url:
            theirs, their_error, ours, our_error = read_both(base_url, body)
        result, detail = verdict(theirs, their_error, ours, our_error)
        entry.update(status=answer.status, verdict=result, detail=detail)
        if their_error is None:
            entry["answer"] = answer_shape(theirs)
        reads.append(entry)
    return {
        "format": FORMAT,
        "tool": f"openai {openai.__version__}, chat-completions {chat_completions.__version__}",
        "reads": reads,
    }


def write_reads(
    endpoint: Endpoint, work: Path, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """`check_reads` written to `work/sdk_reads.json` (the recorded answers to `work/cassettes/`); returns it."""
    result = check_reads(endpoint, overrides, work / "cassettes")
    (work / "sdk_reads.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return result


def _clip(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= DIFF_LIMIT else text[: DIFF_LIMIT - 1] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:DIFF_LIMIT]
