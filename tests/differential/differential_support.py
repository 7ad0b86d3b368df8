"""Runs one call through `openai` and through `chat_completions`, sync or async, and reduces what happened to an
`Outcome` the two can be compared on (imported as `differential_support`).

Results are compared as plain JSON: `openai` models by `model_dump(exclude_unset=True)` (the fields the answer had,
unknown ones included), ours by `to_dict()` (unknown fields come from `additional_properties`); in both, keys whose value
is null are dropped, since "absent" and "null" read the same through either SDK's attributes. Errors are compared on a
shared taxonomy: the class name (the two SDKs use the same names), and for status errors the status, `code`, `type` and
`param`; an exception from neither SDK's hierarchy (a leaked `JSONDecodeError`) is its bare class name.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import chat_completions
import openai
from byte_server import Answer, Script

KEY = "sk-differential-0123456789abcdef"
MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Say this is a test!"}]
COMPLETION_ID = "chatcmpl-abc123"
DOC = Path(__file__).resolve().parents[2] / "docs" / "differences.md"
CALLS = ("create", "stream", "retrieve", "update", "delete", "list", "messages")
MODES = ("sync", "async")


@dataclass(frozen=True)
class Case:
    """One byte-scripted situation, sent to both SDKs.

    `answers` are written in order, one per request. `call` names the method (`CALLS`), `args` its arguments beyond
    the defaults. `base_url` builds the client's base URL from the script (default: `script.base_url`); `client`
    holds extra constructor options, given to both clients. `check` asserts on the requests a run made (it runs for
    both SDKs: the oracle must pass it too). `extras` are dotted paths in our result whose last part must be kept in
    that object's `additional_properties`. `differs`: a deliberate difference, listed in docs/differences.md.
    `off_spec`: the answer breaks the spec in a way the tolerant default reads, so strict mode must raise.
    """

    name: str
    group: str
    call: str
    answers: tuple[Answer, ...]
    why: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    max_retries: int = 0
    timeout: float = 5.0
    base_url: Callable[[Script], str] | None = None
    client: dict[str, Any] = field(default_factory=dict)
    check: Callable[[Script], None] | None = None
    extras: tuple[str, ...] = ()
    differs: bool = False
    off_spec: bool = False


@dataclass
class Outcome:
    """What a run gave: the normalised result (for a stream, the chunks read so far), the error (None: none), the
    SDK's own result objects (for `extras`), the requests the server saw (the script's prefix removed), and the
    `x-request-id` the single result or the status error carries."""

    value: Any = None
    error: dict[str, Any] | None = None
    objects: Any = None
    requests: list[tuple[Any, ...]] = field(default_factory=list)
    request_id: str | None = None

    @property
    def label(self) -> str:
        """`result`, or the error's class name: the words the differences table uses."""
        return "result" if self.error is None else str(self.error["error"])

    def comparable(self) -> dict[str, Any]:
        return {"value": self.value, "error": self.error, "request_id": self.request_id}


