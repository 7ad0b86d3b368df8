"""The handlers of the six operations and of the `/_mock/` control routes."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import math
import re
import time
from typing import Any
from urllib.parse import parse_qsl

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive

from ._completions import Plan, plan
from ._errors import ApiError, invalid
from ._models import Profile, model_not_found
from ._pacing import Schedule, last_token_at, latency_of, schedule
from ._render import render, stored_messages
from ._rules import Create, check_create, check_metadata
from ._spec import QuerySchema
from ._sse import render_stream
from ._state import MockState
from ._store import Page
from ._tokens import prompt_tokens
from ._values import WorkExhausted
from ._wire import FAULT_KEY, ClientGone, EventStream, json_response

_INTEGER = re.compile(r"\s*[+-]?[0-9]+\s*")
_DRAIN_BYTES = 64 * 1024 * 1024
_INTEGER_FIELDS = ("n", "max_tokens", "max_completion_tokens", "top_logprobs", "seed")
_EXACT = 2.0**53  # integral floats up to this are read as the integers they equal
#: What handling a create request may raise on odd input (user schemas in permissive mode above all): a 400.
_UNEXPECTED = (RecursionError, ValueError, TypeError, LookupError, AttributeError, OverflowError, MemoryError)


def _number(text: str) -> float | int:
    """A JSON number with a fraction or exponent: finite, and an int when integral (JSON Schema's view: 1.0 is 1)."""
    value = float(text)
    if math.isinf(value):
        raise ValueError("number out of range")
    if value.is_integer() and -_EXACT <= value <= _EXACT:
        return int(value)
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not valid JSON")


_DECODER = json.JSONDecoder(parse_float=_number, parse_constant=_no_constant)


async def read_body(receive: Receive, limit: int) -> bytes:
    """The request body; 413 past `limit` bytes.

    An oversized body is still read (and dropped) up to `limit` + 64 MiB, so that the client, still sending, gets
    the 413 rather than a reset connection; past that the answer goes out at once.
    """
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= limit:
            if chunk:
                chunks.append(chunk)
        elif size > limit + _DRAIN_BYTES:
            break
        else:
            chunks.clear()
        if not message.get("more_body", False):
            break
    if size > limit:
        raise ApiError(413, f"The request body is too large: the limit is {limit} bytes.")
    return b"".join(chunks)


def parse_json(raw: bytes) -> Any:
    """Decode a JSON body; 400 with the real API's message when it is not JSON."""
    try:
        text = raw.decode("utf-8")
        value = _DECODER.decode(text)
        if "\\u" in text and ("\\ud" in text.lower()):
            json.dumps(value, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise invalid(
            "We could not parse the JSON body of your request: it is nested too deeply.", None, "invalid_json"
        ) from None
    except (ValueError, UnicodeError):
        raise invalid(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP"
            " library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON."
            " If you have trouble figuring out how to fix this, please contact us through our help center at"
            " help.openai.com.)",
            None,
            "invalid_json",
        ) from None
    return value


class Handlers:
    """The six operations (plus the `/_mock/` control routes), bound to one `MockState`."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.spec = state.spec
        self.permissive = state.options.permissive

    async def _body(self, request: Request) -> Any:
        raw = await read_body(request.receive, self.state.options.max_body_bytes)
        if not raw.strip():
            raise invalid("You must provide a JSON body: this endpoint expects a JSON object.", None, "missing_body")
        return parse_json(raw)

    def _validate(self, validator: Any, body: Any) -> None:
        try:
            if validator.is_valid(body):
                return
            error = next(iter(validator.iter_errors(body)))
        except (ValueError, OverflowError, TypeError, RecursionError) as exc:
            raise invalid(f"The request body could not be validated: {exc}", None, "invalid_value") from None
        raise self.state.errors.describe(error)

    async def create(self, request: Request) -> Response:
        """POST /chat/completions."""
        arrived = asyncio.get_running_loop().time()
        state = self.state
        body = await self._body(request)
        self._validate(self.spec.create_request, body)
        for name in _INTEGER_FIELDS:
            value = body.get(name)
            if isinstance(value, float):  # JSON Schema counts 2.0 as an integer (past 2**53 too)
                body[name] = int(value)
        profile = self._profile(body)
        try:
            create = Create(body, state.options.context_window, profile)
            if not self.permissive:
                check_create(create)
            tokens = create.prompt_tokens
            seq = state.store.next_seq()
            created = int(time.time())
            try:
                planned = plan(body, seq=seq, created=created, prompt_tokens=tokens, inline=True, profile=profile)
            except WorkExhausted:
                # Heavy (large generated values, many choices with logprobs): plan it off the event loop, so that
                # other requests are not held up; the answer is the same, it only needed more work.
                heavy = functools.partial(plan, body, seq=seq, created=created, prompt_tokens=tokens, profile=profile)
                planned = await anyio.to_thread.run_sync(heavy)
        except _UNEXPECTED as exc:
            raise invalid(f"The request could not be processed: {type(exc).__name__}.", None, "invalid_value") from None
        if body.get("store") is True:
            completion = render(planned)
            completion["metadata"] = dict(body.get("metadata") or {})
            messages = stored_messages(planned.id, body, self.spec.listed_message_role)
            await state.store.add(seq, completion, messages)
        if body.get("stream") is True:
            events = render_stream(planned)
            pace = self._pace(planned, profile, events)
            return EventStream(events, request.scope.get(FAULT_KEY), state, pace, arrived)
        await self._wait_like_the_model(planned, profile, arrived)
        return json_response(render(planned))

    def _profile(self, body: dict[str, Any]) -> Profile:
        """The profile answering this request: 404 `model_not_found` for a model the mock does not serve (an empty
        `model` is left to the `model_given` rule; permissive mode serves any name)."""
        models = self.state.models
        if not body.get("model") or self.permissive:
            return models.by_name.get(body.get("model")) or models.fallback  # type: ignore[arg-type]
        return models.resolve(body["model"])

    def _pace(self, planned: Plan, profile: Profile, events: list[bytes]) -> Schedule | None:
        """The stream's schedule under `--latency` (None: sent at once)."""
        latency = latency_of(self.state.options.latency, profile)
        if latency is None:
            return None
        tokens = planned.completion_tokens - planned.reasoning_tokens
        return schedule(latency, tokens, len(events), planned.digest, self.state.options.latency_seed)

    async def _wait_like_the_model(self, planned: Plan, profile: Profile, arrived: float) -> None:
        """Under `--latency`, a JSON answer comes when its stream's last token would (an asyncio sleep)."""
        latency = latency_of(self.state.options.latency, profile)
        if latency is None:
            return
        tokens = planned.completion_tokens - planned.reasoning_tokens
        done = last_token_at(latency, tokens, planned.digest, self.state.options.latency_seed)
        delay = arrived + done - asyncio.get_running_loop().time()
        if delay > 0:
            await asyncio.sleep(delay)

    async def models(self, request: Request) -> Response:
        """GET /models: every model name the mock serves."""
        return json_response({"object": "list", "data": self.state.models.listed()})

    async def model(self, request: Request) -> Response:
        """GET /models/{model}: one served model, else 404 `model_not_found`."""
        name = request.path_params["model"]
        models = self.state.models
        if name not in models.by_name:
            raise model_not_found(name)
        return json_response(models.entry(name))

    def _query(self, request: Request, schema: QuerySchema) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        metadata: dict[str, str] = {}
        try:
            pairs = parse_qsl(
                request.scope["query_string"].decode("latin-1"), keep_blank_values=True, max_num_fields=1000
            )
        except ValueError as exc:
            raise invalid(f"Invalid query string: {exc}", None, "invalid_value") from None
        for key, value in pairs:
            if key.startswith("metadata[") and key.endswith("]") and "metadata" in schema.params:
                metadata[key[9:-1]] = value
            elif key in schema.params:
                values[key] = value
        for key, value in values.items():
            coerced: Any = value
            if key in schema.integers and _INTEGER.fullmatch(value):
                with contextlib.suppress(ValueError):  # past 4,300 digits
                    coerced = int(value)
            validator = schema.validator_for(key)
            if not validator.is_valid(coerced):
                raise self.state.errors.describe(next(iter(validator.iter_errors(coerced))), [key])
            values[key] = coerced
        return values, metadata

    @staticmethod
    def _page(page: Page) -> dict[str, Any]:
        items = page.items
        return {
            "object": "list",
            "data": items,
            "first_id": items[0]["id"] if items else "",
            "last_id": items[-1]["id"] if items else "",
            "has_more": page.has_more,
        }

    @staticmethod
    def _limit(values: dict[str, Any]) -> int:
        limit = values.get("limit", 20)
        return min(max(int(limit), 1), 100)

    async def list(self, request: Request) -> Response:
        """GET /chat/completions."""
        values, metadata = self._query(request, self.spec.list_query)
        page = self.state.store.list(
            model=values.get("model"),
            metadata=metadata,
            after=values.get("after"),
            limit=self._limit(values),
            order=values.get("order", "asc"),
        )
        return json_response(self._page(page))

    def _missing(self, completion_id: str) -> ApiError:
        return ApiError(404, f"No chat completion found with id '{completion_id[:200]}'.", code=None)

    def _synthesized(self, completion_id: str, metadata: dict[str, str] | None = None) -> dict[str, Any]:
        body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Say {completion_id}"}]}
        planned = plan(body, seq=0, created=int(time.time()), prompt_tokens=prompt_tokens(body))
        planned.id = completion_id
        completion = render(planned)
        completion["metadata"] = metadata or {}
        return completion

    async def retrieve(self, request: Request) -> Response:
        """GET /chat/completions/{completion_id}."""
        completion_id = request.path_params["completion_id"]
        found = self.state.store.get(completion_id)
        if found is None:
            if not self.permissive:
                raise self._missing(completion_id)
            return json_response(self._synthesized(completion_id))
        return json_response(found.completion)

    async def update(self, request: Request) -> Response:
        """POST /chat/completions/{completion_id} (replace `metadata`)."""
        completion_id = request.path_params["completion_id"]
        body = await self._body(request)
        self._validate(self.spec.update_request, body)
        metadata = dict(body.get("metadata") or {})
        if not self.permissive:
            check_metadata(metadata)
        updated = await self.state.store.update_metadata(completion_id, metadata)
        if updated is None:
            if not self.permissive:
                raise self._missing(completion_id)
            return json_response(self._synthesized(completion_id, metadata))
        return json_response(updated)

    async def delete(self, request: Request) -> Response:
        """DELETE /chat/completions/{completion_id}."""
        completion_id = request.path_params["completion_id"]
        if not await self.state.store.delete(completion_id) and not self.permissive:
            raise self._missing(completion_id)
        return json_response({"object": "chat.completion.deleted", "id": completion_id, "deleted": True})

    async def messages(self, request: Request) -> Response:
        """GET /chat/completions/{completion_id}/messages."""
        completion_id = request.path_params["completion_id"]
        values, _ = self._query(request, self.spec.messages_query)
        page = self.state.store.messages(
            completion_id, after=values.get("after"), limit=self._limit(values), order=values.get("order", "asc")
        )
        if page is None:
            if not self.permissive:
                raise self._missing(completion_id)
            body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello!"}]}
            page = Page(stored_messages(completion_id, body, self.spec.listed_message_role), False)
        return json_response(self._page(page))

    async def stats(self, request: Request) -> Response:
        """GET /_mock/stats: request and stream counters."""
        return json_response(self.state.stats())

    async def faults(self, request: Request) -> Response:
        """GET/POST/DELETE /_mock/faults: list, script (`{"fault": "status=503;times=2"}`) or clear faults."""
        book = self.state.faults
        if request.method == "POST":
            body = await self._body(request)
            spec = body.get("fault") if isinstance(body, dict) else None
            if not isinstance(spec, str):
                raise invalid('Expected {"fault": "<fault spec>"}.', "fault", "invalid_value")
            try:
                ident = book.add(spec)
            except ValueError as exc:
                raise invalid(f"Invalid fault: {exc}", "fault", "invalid_mock_fault") from None
            return json_response({"id": ident, "fault": spec})
        if request.method == "DELETE":
            book.clear()
        return json_response({"scripted": book.scripted()})
