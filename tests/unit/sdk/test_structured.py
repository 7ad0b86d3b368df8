"""Structured outputs: `parse()` and `stream()` with a pydantic model, a dataclass, a TypedDict or an attrs class;
the strict JSON schema sent, the answer decoded, refusals, answers cut short, typed function tools."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import subprocess
import sys
import textwrap
from typing import Any, Literal, NotRequired, TypedDict

import attrs
import chat_completions as cc
import httpx
import pydantic
import pytest
from sdk_support import API_KEY, chunk, completion


@dataclasses.dataclass
class Step:
    explanation: str
    output: str


@dataclasses.dataclass
class Math:
    """How the answer was found."""

    steps: list[Step]
    final_answer: str
    note: str | None = None
    attempts: int = 1


class MathDict(TypedDict):
    steps: list[Step]
    final_answer: str
    attempts: NotRequired[int]


@attrs.define
class Tree:
    label: str
    kind: Literal["leaf", "node"] = "leaf"
    children: list[Tree] = attrs.Factory(list)


class PStep(pydantic.BaseModel):
    explanation: str
    output: str


class PMath(pydantic.BaseModel):
    steps: list[PStep]
    final_answer: str


ANSWER = {"steps": [{"explanation": "6 * 7", "output": "42"}], "final_answer": "42", "note": None, "attempts": None}


class Transport:
    """Answers each request with the next scripted JSON body (a list: an event stream); records the bodies."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(json.loads(request.content))
        body = self.answers.pop(0)
        if isinstance(body, list):
            text = "".join(f"data: {json.dumps(c)}\n\n" for c in body) + "data: [DONE]\n\n"
            return httpx.Response(200, content=text.encode(), headers={"content-type": "text/event-stream"})
        return httpx.Response(200, json=body)

    def client(self) -> cc.Client:
        http = httpx.Client(transport=httpx.MockTransport(self))
        return cc.Client(api_key=API_KEY, base_url="https://x.test/v1", http_client=http, max_retries=0)

    def async_client(self) -> cc.AsyncClient:
        async def handler(request: httpx.Request) -> httpx.Response:
            return self(request)

        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        return cc.AsyncClient(api_key=API_KEY, base_url="https://x.test/v1", http_client=http, max_retries=0)


def _answer(content: str | None, finish: str = "stop", **message: Any) -> dict[str, Any]:
    body = completion(content or "")
    body["choices"][0]["message"].update({"content": content, "refusal": None, **message})
    body["choices"][0]["finish_reason"] = finish
    return body


@pytest.mark.parametrize(
    ("response_format", "expected"),
    [
        (Math, Math([Step("6 * 7", "42")], "42", None, 1)),  # a null for an optional field reads as its default
        (MathDict, {"steps": [Step("6 * 7", "42")], "final_answer": "42"}),
        (PMath, PMath(steps=[PStep(explanation="6 * 7", output="42")], final_answer="42")),
    ],
    ids=["dataclass", "TypedDict", "pydantic"],
)
def test_parse_decodes_the_content_into_the_type(response_format: Any, expected: Any) -> None:
    transport = Transport(_answer(json.dumps(ANSWER)))
    parsed = transport.client().chat.completions.parse(model="m", messages=[], response_format=response_format)
    message = parsed.choices[0].message
    assert message.parsed == expected
    assert message.content == json.dumps(ANSWER)
    sent = transport.bodies[0]["response_format"]
    assert sent["type"] == "json_schema"
    assert sent["json_schema"]["strict"] is True
    assert sent["json_schema"]["name"] == response_format.__name__
    assert parsed.model_dump()["choices"][0]["message"]["content"] == json.dumps(ANSWER)


def test_the_strict_schema_of_a_dataclass() -> None:
    transport = Transport(_answer(json.dumps(ANSWER)))
    transport.client().chat.completions.parse(model="m", messages=[], response_format=Math)
    schema = transport.bodies[0]["response_format"]["json_schema"]["schema"]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["steps", "final_answer", "note", "attempts"]  # every property required
    assert schema["properties"]["attempts"] == {"anyOf": [{"type": "integer"}, {"type": "null"}]}  # optional: nullable
    assert schema["properties"]["steps"]["items"] == {"$ref": "#/$defs/Step"}
    step = schema["$defs"]["Step"]
    assert (step["additionalProperties"], step["required"]) == (False, ["explanation", "output"])
    assert "default" not in json.dumps(schema)
    assert schema["description"] == "How the answer was found."


