"""`parse()` and `stream()` of `openai` and of ours on the same answers: the same `parsed` values, refusals, parsed
tool arguments, stream events (in the same order, with the same payloads) and errors on cut or filtered answers.

Both SDKs get the same pydantic model (the only kind `openai` decodes) and the same tools; each answer is written by
the byte server, once per SDK. The answers: scripted ones (`CASES`), and the real OpenAI answers recorded by
openai-python's own structured-output and stream-helper tests (`openapi/evidence/openai-python/completions*.yaml`),
each called as its test called it (the request in the cassette; the types below are the ones its schema describes).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import decimal
import enum
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypedDict, TypeVar

import attrs
import chat_completions
import openai
import pydantic
import pytest
import yaml
from byte_server import Answer, ByteServer
from chat_completions._structured import codec
from chat_completions_api.types import dump_value
from differential_cases import answer, chunk, close_delimited, completion, events, message, raw, sse
from differential_support import KEY, MODEL, plain

#: openai's own `to_dict()` of a parsed completion warns that `parsed` is not None (its generic field's type).
pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")


class Units(StrEnum):
    CELSIUS = "c"
    FAHRENHEIT = "f"


class Location(pydantic.BaseModel):
    city: str
    temperature: float
    units: Literal["c", "f"]


class Weather(pydantic.BaseModel):
    city: str
    units: Units | None = None


class Query(pydantic.BaseModel):
    table_name: Literal["orders", "customers"]
    columns: list[str]
    conditions: list[Filter] = []


class Filter(pydantic.BaseModel):
    column: str
    value: str | int | None


Query.model_rebuild()


class Described(pydantic.BaseModel):
    """A `$ref` with a description beside it, which the strict dialect does not allow: inlined."""

    units: Units = pydantic.Field(description="the units")
    where: Location = pydantic.Field(description="the place")
    also: Location | None


LOCATION = '{"city":"San Francisco","temperature":65,"units":"f"}'
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_stock",
        "parameters": {
            "type": "object",
            "properties": {"ticker": {"type": "string"}},
            "required": ["ticker"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}


def _call(name: str, arguments: str, index: int = 0) -> dict[str, Any]:
    return {"id": f"call_{index}", "type": "function", "function": {"name": name, "arguments": arguments}}


@dataclass(frozen=True)
class Case:
    """One call made through both SDKs: `method` parse or stream, its keywords (`tools` built per SDK: `openai`'s
    `pydantic_function_tool` or our `function_tool` for a type), the answer."""

    name: str
    method: Literal["parse", "stream"]
    answer: Answer
    response_format: Any = None
    typed_tools: tuple[type[Any], ...] = ()
    tools: tuple[dict[str, Any], ...] = ()
    args: dict[str, Any] = field(default_factory=dict)
    nullable_defaults: bool = False  # a field with a default: nullable in our schema (docs/differences.md)


def _stream_of(text: str, pieces: int = 3, finish: str = "stop", **delta: Any) -> list[dict[str, Any]]:
    size = -(-len(text) // pieces)
    out = [chunk({"role": "assistant", "content": "", "refusal": None})]
    out += [chunk({"content": text[i : i + size], **delta}) for i in range(0, len(text), size)]
    return [*out, chunk({}, finish)]


def _tool_stream(*calls: tuple[str, str], finish: str = "tool_calls") -> list[dict[str, Any]]:
    out = [chunk({"role": "assistant", "content": None})]
    for index, (name, arguments) in enumerate(calls):
        head = {"index": index, "id": f"call_{index}", "type": "function", "function": {"name": name, "arguments": ""}}
        out.append(chunk({"tool_calls": [head]}))
        half = len(arguments) // 2
        for part in (arguments[:half], arguments[half:]):
            out.append(chunk({"tool_calls": [{"index": index, "function": {"arguments": part}}]}))
    return [*out, chunk({}, finish)]


def _logprob(token: str) -> dict[str, Any]:
    return {"token": token, "logprob": -0.5, "bytes": list(token.encode()), "top_logprobs": []}


def _logprob_stream() -> list[dict[str, Any]]:
    out = [chunk({"role": "assistant", "content": "", "refusal": None}, choice={"logprobs": {"content": []}})]
    for token in ("Hello", "!"):
        out.append(chunk({"content": token}, choice={"logprobs": {"content": [_logprob(token)], "refusal": None}}))
    return [*out, chunk({}, "stop")]


def _refusal_stream() -> list[dict[str, Any]]:
    out = [chunk({"role": "assistant", "content": None, "refusal": ""})]
    out += [chunk({"refusal": part}) for part in ("I'm sorry, ", "I can't help with that.")]
    return [*out, chunk({}, "stop")]


def _detail(index: int, text: str) -> dict[str, Any]:
    return {"type": "reasoning.text", "index": index, "text": text, "format": "unknown"}


def _azure_stream() -> list[dict[str, Any]]:
    """Azure's: a first chunk with no choice (its prompt filter results), then each choice's content filter results."""
    filters = {"content_filter_results": {"hate": {"filtered": False, "severity": "safe"}}}
    prompt = [{"prompt_index": 0, **filters}]
    first = {"choices": [], "created": 0, "id": "", "model": "", "object": "", "prompt_filter_results": prompt}
    return [
        first,
        *(
            chunk(c["choices"][0]["delta"], c["choices"][0]["finish_reason"], choice=filters)
            for c in _stream_of(LOCATION)
        ),
    ]


CASES = [
    Case("parsed", "parse", answer(completion(message(content=LOCATION))), Location),
    Case(
        "nested_and_optional",
        "parse",
        answer(
            completion(
                message(
                    content=json.dumps(
                        {
                            "table_name": "orders",
                            "columns": ["id", "total"],
                            "conditions": [{"column": "id", "value": 3}],
                        }
                    )
                )
            )
        ),
        Query,
        nullable_defaults=True,
    ),
    Case(
        "described_refs",
        "parse",
        answer(completion(message(content=json.dumps({"units": "c", "where": json.loads(LOCATION), "also": None})))),
        Described,
    ),
    Case("enum_and_null", "parse", answer(completion(message(content='{"city":"Oslo","units":null}'))), Weather),
    Case("refusal", "parse", answer(completion(message(content=None, refusal="I'm sorry, I can't."))), Location),
    Case("dict_response_format", "parse", answer(completion(message(content='{"a":1}'))), {"type": "json_object"}),
    Case("no_response_format", "parse", answer(completion())),
    Case("length", "parse", answer(completion(message(content='{"city":"San'), {"finish_reason": "length"})), Location),
    Case(
        "content_filter",
        "parse",
        answer(completion(message(content=""), {"finish_reason": "content_filter"})),
        Location,
    ),
    Case(
        "typed_and_dict_tools",
        "parse",
        answer(
            completion(
                message(
                    content=None, tool_calls=[_call("Location", LOCATION), _call("get_stock", '{"ticker":"AAPL"}', 1)]
                ),
                {"finish_reason": "tool_calls"},
            )
        ),
        typed_tools=(Location,),
        tools=(WEATHER_TOOL,),
    ),
    Case("stream_parsed", "stream", sse(*_stream_of(LOCATION)), Location),
    Case("stream_text", "stream", sse(*_stream_of("Hello there, how are you?"))),
    Case("stream_refusal", "stream", sse(*_refusal_stream()), Location),
    Case("stream_logprobs", "stream", sse(*_logprob_stream()), args={"logprobs": True}),
    Case(
        "stream_tools",
        "stream",
        sse(*_tool_stream(("Location", LOCATION), ("get_stock", '{"ticker":"MSFT"}'))),
        typed_tools=(Location,),
        tools=(WEATHER_TOOL,),
    ),
    Case("stream_length", "stream", sse(*_stream_of('{"city":"San', finish="length")), Location),
    Case("stream_content_filter", "stream", sse(*_stream_of('{"ci', finish="content_filter")), Location),
    Case("stream_length_plain", "stream", sse(*_stream_of("Once upon", finish="length"))),
    Case("stream_azure_filters", "stream", sse(*_azure_stream()), Location),
    Case(
        "stream_extra_fields",  # a router's `provider` on each chunk, `obfuscation`, a server's `reasoning_content`
        "stream",
        sse(
            chunk({"role": "assistant", "content": "", "reasoning_content": "Let"}, provider="p1", obfuscation="ab"),
            chunk({"content": "Hi", "reasoning_content": " me"}, provider="p1", obfuscation="c"),
            chunk({}, "stop", provider="p1"),
        ),
    ),
    Case(
        "stream_extra_structures",  # OpenRouter's `reasoning_details`: fragments of indexed items, merged by index
        "stream",
        sse(
            chunk({"role": "assistant", "content": "", "reasoning_details": [_detail(0, "Let")], "meta": {"n": 1}}),
            chunk({"content": "Hi", "reasoning_details": [_detail(0, " me"), _detail(1, "Then")], "meta": {"n": 2}}),
            chunk({"reasoning_details": [_detail(1, " done")], "meta": {"tags": ["a"]}}),
            chunk({}, "stop"),
        ),
    ),
]


def _value(value: Any) -> Any:
    """A parsed value or payload, comparable across the SDKs."""
    if isinstance(value, openai.BaseModel) or (
        hasattr(value, "model_dump") and not isinstance(value, pydantic.BaseModel)
    ):
        return plain(value.model_dump(exclude_unset=True))  # an SDK's own model: the fields the answer had
    if isinstance(value, pydantic.BaseModel):
        return {"model": type(value).__name__, **value.model_dump(mode="json")}
    if isinstance(value, list):
        return [_value(v) for v in value]
    return value


_PAYLOAD = {
    "content.delta": ("delta", "snapshot", "parsed"),
    "content.done": ("content", "parsed"),
    "refusal.delta": ("delta", "snapshot"),
    "refusal.done": ("refusal",),
    "tool_calls.function.arguments.delta": ("name", "index", "arguments", "parsed_arguments", "arguments_delta"),
    "tool_calls.function.arguments.done": ("name", "index", "arguments", "parsed_arguments"),
    "logprobs.content.delta": ("content", "snapshot"),
    "logprobs.content.done": ("content",),
    "logprobs.refusal.delta": ("refusal", "snapshot"),
    "logprobs.refusal.done": ("refusal",),
}


def _event(event: Any) -> tuple[Any, ...]:
    if event.type == "chunk":
        snapshot = event.snapshot.choices[0].message if event.snapshot.choices else None
        seen = (snapshot.content, snapshot.refusal) if snapshot else None
        return ("chunk", _value(event.chunk), seen)
    return (event.type, *(_value(getattr(event, name)) for name in _PAYLOAD[event.type]))


def _completion(parsed: Any) -> dict[str, Any]:
    out = []
    for choice in parsed.choices:
        calls = [
            (c.function.name, c.function.arguments, _value(c.function.parsed_arguments))
            for c in choice.message.tool_calls or []
        ]
        out.append((choice.finish_reason, _value(choice.message.parsed), choice.message.refusal, calls))
    as_dict = plain(json.loads(json.dumps(parsed.to_dict(), default=str)))
    for choice in as_dict["choices"]:
        for call in choice["message"].get("tool_calls", ()):
            call.pop("index", None)  # openai's streamed completion keeps the chunks' tool-call index (differences.md)
    return {"choices": out, "to_dict": as_dict}


def _call(method: str, kwargs: dict[str, Any], typed: Any, client: Any, tool: Callable[..., Any]) -> dict[str, Any]:
    """`parse` or `stream` through one SDK (`typed`: (type, options) of the tools `tool` makes); what came, or the
    class of the error raised (and the events before it)."""
    kwargs = dict(kwargs)
    if typed:
        kwargs["tools"] = [*(tool(t, **options) for t, options in typed), *kwargs.get("tools", ())]
    events: list[tuple[Any, ...]] = []
    try:
        if method == "parse":
            return {"result": _completion(client.chat.completions.parse(**kwargs))}
        with client.chat.completions.stream(**kwargs) as stream:
            for event in stream:
                events.append(_event(event))
            return {"events": events, "result": _completion(stream.get_final_completion())}
    except Exception as error:
        return {"events": events, "error": type(error).__name__}


async def _acall(
    method: str, kwargs: dict[str, Any], typed: Any, client: Any, tool: Callable[..., Any]
) -> dict[str, Any]:
    """`_call` through an async client."""
    kwargs = dict(kwargs)
    if typed:
        kwargs["tools"] = [*(tool(t, **options) for t, options in typed), *kwargs.get("tools", ())]
    events: list[tuple[Any, ...]] = []
    try:
        if method == "parse":
            return {"result": _completion(await client.chat.completions.parse(**kwargs))}
        async with client.chat.completions.stream(**kwargs) as stream:
            async for event in stream:
                events.append(_event(event))
            return {"events": events, "result": _completion(await stream.get_final_completion())}
    except Exception as error:
        return {"events": events, "error": type(error).__name__}


def _run(case: Case, client: Any, tool: Callable[..., Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], **case.args}
    if case.response_format is not None:
        kwargs["response_format"] = case.response_format
    if case.tools:
        kwargs["tools"] = list(case.tools)
    return _call(case.method, kwargs, [(t, {}) for t in case.typed_tools], client, tool)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_parse_and_stream_read_as_openai_does(case: Case, byte_server: ByteServer) -> None:
    theirs_script, ours_script = byte_server.script(case.answer), byte_server.script(case.answer)
    with openai.OpenAI(api_key=KEY, base_url=theirs_script.base_url, max_retries=0) as theirs:
        expected = _run(case, theirs, openai.pydantic_function_tool)
    with chat_completions.Client(api_key=KEY, base_url=ours_script.base_url, max_retries=0) as ours:
        got = _run(case, ours, chat_completions.function_tool)
    assert got == expected
    sent_theirs, sent_ours = (json.loads(s.requests[0].body) for s in (theirs_script, ours_script))
    assert bool(sent_ours.get("stream")) == bool(sent_theirs.get("stream"))
    assert ("response_format" in sent_ours) == ("response_format" in sent_theirs)
    if isinstance(case.response_format, type) and not case.nullable_defaults:
        schema_theirs = sent_theirs["response_format"]["json_schema"]
        schema_ours = sent_ours["response_format"]["json_schema"]
        assert (schema_ours["name"], schema_ours["strict"]) == (schema_theirs["name"], schema_theirs["strict"])
        assert _strict_shape(schema_ours["schema"]) == _strict_shape(schema_theirs["schema"])


def _strict_shape(schema: Any) -> Any:
    """The part of a schema that decides what the model may answer (titles, descriptions and defaults left out, and
    definitions nothing refers to, which openai keeps after inlining them)."""
    if isinstance(schema, dict) and "$defs" in schema:
        text = json.dumps({k: v for k, v in schema.items() if k != "$defs"}) + json.dumps(schema["$defs"])
        used = {k: v for k, v in schema["$defs"].items() if f'"#/$defs/{k}"' in text}
        schema = {**{k: v for k, v in schema.items() if k != "$defs"}, **({"$defs": used} if used else {})}
    if isinstance(schema, dict):
        return {k: _strict_shape(v) for k, v in schema.items() if k not in ("title", "description", "default")}
    if isinstance(schema, list):
        return [_strict_shape(v) for v in schema]
    return schema


# --- the recordings of openai-python's tests --------------------------------------------------------------------------

EVIDENCE = Path(__file__).resolve().parents[2] / "openapi" / "evidence" / "openai-python"


class Color(StrEnum):
    """The detected color"""

    RED = "red"
    BLUE = "blue"
    GREEN = "green"


class ColorDetection(pydantic.BaseModel):
    color: Color
    hex_color_code: str = pydantic.Field(description="The hex color code of the detected color")


@pydantic.dataclasses.dataclass
class CalendarEvent:
    name: str
    date: str
    participants: list[str]


class GetWeatherArgs(pydantic.BaseModel):
    """Get the temperature for the given country/city combo"""

    city: str
    country: str
    units: Literal["c", "f"] = "c"


class GetStockPrice(pydantic.BaseModel):
    ticker: str
    exchange: str


class Table(StrEnum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(StrEnum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"
    shipped_at = "shipped_at"
    ordered_at = "ordered_at"
    canceled_at = "canceled_at"


class Operator(StrEnum):
    eq = "="
    gt = ">"
    lt = "<"
    le = "<="
    ge = ">="
    ne = "!="


class OrderBy(StrEnum):
    asc = "asc"
    desc = "desc"


class DynamicValue(pydantic.BaseModel):
    column_name: str


class Condition(pydantic.BaseModel):
    column: str
    operator: Operator
    value: str | int | DynamicValue


class RecordedQuery(pydantic.BaseModel):
    name: str | None = None
    table_name: Table
    columns: list[Column]
    conditions: list[Condition]
    order_by: OrderBy


def _named(model: type[pydantic.BaseModel], name: str) -> type[pydantic.BaseModel]:
    return pydantic.create_model(name, __base__=model)


#: The type behind each recorded `response_format` / tool name (the optional-default test's Location: `units`
#: optional). `pydantic.create_model` names them as the recorded requests do.
_FORMATS: dict[str, Any] = {
    "Location": _named(Location, "Location"),
    "CalendarEvent": CalendarEvent,
    "ColorDetection": ColorDetection,
    "Query": pydantic.create_model("Query", __base__=RecordedQuery),
}
_OPTIONAL_LOCATION = pydantic.create_model("Location", units=(Literal["c", "f"] | None, None), __base__=Location)
_TOOLS: dict[str, tuple[type[Any], dict[str, Any]]] = {
    "GetWeatherArgs": (GetWeatherArgs, {}),
    "get_stock_price": (
        GetStockPrice,
        {"name": "get_stock_price", "description": "Fetch the latest price for a given ticker"},
    ),
    "Query": (_FORMATS["Query"], {}),
}


@dataclass(frozen=True)
class Recorded:
    """A recording made into a call of both SDKs."""

    name: str
    method: Literal["parse", "stream"]
    answer: Answer
    kwargs: dict[str, Any]
    typed_tools: tuple[tuple[type[Any], dict[str, Any]], ...]
    sent: dict[str, Any]  # the request openai-python made when it was recorded


def _recorded(path: Path) -> Recorded:
    cassette = yaml.safe_load(path.read_text(encoding="utf-8"))
    (interaction,) = cassette["interactions"]
    request, response = json.loads(interaction["request"]["body"]), interaction["response"]
    content_type = response["headers"]["content-type"][0]
    body = response["body"]["string"].encode()
    kwargs = {k: v for k, v in request.items() if k not in ("stream", "tools", "response_format")}
    fmt = request.get("response_format")
    if fmt is not None and fmt.get("type") == "json_schema":
        name = fmt["json_schema"]["name"]
        kwargs["response_format"] = _OPTIONAL_LOCATION if "optional_default" in path.stem else _FORMATS[name]
    elif fmt is not None:
        kwargs["response_format"] = fmt
    typed, plain_tools = [], []
    for tool in request.get("tools") or ():
        found = _TOOLS.get(tool["function"]["name"])
        if found is None:
            plain_tools.append(tool)
        else:
            typed.append(found)
    if plain_tools:
        kwargs["tools"] = plain_tools
    method: Literal["parse", "stream"] = "stream" if request.get("stream") else "parse"
    return Recorded(
        path.stem, method, raw(response["status"]["code"], body, content_type), kwargs, tuple(typed), request
    )


RECORDED = [_recorded(p) for p in sorted(EVIDENCE.glob("completions*.yaml"))]


def test_the_recordings_of_openai_python_are_all_here() -> None:
    names = {r.name for r in RECORDED}
    assert len(names) >= 20
    assert {"completions__parse_pydantic_model", "completions_streaming__content_logprobs_events"} <= names


def _run_recorded(case: Recorded, mode: str, script: Any, sdk: str) -> dict[str, Any]:
    """The recording through one SDK (`openai` or ours), sync or async."""
    tool = openai.pydantic_function_tool if sdk == "openai" else chat_completions.function_tool
    options = {"api_key": KEY, "base_url": script.base_url, "max_retries": 0}
    if mode == "sync":
        sync = openai.OpenAI if sdk == "openai" else chat_completions.Client
        with sync(**options) as client:
            return _call(case.method, case.kwargs, case.typed_tools, client, tool)

    async def run() -> dict[str, Any]:
        client: Any = openai.AsyncOpenAI(**options) if sdk == "openai" else chat_completions.AsyncClient(**options)
        async with client:
            return await _acall(case.method, case.kwargs, case.typed_tools, client, tool)

    return asyncio.run(run())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", RECORDED, ids=lambda c: c.name)
def test_recorded_answers_read_as_openai_does(case: Recorded, mode: str, byte_server: ByteServer) -> None:
    theirs_script, ours_script = byte_server.script(case.answer), byte_server.script(case.answer)
    expected = _run_recorded(case, mode, theirs_script, "openai")
    got = _run_recorded(case, mode, ours_script, "ours")
    assert got == expected
    assert "error" not in expected or "max_tokens" in case.name  # only the cut answers raise
    sent = json.loads(ours_script.requests[0].body)
    assert sent["messages"] == case.sent["messages"]
    recorded_format = case.sent.get("response_format", {}).get("json_schema")
    if recorded_format is not None:
        ours_format = sent["response_format"]["json_schema"]
        assert ours_format["name"] == recorded_format["name"]
        assert _strict_shape(ours_format["schema"]) == _strict_shape(recorded_format["schema"])


#: A custom tool call (not callable: left out with a warning), a kind neither SDK knows (kept as it came) and a
#: function call, in one answer.
MIXED_CALLS = [
    {"id": "call_c", "type": "custom", "custom": {"name": "run_sql", "input": "SELECT 1"}},
    {"id": "call_u", "type": "future_kind", "future_kind": {"name": "x"}},
    {"id": "call_2", "type": "function", "function": {"name": "get_stock", "arguments": '{"ticker":"AAPL"}'}},
]


def _parse(sdk: str, mode: str, base_url: str, kwargs: dict[str, Any]) -> Any:
    """`parse()` through one SDK, sync or async."""
    options = {"api_key": KEY, "base_url": base_url, "max_retries": 0}
    if mode == "sync":
        with (openai.OpenAI if sdk == "openai" else chat_completions.Client)(**options) as client:
            return client.chat.completions.parse(**kwargs)

    async def run() -> Any:
        async with (openai.AsyncOpenAI if sdk == "openai" else chat_completions.AsyncClient)(**options) as client:
            return await client.chat.completions.parse(**kwargs)

    return asyncio.run(run())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_parse_warns_of_a_custom_tool_call_as_openai_does(
    mode: str, byte_server: ByteServer, caplog: pytest.LogCaptureFixture
) -> None:
    """`openai` logs a warning naming the custom tool call it leaves out of `parse()`'s answer; so do we, on our
    logger, and both keep the same calls."""
    reply = answer(completion(message(content=None, tool_calls=MIXED_CALLS), {"finish_reason": "tool_calls"}))
    kept, warned = {}, {}
    for sdk, logger in (("openai", "openai.lib.parsing"), ("ours", "chat_completions")):
        script = byte_server.script(reply)
        kwargs = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "tools": [WEATHER_TOOL]}
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger=logger):
            parsed = _parse(sdk, mode, script.base_url, kwargs)
        kept[sdk] = [(call.id, call.type) for call in parsed.choices[0].message.tool_calls]
        warned[sdk] = [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name.startswith(logger)]
    assert kept["ours"] == kept["openai"] == [("call_u", "future_kind"), ("call_2", "function")]
    message_text = "Custom tool calls are not callable. Ignoring tool call: call_c - run_sql"
    assert warned["openai"] == [("openai.lib.parsing", logging.WARNING, message_text)]
    assert warned["ours"] == [("chat_completions", logging.WARNING, message_text)]


# --- a parsed value's JSON, whatever kind of type it was parsed into --------------------------------------------------


class Priority(StrEnum):
    LOW = "low"
    HIGH = "high"


class Stamp(pydantic.BaseModel):
    """The pydantic model `openai` parses into; the other kinds below have the same fields."""

    at: datetime.datetime
    amount: decimal.Decimal
    ref: uuid.UUID
    priority: Priority
    where: Location
    tags: list[str]
    retries: int = 3


@dataclass
class StampDataclass:
    at: datetime.datetime
    amount: decimal.Decimal
    ref: uuid.UUID
    priority: Priority
    where: LocationDataclass
    tags: list[str]
    retries: int = 3


@dataclass
class LocationDataclass:
    city: str
    temperature: float
    units: Literal["c", "f"]


@attrs.define
class StampAttrs:
    at: datetime.datetime
    amount: decimal.Decimal
    ref: uuid.UUID
    priority: Priority
    where: LocationDataclass
    tags: list[str]
    retries: int = 3


class StampDict(TypedDict):
    at: datetime.datetime
    amount: decimal.Decimal
    ref: uuid.UUID
    priority: Priority
    where: LocationDataclass
    tags: list[str]


STAMP = {
    "at": "2024-01-02T03:04:05Z",
    "amount": "12.50",
    "ref": "12345678-1234-5678-1234-567812345678",
    "priority": "high",
    "where": json.loads(LOCATION),
    "tags": ["a", "b"],
    "retries": 4,
}


def _dumps(parsed: Any) -> list[Any]:
    """Every way a user writes a parsed completion out as JSON."""
    message_ = parsed.choices[0].message
    return [
        json.loads(parsed.to_json(indent=2))["choices"][0]["message"]["parsed"],
        json.loads(parsed.model_dump_json())["choices"][0]["message"]["parsed"],
        message_.model_dump(mode="json")["parsed"],
        json.loads(message_.to_json())["parsed"],
    ]


@pytest.mark.parametrize("ours_type", [Stamp, StampDataclass, StampAttrs, StampDict], ids=lambda t: t.__name__)
def test_a_parsed_value_dumps_to_the_json_openai_gives(ours_type: Any, byte_server: ByteServer) -> None:
    """Dates, decimals, UUIDs, enums and nested classes of a dataclass, attrs class or TypedDict write out as `openai`
    writes the same fields of a pydantic model; a pydantic model's field left to its default is left out where `openai`
    leaves it out (`to_json()`: only what was set)."""
    unset = ours_type in (Stamp, StampDict)
    content = json.dumps({k: v for k, v in STAMP.items() if not (unset and k == "retries")})
    reply = answer(completion(message(content=content)))
    kwargs = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}
    theirs_script = byte_server.script(reply)
    with openai.OpenAI(api_key=KEY, base_url=theirs_script.base_url, max_retries=0) as theirs:
        expected = _dumps(theirs.chat.completions.parse(**kwargs, response_format=Stamp))
    if ours_type is StampDict:
        expected = [{k: v for k, v in e.items() if k != "retries"} for e in expected]
    with chat_completions.Client(api_key=KEY, base_url=byte_server.script(reply).base_url, max_retries=0) as ours:
        got = _dumps(ours.chat.completions.parse(**kwargs, response_format=ours_type))
    assert got == expected
    assert expected[0]["at"] == "2024-01-02T03:04:05Z"
    assert expected[0]["amount"] == "12.50"
    assert ("retries" in expected[0]) != unset


# --- the schema of a dataclass, attrs class or TypedDict against openai's for the same pydantic fields -----------------


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@dataclass
class When:
    at: datetime.datetime
    until: datetime.time | None


#: One field each: the type, and the value an answer gives for it (read back the same by both SDKs).
SCHEMA_FIELDS: dict[str, tuple[Any, Any]] = {
    "datetime": (datetime.datetime, "2024-01-02T03:04:05Z"),
    "time": (datetime.time, "03:04:05Z"),
    "list_of_datetimes": (list[datetime.datetime], ["2024-01-02T03:04:05+01:00"]),
    "optional_datetime": (datetime.datetime | None, None),
    "decimal": (decimal.Decimal, 12.5),
    "optional_decimal": (decimal.Decimal | None, "0.10"),
    "int_enum": (Level, 2),
    "int_literal": (Literal[1, 2], 1),
    "date": (datetime.date, "2024-01-02"),
    "uuid": (uuid.UUID, "12345678-1234-5678-1234-567812345678"),
    "nested": (list[When], [{"at": "2024-01-02T03:04:05Z", "until": "04:00:00Z"}]),
}


def _kinds(name: str, tp: Any) -> list[Any]:
    """The same one field as a dataclass, an attrs class and a TypedDict."""
    return [
        dataclasses.make_dataclass("Fields", [(name, tp)]),
        attrs.make_class("Fields", {name: attrs.field(type=tp)}),
        TypedDict("Fields", {name: tp}),  # type: ignore[operator]
    ]


@pytest.mark.parametrize("name", list(SCHEMA_FIELDS))
def test_the_schema_of_other_kinds_is_openais_for_the_same_fields(name: str) -> None:
    """A dataclass, attrs class or TypedDict field gets the strict schema `openai` sends for the same pydantic field
    (the `format` of a date-time, the `type` of an enum of numbers, a decimal as a number or string), and the answer
    reads back as the pydantic model reads it."""
    tp, value = SCHEMA_FIELDS[name]
    model = pydantic.create_model("Fields", **{name: (tp, ...)})
    expected = _strict_shape(openai.lib._pydantic.to_strict_json_schema(model))
    text = json.dumps({name: value})
    read = model.model_validate_json(text).model_dump(mode="json")
    for kind in _kinds(name, tp):
        found = codec(kind)
        assert _strict_shape(found.schema) == expected, kind
        assert dump_value(found.decode(text)) == read, kind


# --- a pydantic discriminated union -----------------------------------------------------------------------------------


class Cat(pydantic.BaseModel):
    kind: Literal["cat"]
    lives: int


class Dog(pydantic.BaseModel):
    kind: Literal["dog"]


class Pets(pydantic.BaseModel):
    first: Cat | Dog = pydantic.Field(discriminator="kind")
    others: list[Annotated[Cat | Dog, pydantic.Field(discriminator="kind")]]


def test_a_discriminated_union_is_sent_as_any_of_and_reads_as_openai_reads_it(byte_server: ByteServer) -> None:
    """pydantic writes a tagged union as `oneOf` with a `discriminator`, neither of which the strict dialect permits
    (`openai` sends them as they are); ours sends `anyOf` (the tags make the variants exclusive) and reads the answer
    into the same classes."""
    reply = answer(completion(message(content=json.dumps({"first": {"kind": "cat", "lives": 9}, "others": []}))))
    kwargs = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "response_format": Pets}
    parsed, sent = {}, {}
    for sdk, client_class in (("openai", openai.OpenAI), ("ours", chat_completions.Client)):
        script = byte_server.script(reply)
        with client_class(api_key=KEY, base_url=script.base_url, max_retries=0) as client:
            parsed[sdk] = client.chat.completions.parse(**kwargs).choices[0].message.parsed
        sent[sdk] = json.dumps(json.loads(script.requests[0].body)["response_format"])
    assert parsed["ours"] == parsed["openai"] == Pets(first=Cat(kind="cat", lives=9), others=[])
    assert '"oneOf"' in sent["openai"]
    assert '"discriminator"' in sent["openai"]
    assert '"oneOf"' not in sent["ours"]
    assert '"discriminator"' not in sent["ours"]
    assert json.loads(sent["ours"])["json_schema"]["schema"]["properties"]["first"]["anyOf"] == [
        {"$ref": "#/$defs/Cat"},
        {"$ref": "#/$defs/Dog"},
    ]


def test_the_stream_closes_and_nests_as_openais_does(byte_server: ByteServer) -> None:
    """`stream()`'s stream is itself a context manager (sync and async), and the async one closes with
    `await stream.close()`, as `openai`'s: code written for it runs unchanged."""
    reply = sse(*_stream_of("Hello there"))
    kwargs = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}

    def sync(client: Any) -> list[str]:
        with client.chat.completions.stream(**kwargs) as outer, outer as stream:
            types = [event.type for event in stream]
        return [*types, stream.get_final_completion().choices[0].message.content]

    async def run(client: Any) -> list[str]:
        async with client, client.chat.completions.stream(**kwargs) as outer:
            async with outer as stream:
                types = [event.type async for event in stream]
            await stream.close()
            return [*types, (await stream.get_final_completion()).choices[0].message.content]

    got = {}
    for sdk, (sync_class, async_class) in {
        "openai": (openai.OpenAI, openai.AsyncOpenAI),
        "ours": (chat_completions.Client, chat_completions.AsyncClient),
    }.items():
        options = {"api_key": KEY, "max_retries": 0}
        with sync_class(base_url=byte_server.script(reply).base_url, **options) as client:
            got[sdk] = sync(client)
        got[sdk] += asyncio.run(run(async_class(base_url=byte_server.script(reply).base_url, **options)))
    assert got["ours"] == got["openai"]
    assert got["ours"][-1] == "Hello there"