def plain(value: Any) -> Any:
    """JSON-like data with null-valued keys dropped, recursively."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _dump_openai(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return plain(obj.model_dump(exclude_unset=True, warnings=False))  # off-spec values are the point here
    return plain(obj)  # openai hands back what it could not model (a str, a dict) as is


def _dump_ours(obj: Any) -> Any:
    if hasattr(obj, "to_dict"):
        return plain(obj.to_dict())
    return plain(obj)


def error_of(exc: BaseException, sdk: Any) -> dict[str, Any]:
    """`exc` in the shared taxonomy; `sdk` is the module whose hierarchy it is read against."""
    name = type(exc).__name__
    if isinstance(exc, sdk.APIStatusError):
        return {"error": name, "status": exc.status_code, "code": exc.code, "type": exc.type, "param": exc.param}
    if isinstance(exc, sdk.APIConnectionError | sdk.APIResponseValidationError):
        return {"error": name}
    if isinstance(exc, sdk.APIError):  # an error event in a stream: its message is the content
        return {"error": name, "message": exc.message}
    return {"error": name}


# -- calls ---------------------------------------------------------------------------------------------------------


def _kwargs(case: Case) -> dict[str, Any]:
    base: dict[str, Any] = {"model": MODEL, "messages": MESSAGES}
    return {**base, **case.args}


def _sync_call(case: Case, client: Any, dump: Callable[[Any], Any], out: Outcome) -> None:
    completions = client.chat.completions
    if case.call == "create":
        out.objects = completions.create(**_kwargs(case))
        out.value = dump(out.objects)
    elif case.call == "stream":
        out.value, out.objects = [], []
        with completions.create(**_kwargs(case), stream=True) as stream:
            for chunk in stream:
                out.objects.append(chunk)
                out.value.append(dump(chunk))
    elif case.call in ("list", "messages"):
        out.value, out.objects = [], []
        pages = (
            completions.list(**case.args)
            if case.call == "list"
            else completions.messages.list(case.args.get("completion_id", COMPLETION_ID))
        )
        for item in pages:
            out.objects.append(item)
            out.value.append(dump(item))
    else:
        completion_id = case.args.get("completion_id", COMPLETION_ID)
        if case.call == "retrieve":
            out.objects = completions.retrieve(completion_id)
        elif case.call == "update":
            out.objects = completions.update(completion_id, metadata={"topic": "test"})
        elif case.call == "delete":
            out.objects = completions.delete(completion_id)
        else:
            raise AssertionError(f"unknown call {case.call!r}")
        out.value = dump(out.objects)


async def _async_call(case: Case, client: Any, dump: Callable[[Any], Any], out: Outcome) -> None:
    completions = client.chat.completions
    if case.call == "create":
        out.objects = await completions.create(**_kwargs(case))
        out.value = dump(out.objects)
    elif case.call == "stream":
        out.value, out.objects = [], []
        stream = await completions.create(**_kwargs(case), stream=True)
        async with stream:
            async for chunk in stream:
                out.objects.append(chunk)
                out.value.append(dump(chunk))
    elif case.call in ("list", "messages"):
        out.value, out.objects = [], []
        pages = (
            completions.list(**case.args)
            if case.call == "list"
            else completions.messages.list(case.args.get("completion_id", COMPLETION_ID))
        )
        async for item in pages:
            out.objects.append(item)
            out.value.append(dump(item))
    else:
        completion_id = case.args.get("completion_id", COMPLETION_ID)
        if case.call == "retrieve":
            out.objects = await completions.retrieve(completion_id)
        elif case.call == "update":
            out.objects = await completions.update(completion_id, metadata={"topic": "test"})
        elif case.call == "delete":
            out.objects = await completions.delete(completion_id)
        else:
            raise AssertionError(f"unknown call {case.call!r}")
        out.value = dump(out.objects)


def _options(case: Case, script: Script) -> dict[str, Any]:
    base_url = case.base_url(script) if case.base_url else script.base_url
    return {
        "api_key": KEY,
        "base_url": base_url,
        "max_retries": case.max_retries,
        "timeout": case.timeout,
        **case.client,
    }


def _requests(script: Script) -> list[tuple[Any, ...]]:
    """Each request as method, path segments (percent-decoded one by one), sorted query pairs, the body (parsed when
    JSON) and whether it carried `Authorization`: equal for equivalent requests."""
    out = []
    for seen in script.requests:
        path, _, query = seen.target.removeprefix(script.prefix).partition("?")
        segments = [unquote(s) for s in path.split("/")]
        try:
            body = json.loads(seen.body) if seen.body else None
        except ValueError:
            body = seen.body
        pairs = sorted(parse_qsl(query, keep_blank_values=True))
        out.append((seen.method, segments, pairs, body, "authorization" in seen.headers))
    return out


def run(sdk: str, mode: str, case: Case, script: Script) -> Outcome:
    """One run of `case` through `sdk` ("openai" or "ours") in `mode` ("sync" or "async") against `script`."""
    module: Any = openai if sdk == "openai" else chat_completions
    dump = _dump_openai if sdk == "openai" else _dump_ours
    out = Outcome()
    try:
        if mode == "sync":
            sync_class = module.OpenAI if sdk == "openai" else module.Client
            with sync_class(**_options(case, script)) as client:
                _sync_call(case, client, dump, out)
        else:
            async_class = module.AsyncOpenAI if sdk == "openai" else module.AsyncClient

            async def main() -> None:
                async with async_class(**_options(case, script)) as client:
                    await _async_call(case, client, dump, out)

            asyncio.run(main())
    except Exception as exc:
        out.error = error_of(exc, module)
        out.objects = exc
        if isinstance(exc, module.APIStatusError):  # `openai` has no response (so no request id) for the others
            out.request_id = exc.request_id
    else:
        out.request_id = getattr(out.objects, "_request_id", None)  # a single result: the x-request-id it came with
    out.requests = _requests(script)
    return out


# -- the differences table -----------------------------------------------------------------------------------------

_ROW = re.compile(r"^\|\s*`(?P<case>[a-z0-9_]+)`\s*\|(?P<openai>[^|]*)\|(?P<ours>[^|]*)\|(?P<reason>[^|]*)\|\s*$")
_LABEL = re.compile(r"`(\w+)`|\b(result)\b")


def _label(cell: str) -> str:
    match = _LABEL.search(cell)
    if match is None:
        raise ValueError(f"no outcome in table cell {cell!r}: write `result` or the error class in backticks")
    return match.group(1) or match.group(2)


def differences(path: Path = DOC) -> dict[str, tuple[str, str, str]]:
    """The table in docs/differences.md: case name -> (openai's outcome, ours, reason)."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            name = match["case"]
            if name in table:
                raise ValueError(f"case {name!r} is listed twice in {path}")
            table[name] = (_label(match["openai"]), _label(match["ours"]), match["reason"].strip())
    return table


def walk(obj: Any, path: str) -> tuple[Any, str]:
    """The object holding the last part of dotted `path` in our result objects, and that last part."""
    *parents, last = path.split(".")
    for part in parents:
        obj = obj[int(part)] if part.isdigit() else getattr(obj, part)
    return obj, last