def test_a_recursive_attrs_class() -> None:
    tree = {"label": "root", "kind": "node", "children": [{"label": "a", "kind": "leaf", "children": []}]}
    transport = Transport(_answer(json.dumps(tree)))
    parsed = transport.client().chat.completions.parse(model="m", messages=[], response_format=Tree)
    assert parsed.choices[0].message.parsed == Tree("root", "node", [Tree("a")])
    schema = transport.bodies[0]["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["children"]["anyOf"][0]["items"] == {"$ref": "#/$defs/Tree"}
    assert schema["$defs"]["Tree"]["additionalProperties"] is False
    assert schema["properties"]["kind"]["anyOf"][0] == {"enum": ["leaf", "node"], "type": "string"}


@dataclasses.dataclass
class WithDict:
    name: str
    scores: dict[str, int]


@dataclasses.dataclass
class WithAny:
    name: str
    extra: Any


@pytest.mark.parametrize(
    ("response_format", "words"),
    [
        (WithDict, ["WithDict", "'scores'", "arbitrary keys"]),
        (WithAny, ["WithAny", "'extra'", "no JSON type"]),
        (tuple, ["tuple"]),
        (list[WithAny], ["response_format=list[", "expected a class"]),
        ("json_object", ["response_format='json_object'", "or a dict"]),
        (type("Plain", (), {}), ["Plain: not a type Structured Outputs can use"]),
    ],
)
def test_a_type_that_cannot_be_expressed_fails_before_any_request(response_format: Any, words: list[str]) -> None:
    transport = Transport()
    with pytest.raises(TypeError) as raised:
        transport.client().chat.completions.parse(model="m", messages=[], response_format=response_format)
    assert all(word in str(raised.value) for word in words), str(raised.value)
    assert "\n" not in str(raised.value)
    assert transport.bodies == []


def test_a_dict_response_format_passes_through_unparsed() -> None:
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}
    transport = Transport(_answer('{"a": 1}'))
    parsed = transport.client().chat.completions.parse(model="m", messages=[], response_format=fmt)  # type: ignore[arg-type]
    assert transport.bodies[0]["response_format"] == fmt
    assert parsed.choices[0].message.parsed is None


def test_a_refusal_is_not_parsed() -> None:
    transport = Transport(_answer(None, refusal="I can't help with that."))
    parsed = transport.client().chat.completions.parse(model="m", messages=[], response_format=Math)
    message = parsed.choices[0].message
    assert (message.parsed, message.refusal) == (None, "I can't help with that.")


@pytest.mark.parametrize(
    ("finish", "error"), [("length", cc.LengthFinishReasonError), ("content_filter", cc.ContentFilterFinishReasonError)]
)
def test_an_answer_cut_short_raises(finish: str, error: type[Exception]) -> None:
    transport = Transport(_answer('{"steps": [', finish=finish))
    with pytest.raises(error):
        transport.client().chat.completions.parse(model="m", messages=[], response_format=Math)


def _call(name: str, arguments: str, index: int = 0) -> dict[str, Any]:
    return {"id": f"call_{index}", "type": "function", "function": {"name": name, "arguments": arguments}}


def test_function_tools_from_types_are_strict_and_their_calls_parsed() -> None:
    plain = {"type": "function", "function": {"name": "plain", "parameters": {"type": "object"}, "strict": True}}
    calls = [_call("Step", '{"explanation": "e", "output": "o"}'), _call("plain", '{"a": 1}', 1)]
    transport = Transport(_answer(None, finish="tool_calls", tool_calls=calls))
    tools = [cc.function_tool(Step), plain, cc.pydantic_function_tool(PMath, name="pm", description="d")]
    parsed = transport.client().chat.completions.parse(model="m", messages=[], tools=tools)
    sent = transport.bodies[0]["tools"]
    assert sent[0]["function"]["strict"] is True
    assert sent[0]["function"]["parameters"]["additionalProperties"] is False
    assert (sent[2]["function"]["name"], sent[2]["function"]["description"]) == ("pm", "d")
    got = parsed.choices[0].message.tool_calls
    assert got is not None
    assert [c.function.parsed_arguments for c in got] == [Step("e", "o"), {"a": 1}]
    assert got[0].type == "function"