@pytest.mark.parametrize("with_calls", [False, True], ids=["content", "tool_calls"])
def test_a_parsed_completion_writes_the_json_openais_writes(with_calls: bool, byte_server: ByteServer) -> None:
    """`to_json()` of `parse()`'s answer is the same JSON value as `openai`'s, nulls included: a message without tool
    calls has `"tool_calls": null` (code reading `to_dict()["choices"][0]["message"]["tool_calls"]` finds it)."""
    function = {"name": "Location", "arguments": LOCATION}
    calls = [{"id": "call_0", "type": "function", "function": function}] if with_calls else ...
    reply = answer(completion(message(content=None if with_calls else LOCATION, tool_calls=calls)))
    kwargs: dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}
    written = {}
    for sdk, client_class, tool in (
        ("openai", openai.OpenAI, openai.pydantic_function_tool),
        ("ours", chat_completions.Client, chat_completions.function_tool),
    ):
        with client_class(api_key=KEY, base_url=byte_server.script(reply).base_url, max_retries=0) as client:
            parsed = client.chat.completions.parse(**kwargs, response_format=Location, tools=[tool(Location)])
        written[sdk] = json.loads(parsed.to_json())
    assert written["ours"] == written["openai"]
    assert ("parsed_arguments" in json.dumps(written["ours"])) == with_calls
    assert "tool_calls" in written["ours"]["choices"][0]["message"]


@pytest.mark.parametrize("name", ["stream_parsed", "stream_refusal", "stream_logprobs", "stream_tools"])
def test_stream_events_write_out_as_openais_do(name: str, byte_server: ByteServer) -> None:
    """Each event's `to_dict()`, `to_json()` and `model_dump_json()` give what `openai`'s give (nulls aside), so code
    that logs the events runs unchanged."""
    case = next(c for c in CASES if c.name == name)
    kwargs: dict[str, Any] = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], **case.args}
    if case.response_format is not None:
        kwargs["response_format"] = case.response_format
    written = {}
    for sdk, client_class, tool in (
        ("openai", openai.OpenAI, openai.pydantic_function_tool),
        ("ours", chat_completions.Client, chat_completions.function_tool),
    ):
        tools = [*(tool(t) for t in case.typed_tools), *case.tools]
        with (
            client_class(api_key=KEY, base_url=byte_server.script(case.answer).base_url, max_retries=0) as client,
            client.chat.completions.stream(**kwargs, **({"tools": tools} if tools else {})) as stream,
        ):
            written[sdk] = [
                [_no_call_index(e.to_dict()), _no_call_index(json.loads(e.to_json())), json.loads(e.model_dump_json())]
                for e in stream
            ]
            written[sdk] = [[plain(w) for w in (*ws[:2], _no_call_index(ws[2]))] for ws in written[sdk]]
    assert written["ours"] == written["openai"]
    assert len(written["ours"]) > 3