def test_a_tool_that_is_not_strict_is_refused() -> None:
    loose = {"type": "function", "function": {"name": "loose", "parameters": {"type": "object"}}}
    with pytest.raises(ValueError, match="'loose' is not strict"):
        Transport().client().chat.completions.parse(model="m", messages=[], tools=[loose])  # type: ignore[list-item]


def _stream_chunks(content: str, pieces: int = 4) -> list[dict[str, Any]]:
    size = -(-len(content) // pieces)
    parts = [content[i : i + size] for i in range(0, len(content), size)]
    chunks = [chunk({"role": "assistant", "content": "", "refusal": None})]
    chunks += [chunk({"content": part}) for part in parts]
    return [*chunks, chunk({}, finish_reason="stop")]


def _kinds(events: list[Any]) -> list[str]:
    return [event.type for event in events]


def test_stream_yields_typed_events_and_the_final_parsed_completion() -> None:
    content = json.dumps(ANSWER)
    transport = Transport(_stream_chunks(content))
    with transport.client().chat.completions.stream(model="m", messages=[], response_format=Math) as stream:
        events = list(stream)
        final = stream.get_final_completion()
    assert _kinds(events) == ["chunk", "content.delta"] * 5 + ["chunk", "content.done"]
    deltas = [e for e in events if e.type == "content.delta"]
    assert "".join(e.delta for e in deltas) == content
    assert deltas[-1].snapshot == content
    assert isinstance(deltas[2].parsed, dict)  # the partial JSON so far
    assert deltas[2].parsed.items() <= ANSWER.items() or set(deltas[2].parsed) <= set(ANSWER)
    done = events[-1]
    assert done.type == "content.done"
    assert done.parsed == Math([Step("6 * 7", "42")], "42", None, 1)
    assert final.choices[0].message.parsed == done.parsed
    assert transport.bodies[0]["stream"] is True
    assert transport.bodies[0]["response_format"]["json_schema"]["name"] == "Math"


def test_stream_tool_call_events() -> None:
    arguments = '{"explanation": "e", "output": "o"}'
    head = {"index": 0, "id": "call_0", "type": "function", "function": {"name": "Step", "arguments": ""}}
    chunks = [
        chunk({"role": "assistant", "content": None, "tool_calls": [head]}),
        chunk({"tool_calls": [{"index": 0, "function": {"arguments": arguments[:10]}}]}),
        chunk({"tool_calls": [{"index": 0, "function": {"arguments": arguments[10:]}}]}),
        chunk({}, finish_reason="tool_calls"),
    ]
    transport = Transport(chunks)
    with transport.client().chat.completions.stream(model="m", messages=[], tools=[cc.function_tool(Step)]) as stream:
        events = [e for e in stream if e.type != "chunk"]
        final = stream.get_final_completion()
    assert _kinds(events) == ["tool_calls.function.arguments.delta"] * 3 + ["tool_calls.function.arguments.done"]
    assert events[1].arguments == arguments[:10]
    assert events[2].parsed_arguments == {"explanation": "e", "output": "o"}  # partial JSON, complete by now
    assert events[3].parsed_arguments == Step("e", "o")
    calls = final.choices[0].message.tool_calls
    assert calls is not None
    assert calls[0].function.parsed_arguments == Step("e", "o")


def test_stream_cut_by_length_raises_with_a_type_given() -> None:
    transport = Transport([*_stream_chunks('{"steps": [')[:-1], chunk({}, finish_reason="length")])
    stream = transport.client().chat.completions.stream(model="m", messages=[], response_format=Math)
    with stream as events, pytest.raises(cc.LengthFinishReasonError):
        events.until_done()


def test_async_parse_and_stream() -> None:
    content = json.dumps(ANSWER)
    transport = Transport(_answer(content), _stream_chunks(content))

    async def run() -> tuple[Any, list[str], Any]:
        client = transport.async_client()
        parsed = await client.chat.completions.parse(model="m", messages=[], response_format=MathDict)
        async with client.chat.completions.stream(model="m", messages=[], response_format=Math) as stream:
            kinds = [event.type async for event in stream]
            final = await stream.get_final_completion()
        return parsed, kinds, final

    parsed, kinds, final = asyncio.run(run())
    assert parsed.choices[0].message.parsed == {"steps": [Step("6 * 7", "42")], "final_answer": "42"}
    assert kinds[-1] == "content.done"
    assert final.choices[0].message.parsed == Math([Step("6 * 7", "42")], "42", None, 1)


def test_parse_without_pydantic_never_imports_it() -> None:
    code = textwrap.dedent(
        """
        import dataclasses, json, sys, httpx, chat_completions as cc

        @dataclasses.dataclass
        class A:
            x: int

        body = {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": [{"index": 0,
                "finish_reason": "stop", "logprobs": None, "message": {"role": "assistant", "content": '{"x": 1}',
                "refusal": None}}]}
        http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body)))
        client = cc.Client(api_key="sk-x", base_url="https://x.test/v1", http_client=http)
        assert client.chat.completions.parse(model="m", messages=[], response_format=A).choices[0].message.parsed == A(1)
        assert "pydantic" not in sys.modules, "pydantic was imported"
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_parse_takes_no_stream_argument() -> None:
    transport = Transport()
    with pytest.raises(TypeError, match="no `stream` argument"):
        transport.client().chat.completions.parse(model="m", messages=[], stream=True)  # type: ignore[call-overload]
    assert transport.bodies == []


def test_the_stream_state_on_a_plain_stream_as_in_openai() -> None:
    content = json.dumps(ANSWER)
    transport = Transport(_stream_chunks(content))
    state: cc.ChatCompletionStreamState[Math] = cc.ChatCompletionStreamState(response_format=Math)
    kinds = []
    with transport.client().chat.completions.create(model="m", messages=[], stream=True) as stream:
        for piece in stream:
            kinds += [event.type for event in state.handle_chunk(piece)]
    assert kinds[-1] == "content.done"
    assert state.current_completion_snapshot.choices[0].message.content == content
    assert state.get_final_completion().choices[0].message.parsed == Math([Step("6 * 7", "42")], "42", None, 1)


def test_parse_with_raw_and_streaming_responses() -> None:
    content = json.dumps(ANSWER)
    expected = Math([Step("6 * 7", "42")], "42", None, 1)
    transport = Transport(*[_answer(content)] * 4)
    client = transport.client()
    raw = client.chat.completions.with_raw_response.parse(model="m", messages=[], response_format=Math)
    assert raw.status_code == 200
    assert raw.parse().choices[0].message.parsed == expected
    with client.chat.completions.with_streaming_response.parse(
        model="m", messages=[], response_format=Math
    ) as response:
        assert response.headers["content-type"] == "application/json"
        assert response.parse().choices[0].message.parsed == expected

    async def run() -> list[Any]:
        aclient = transport.async_client()
        araw = await aclient.chat.completions.with_raw_response.parse(model="m", messages=[], response_format=Math)
        async with aclient.chat.completions.with_streaming_response.parse(
            model="m", messages=[], response_format=Math
        ) as aresponse:
            streamed = await aresponse.parse()
        return [araw.parse(), streamed]

    for parsed in asyncio.run(run()):
        assert parsed.choices[0].message.parsed == expected
    assert all(body["response_format"]["json_schema"]["name"] == "Math" for body in transport.bodies)


class PWith(pydantic.BaseModel):
    a: int
    n: int = 5


class POther(pydantic.BaseModel):
    b: str
    m: str = "d"


class PUnion(pydantic.BaseModel):
    one: PWith | POther
    many: list[PWith | POther | int]
    either: PWith | list[PWith] | None = None


def test_a_null_default_inside_a_union_reads_as_the_default() -> None:
    """A defaulted field answered null reads as its default in whichever variant of a union the value is (the
    variant whose properties the object has), in a list or alone."""
    answer = {
        "one": {"a": 1, "n": None},
        "many": [{"a": 2, "n": None}, {"b": "x", "m": None}, 3],
        "either": [{"a": 3, "n": None}],
    }
    transport = Transport(_answer(json.dumps(answer)))
    parsed = transport.client().chat.completions.parse(model="m", messages=[], response_format=PUnion)
    assert parsed.choices[0].message.parsed == PUnion(
        one=PWith(a=1), many=[PWith(a=2), POther(b="x"), 3], either=[PWith(a=3)]
    )