def _no_call_index(event: dict[str, Any]) -> dict[str, Any]:
    """An event's dict without the chunks' `index` in its snapshot's tool calls (`openai` keeps it, differences.md)."""
    snapshot = event.get("snapshot")
    for choice in snapshot.get("choices", ()) if isinstance(snapshot, dict) else ():
        for call in choice["message"].get("tool_calls") or ():
            call.pop("index", None)
    return event


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_cut_stream_raises_again_from_get_final_completion(mode: str, byte_server: ByteServer) -> None:
    """A stream cut before its end raises `APIConnectionError` while read (`openai` ends quietly, differences.md);
    `get_final_completion()` then raises it again rather than a bare `ValueError`, and the snapshot keeps what came,
    as `openai`'s final completion has it."""
    reply = close_delimited(events(chunk({"role": "assistant", "content": ""}), chunk({"content": "Hel"}), done=False))
    kwargs = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}
    seen = {}
    for sdk in ("openai", "ours"):
        options = {"api_key": KEY, "base_url": byte_server.script(reply).base_url, "max_retries": 0}
        if mode == "sync":
            with (openai.OpenAI if sdk == "openai" else chat_completions.Client)(**options) as client:
                seen[sdk] = _read_cut(client.chat.completions.stream(**kwargs))
        else:
            client = (openai.AsyncOpenAI if sdk == "openai" else chat_completions.AsyncClient)(**options)
            seen[sdk] = asyncio.run(_aread_cut(client, kwargs))
    assert seen["openai"] == [None, None, "Hel"]
    assert seen["ours"] == ["APIConnectionError", "APIConnectionError", "Hel"]


def _read_cut(manager: Any) -> list[str | None]:
    """The error reading the stream raised, the error `get_final_completion()` raised, the snapshot's content."""
    out: list[str | None] = []
    with manager as stream:
        for call in (stream.until_done, stream.get_final_completion):
            try:
                call()
                out.append(None)
            except Exception as error:
                out.append(type(error).__name__)
        return [*out, stream.current_completion_snapshot.choices[0].message.content]


async def _aread_cut(client: Any, kwargs: dict[str, Any]) -> list[str | None]:
    out: list[str | None] = []
    async with client, client.chat.completions.stream(**kwargs) as stream:
        for call in (stream.until_done, stream.get_final_completion):
            try:
                await call()
                out.append(None)
            except Exception as error:
                out.append(type(error).__name__)
        return [*out, stream.current_completion_snapshot.choices[0].message.content]


Item = TypeVar("Item")


class Page(pydantic.BaseModel, Generic[Item]):
    items: list[Item]


def test_a_generic_model_is_sent_under_a_name_the_api_takes(byte_server: ByteServer) -> None:
    """A generic pydantic model is named `Page[Location]`, which the API refuses as a schema or function name
    (`^[a-zA-Z0-9_-]{1,64}$`); `openai` sends it as it is, ours as `Page_Location`, and reads the answer the same."""
    content = json.dumps({"items": [json.loads(LOCATION)]})
    calls = [{"id": "call_0", "type": "function", "function": {"name": "Page_Location", "arguments": content}}]
    reply = answer(completion(message(content=content, tool_calls=calls)))
    response_format = Page[Location]
    sent_openai = openai.lib._parsing._completions.type_to_response_format_param(response_format)
    assert sent_openai["json_schema"]["name"] == "Page[Location]"
    script = byte_server.script(reply)
    with chat_completions.Client(api_key=KEY, base_url=script.base_url, max_retries=0) as client:
        parsed = client.chat.completions.parse(
            model=MODEL,
            messages=[{"role": "user", "content": "Hi"}],
            response_format=response_format,
            tools=[chat_completions.function_tool(response_format)],
        )
    sent = json.loads(script.requests[0].body)
    assert sent["response_format"]["json_schema"]["name"] == "Page_Location"
    assert sent["tools"][0]["function"]["name"] == "Page_Location"
    message_ = parsed.choices[0].message
    assert message_.parsed == response_format(items=[Location.model_validate_json(LOCATION)])
    assert message_.tool_calls[0].function.parsed_arguments == message_.parsed


def test_extra_query_reaches_the_url_from_every_method(byte_server: ByteServer) -> None:
    """`extra_query` of `parse()`, `stream()`, `retrieve()`, `delete()` and the raw and streaming-response forms
    goes in the URL as `openai` puts it (it went in the JSON body, or nowhere)."""
    reply = answer(completion(message(content=LOCATION)))
    answers = [reply, sse(*_stream_of(LOCATION)), reply, answer({"id": "c", "object": "x", "deleted": True}), reply]
    kwargs = {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "response_format": Location}
    query = {"extra_query": {"q": "1"}}
    sent = {}
    for sdk, client_class in (("openai", openai.OpenAI), ("ours", chat_completions.Client)):
        script = byte_server.script(*answers, reply)
        with client_class(api_key=KEY, base_url=script.base_url, max_retries=0) as client:
            completions = client.chat.completions
            completions.parse(**kwargs, **query)
            with completions.stream(**kwargs, **query) as stream:
                stream.until_done()
            completions.retrieve("c", **query)
            completions.delete("c", **query)
            completions.with_raw_response.parse(**kwargs, **query).parse()
            with completions.with_streaming_response.parse(**kwargs, **query) as response:
                response.parse()
        sent[sdk] = [
            (seen.method, seen.target.partition("?")[2], b"extra_query" in seen.body) for seen in script.requests
        ]
    assert sent["ours"] == sent["openai"]
    assert {target for _, target, _ in sent["ours"]} == {"q=1"}
