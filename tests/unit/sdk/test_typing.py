"""Typed request parameters: mypy --strict on user snippets, the generated TypedDicts against the spec, run-time checks.

The snippets are written as a user would; a line ending in `# E: <regex>` must get a mypy error matching it, a line
ending in `# R: <type>` a `reveal_type` note of exactly that type, and no other line may get an error. mypy runs once
on all of them (one process, its cache in a temporary folder).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import chat_completions as cc
import pytest
import yaml
from chat_completions_api import params
from sdk_support import ScriptedServer, ok

ROOT = Path(__file__).resolve().parents[3]
SPEC = yaml.safe_load((ROOT / "openapi" / "chat-completions.yaml").read_text())
SCHEMAS = SPEC["components"]["schemas"]

HEAD = """\
from typing import Any
from chat_completions import AsyncClient, Client
from chat_completions.types import ChatCompletionRequestMessageParam, ChatCompletionToolParam

client = Client()
aclient = AsyncClient()
"""

SNIPPETS: dict[str, str] = {
    "ok_seed": """
        completion = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Say this is a test!"}],
            temperature=0.7,
        )
        reveal_type(completion)  # R: chat_completions._models.CreateChatCompletionResponse
        print(completion.choices[0].message.content)
    """,
    "ok_every_kind_of_parameter": """
        tools: list[ChatCompletionToolParam] = [
            {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}, "strict": True}}
        ]
        messages: list[ChatCompletionRequestMessageParam] = [
            {"role": "developer", "content": "Be brief."},
            {"role": "system", "content": [{"type": "text", "text": "Be kind."}]},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
                    {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
                    {"type": "file", "file": {"file_id": "file-1"}},
                ],
                "name": "ann",
            },
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
            },
            {"role": "tool", "tool_call_id": "call_1", "content": "42"},
        ]
        messages.append({"role": "user", "content": "and then?"})
        completion = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=messages,
            tools=[*tools, {"type": "custom", "custom": {"name": "g", "format": {"type": "text"}}}],
            tool_choice={"type": "function", "function": {"name": "f"}},
            response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}},
            stop=["\\n"],
            logit_bias={"50256": -100},
            metadata={"k": "v"},
            reasoning_effort="low",
            max_completion_tokens=10,
            n=1,
            seed=1,
            store=True,
            audio={"voice": "alloy", "format": "mp3"},
            modalities=["text", "audio"],
            prediction={"type": "content", "content": "x"},
            web_search_options={"user_location": {"type": "approximate", "approximate": {"city": "Paris"}}},
            service_tier=None,
            extra_headers={"X-Trace": "1", "User-Agent": None},
            extra_body={"vendor_field": [1, 2]},
            timeout=5.0,
            max_retries=0,
        )
        reveal_type(completion)  # R: chat_completions._models.CreateChatCompletionResponse
        tool_choice_auto = client.chat.completions.create(model="m", messages=messages, tool_choice="auto")
    """,
    "ok_streams_and_requests": """
        stream = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Hi"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        reveal_type(stream)  # R: chat_completions._streaming.Stream
        for chunk in stream:
            reveal_type(chunk)  # R: chat_completions_api.models.create_chat_completion_stream_response.CreateChatCompletionStreamResponse
        flag: bool = bool(input())
        either = client.chat.completions.create(model="m", messages=[], stream=flag)
        reveal_type(either)  # R: chat_completions._models.CreateChatCompletionResponse | chat_completions._streaming.Stream
        plain = client.chat.completions.create(model="m", messages=[], stream=False)
        reveal_type(plain)  # R: chat_completions._models.CreateChatCompletionResponse
        request: dict[str, Any] = {"model": "m", "messages": [{"role": "user", "content": "Hi"}]}
        from_request = client.chat.completions.create(request, temperature=0.1)
        reveal_type(from_request)  # R: chat_completions._models.CreateChatCompletionResponse
        streamed_request = client.chat.completions.create(request, stream=True)
        reveal_type(streamed_request)  # R: chat_completions._streaming.Stream
    """,
    "ok_other_methods": """
        updated = client.chat.completions.update("chatcmpl-1", metadata={"k": "v"}, timeout=1.0)
        reveal_type(updated)  # R: chat_completions._models.CreateChatCompletionResponse
        client.chat.completions.update("chatcmpl-1", metadata=None)
        for stored in client.chat.completions.list(model="m", metadata={"k": "v"}, after="c", limit=2, order="desc"):
            reveal_type(stored)  # R: chat_completions_api.models.create_chat_completion_response.CreateChatCompletionResponse
        for message in client.chat.completions.messages.list("chatcmpl-1", limit=5, order="asc", max_retries=1):
            reveal_type(message)  # R: chat_completions_api.models.chat_completion_message_list_data_item.ChatCompletionMessageListDataItem
        deleted = client.chat.completions.delete("chatcmpl-1", extra_headers={"X-A": "1"})
        reveal_type(deleted)  # R: chat_completions._models.ChatCompletionDeleted
    """,
    "ok_async_and_raw": """
        async def main() -> None:
            completion = await aclient.chat.completions.create(model="m", messages=[{"role": "user", "content": "Hi"}])
            reveal_type(completion)  # R: chat_completions._models.CreateChatCompletionResponse
            stream = await aclient.chat.completions.create(model="m", messages=[], stream=True)
            reveal_type(stream)  # R: chat_completions._streaming.AsyncStream
            async for item in aclient.chat.completions.list(limit=1):
                print(item.id)
            raw_stream = await aclient.chat.completions.with_raw_response.create(model="m", messages=[], stream=True)
            reveal_type(raw_stream.parse())  # R: chat_completions._streaming.AsyncStream
            raw_list = await aclient.chat.completions.with_raw_response.list(limit=1)
            reveal_type(raw_list.parse())  # R: typing.AsyncIterator[chat_completions_api.models.create_chat_completion_response.CreateChatCompletionResponse]

        raw = client.chat.completions.with_raw_response.create(model="m", messages=[{"role": "user", "content": "Hi"}])
        reveal_type(raw)  # R: chat_completions._raw.LegacyAPIResponse[chat_completions._models.CreateChatCompletionResponse]
        reveal_type(raw.parse())  # R: chat_completions._models.CreateChatCompletionResponse
        remaining: str | None = raw.headers.get("x-ratelimit-remaining-requests")
        status: int = raw.status_code
        raw_stream = client.chat.completions.with_raw_response.create(model="m", messages=[], stream=True)
        reveal_type(raw_stream.parse())  # R: chat_completions._streaming.Stream
        messages = client.chat.completions.with_raw_response.messages.list("chatcmpl-1", limit=1)
        reveal_type(messages.parse())  # R: typing.Iterator[chat_completions_api.models.chat_completion_message_list_data_item.ChatCompletionMessageListDataItem]
    """,
    "ok_streaming_response": """
        async def main() -> None:
            async with aclient.chat.completions.with_streaming_response.create(model="m", messages=[]) as aresponse:
                reveal_type(await aresponse.parse())  # R: chat_completions._models.CreateChatCompletionResponse
            async with aclient.chat.completions.with_streaming_response.create(model="m", messages=[], stream=True) as astreamed:
                reveal_type(await astreamed.parse())  # R: chat_completions._streaming.AsyncStream

        with client.chat.completions.with_streaming_response.create(model="m", messages=[]) as response:
            reveal_type(response)  # R: chat_completions._streamed.APIResponse[chat_completions._models.CreateChatCompletionResponse]
            reveal_type(response.parse())  # R: chat_completions._models.CreateChatCompletionResponse
            for line in response.iter_lines():
                reveal_type(line)  # R: str
        with client.chat.completions.with_streaming_response.create(model="m", messages=[], stream=True) as streamed:
            reveal_type(streamed.parse())  # R: chat_completions._streaming.Stream
        with client.chat.completions.with_streaming_response.messages.list("chatcmpl-1") as listed:
            reveal_type(listed.parse())  # R: typing.Iterator[chat_completions_api.models.chat_completion_message_list_data_item.ChatCompletionMessageListDataItem]
    """,
    "ok_azure": """
        from chat_completions import AsyncAzureClient, AzureClient

        async def atoken() -> str:
            return "t"

        azure = AzureClient(azure_endpoint="https://r.openai.azure.com", api_version="2024-10-21", azure_ad_token_provider=lambda: "t")
        reveal_type(azure.chat.completions.create(model="gpt-4o-mini", messages=[]))  # R: chat_completions._models.CreateChatCompletionResponse
        aazure = AsyncAzureClient(azure_endpoint="https://r.openai.azure.com", api_version="v1", azure_ad_token_provider=atoken)
    """,
    "bad_async_token_provider_on_the_sync_azure_client": """
        from chat_completions import AzureClient

        async def atoken() -> str:
            return "t"

        AzureClient(azure_endpoint="https://r", api_version="v", azure_ad_token_provider=atoken)  # E: Argument "azure_ad_token_provider" to "AzureClient" has incompatible type
    """,
    "bad_misspelt_parameter": """
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], temprature=0.7)  # E: Unexpected keyword argument "temprature" .*did you mean "temperature"
    """,
    "bad_wrong_type": """
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], temperature="hot")  # E: No overload variant of "create" of "Completions" matches argument types "str", "list\\[dict\\[str, str\\]\\]", "str"
    """,
    "bad_unknown_role": """
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "usr", "content": "Hi"}])  # E: List item 0 has incompatible type "dict\\[str, str\\]"; expected "ChatCompletionRequestDeveloperMessageParam \\| .*ChatCompletionRequestUserMessageParam
    """,
    "bad_unknown_role_in_a_typed_list": """
        messages: list[ChatCompletionRequestMessageParam] = [{"role": "robot", "content": "Hi"}]  # E: incompatible type|ambiguous
    """,
    "bad_unknown_content_part": """
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": [{"type": "txt", "text": "Hi"}]}])  # E: List item 0 has incompatible type
    """,
    "bad_wrong_part_for_the_role": """
        messages: list[ChatCompletionRequestMessageParam] = [
            {"role": "system", "content": [{"type": "image_url", "image_url": {"url": "u"}}]}  # E: incompatible type|ambiguous
        ]
    """,
    "bad_missing_model": """
        client.chat.completions.create(messages=[{"role": "user", "content": "Hi"}])  # E: No overload variant of "create"
    """,
    "bad_tool_message_without_its_call_id": """
        messages: list[ChatCompletionRequestMessageParam] = [{"role": "tool", "content": "42"}]  # E: incompatible type|ambiguous
    """,
    "bad_enum_value": """
        client.chat.completions.create(model="m", messages=[], reasoning_effort="extreme")  # E: No overload variant of "create"
    """,
    "bad_stream_is_not_a_completion": """
        stream = client.chat.completions.create(model="m", messages=[], stream=True)
        print(stream.choices)  # E: "Stream" has no attribute "choices"
        completion = client.chat.completions.create(model="m", messages=[])
        for chunk in completion:  # E: "CreateChatCompletionResponse" has no attribute "__iter__"
            pass
    """,
    "bad_update_list_and_messages": """
        client.chat.completions.update("c", metdata={})  # E: Unexpected keyword argument "metdata" for "update" of "Completions"
        client.chat.completions.update("c")  # E: Missing named argument "metadata" for "update" of "Completions"
        client.chat.completions.list(order="up")  # E: Argument "order" to "list" of "Completions" has incompatible type "Literal\\['up'\\]"
        client.chat.completions.messages.list("c", limit="10")  # E: Argument "limit" to "list" of "Messages" has incompatible type "str"; expected "int"
    """,
    "bad_raw_and_async": """
        client.chat.completions.with_raw_response.create(model="m", messages=[], temprature=0.7)  # E: Unexpected keyword argument "temprature" for overloaded function "create" of "CompletionsWithRawResponse"

        async def main() -> None:
            await aclient.chat.completions.create(model="m", messages=[], temprature=0.7)  # E: Unexpected keyword argument "temprature" for overloaded function "create" of "AsyncCompletions"
            await aclient.chat.completions.with_raw_response.list(ordre="asc")  # E: Unexpected keyword argument "ordre"
    """,
    "ok_parse_infers_the_parsed_type": """
        import dataclasses
        from typing import TypedDict

        import attrs
        import pydantic
        from chat_completions import function_tool

        @dataclasses.dataclass
        class Point:
            x: int

        class PointDict(TypedDict):
            x: int

        @attrs.define
        class PointAttrs:
            x: int

        class PointModel(pydantic.BaseModel):
            x: int

        def first(kind: type[Any]) -> None:
            pass

        message = client.chat.completions.parse(model="m", messages=[], response_format=Point).choices[0].message
        reveal_type(message.parsed)  # R: ok_parse_infers_the_parsed_type.Point | None
        as_dict = client.chat.completions.parse(model="m", messages=[], response_format=PointDict)
        reveal_type(as_dict.choices[0].message.parsed)  # R: TypedDict(ok_parse_infers_the_parsed_type.PointDict, {'x': int}) | None
        as_attrs = client.chat.completions.parse(model="m", messages=[], response_format=PointAttrs)
        reveal_type(as_attrs.choices[0].message.parsed)  # R: ok_parse_infers_the_parsed_type.PointAttrs | None
        as_model = client.chat.completions.parse(model="m", messages=[], response_format=PointModel)
        reveal_type(as_model.choices[0].message.parsed)  # R: ok_parse_infers_the_parsed_type.PointModel | None
        plain = client.chat.completions.parse(model="m", messages=[], response_format={"type": "json_object"})
        reveal_type(plain.choices[0].message.parsed)  # R: None
        tools = client.chat.completions.parse(model="m", messages=[], tools=[function_tool(Point)])
        for call in tools.choices[0].message.tool_calls or []:
            reveal_type(call.function.parsed_arguments)  # R: object
        if message.parsed is not None:
            print(message.parsed.x + 1, message.refusal)
        raw = client.chat.completions.with_raw_response.parse(model="m", messages=[], response_format=Point)
        reveal_type(raw.parse().choices[0].message.parsed)  # R: ok_parse_infers_the_parsed_type.Point | None
        with client.chat.completions.with_streaming_response.parse(model="m", messages=[], response_format=Point) as r:
            reveal_type(r.parse().choices[0].message.parsed)  # R: ok_parse_infers_the_parsed_type.Point | None

        async def main() -> None:
            parsed = await aclient.chat.completions.parse(model="m", messages=[], response_format=Point)
            reveal_type(parsed.choices[0].message.parsed)  # R: ok_parse_infers_the_parsed_type.Point | None
    """,
    "ok_stream_events": """
        import dataclasses

        @dataclasses.dataclass
        class Point:
            x: int

        with client.chat.completions.stream(model="m", messages=[], response_format=Point) as stream:
            for event in stream:
                if event.type == "content.delta":
                    print(event.delta, event.snapshot, event.parsed)
                elif event.type == "content.done":
                    reveal_type(event.parsed)  # R: ok_stream_events.Point | None
                elif event.type == "tool_calls.function.arguments.done":
                    print(event.name, event.index, event.parsed_arguments)
            final = stream.get_final_completion()
            reveal_type(final.choices[0].message.parsed)  # R: ok_stream_events.Point | None
    """,
    "bad_response_format": """
        client.chat.completions.parse(model="m", messages=[], response_format="json")  # E: No overload variant of "parse"
        client.chat.completions.parse(model="m", messages=[], response_format=dict, stream=True)  # E: No overload variant of "parse"
        client.chat.completions.stream(model="m", messages=[], response_format=42)  # E: No overload variant of "stream"
    """,
}

LINE = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+): (?P<kind>error|note): (?P<text>.*)$")


def _expectations(source: str) -> tuple[dict[int, str], dict[int, str]]:
    errors, reveals = {}, {}
    for number, line in enumerate(source.splitlines(), 1):
        if "  # E: " in line:
            errors[number] = line.split("  # E: ", 1)[1]
        elif "  # R: " in line:
            reveals[number] = line.split("  # R: ", 1)[1]
    return errors, reveals


@pytest.fixture(scope="module")
def mypy_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str, str]]]:
    """mypy --strict on every snippet at once: each file's (line, error|note, text)."""
    folder = tmp_path_factory.mktemp("snippets")
    for name, body in SNIPPETS.items():
        (folder / f"{name}.py").write_text(HEAD + textwrap.dedent(body))
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert mypy, "mypy is not installed next to this python"
    cmd = [
        mypy, "--strict", "--no-error-summary", "--show-absolute-path", "--no-pretty", "--hide-error-context",
        "--cache-dir", str(folder / ".mypy_cache"), "--python-version", "3.11", str(folder),
    ]  # fmt: skip
    # From the project root: pyproject's mypy_path finds the generated and wrapper packages as a user's install would.
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    report: dict[str, list[tuple[int, str, str]]] = {name: [] for name in SNIPPETS}
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        assert match, f"unexpected mypy output: {line}"
        report[Path(match["file"]).stem].append((int(match["line"]), match["kind"], match["text"]))
    return report


@pytest.mark.parametrize("name", list(SNIPPETS))
def test_snippet(name: str, mypy_report: dict[str, list[tuple[int, str, str]]]) -> None:
    source = HEAD + textwrap.dedent(SNIPPETS[name])
    want_errors, want_reveals = _expectations(source)
    found = mypy_report[name]
    errors = [(line, text) for line, kind, text in found if kind == "error"]
    unexpected = [(line, text) for line, text in errors if line not in want_errors]
    assert not unexpected, f"errors mypy should not report: {unexpected}"
    for line, pattern in want_errors.items():
        texts = [text for at, text in errors if at == line]
        assert any(re.search(pattern, text) for text in texts), f"line {line}: want /{pattern}/, got {texts}"
    reveals = {line: text for line, kind, text in found if kind == "note" and text.startswith("Revealed type is")}
    for line, want in want_reveals.items():
        assert reveals.get(line) == f'Revealed type is "{want}"', f"line {line}"
    assert name.startswith("bad_") == bool(want_errors)


# --- the generated TypedDicts follow the spec ---------------------------------------------------------------------


def _keys(cls: Any) -> tuple[set[str], set[str]]:
    return set(cls.__annotations__), set(cls.__required_keys__)


def _literal_of(cls: Any, key: str) -> object:
    hint = typing.get_type_hints(cls)[key]
    assert typing.get_origin(hint) is typing.Literal, hint
    (value,) = typing.get_args(hint)
    return value


def test_create_params_are_the_request_schema() -> None:
    request = SCHEMAS["CreateChatCompletionRequest"]
    keys, required = _keys(params.CompletionCreateParamsBase)
    assert keys == set(request["properties"]) - {"stream"}
    assert required == set(request["required"])
    assert _keys(params.CompletionCreateParamsOverrides) == (keys, set())
    assert _keys(params.CompletionCreateParamsStreaming) == (keys | {"stream"}, required | {"stream"})
    assert _keys(params.CompletionCreateParamsNonStreaming) == (keys | {"stream"}, required)
    assert _literal_of(params.CompletionCreateParamsStreaming, "stream") is True


@pytest.mark.parametrize(
    ("union", "schema", "tag"),
    [
        ("ChatCompletionRequestMessageParam", "ChatCompletionRequestMessage", "role"),
        ("ChatCompletionRequestUserMessageContentPartParam", "ChatCompletionRequestUserMessageContentPart", "type"),
        ("ChatCompletionRequestAssistantMessageContentPartParam", "ChatCompletionRequestAssistantMessageContentPart", "type"),
    ],
)  # fmt: skip
def test_each_variant_is_a_typed_dict_tagged_as_in_the_spec(union: str, schema: str, tag: str) -> None:
    members = typing.get_args(getattr(params, union))
    refs = [option["$ref"].rsplit("/", 1)[1] for option in SCHEMAS[schema]["oneOf"]]
    assert [m.__name__ for m in members] == [f"{ref}Param" for ref in refs]
    for member, ref in zip(members, refs, strict=True):
        variant = SCHEMAS[ref]
        assert _keys(member) == (set(variant["properties"]), set(variant["required"]))
        assert _literal_of(member, tag) == variant["properties"][tag]["const"]


def test_method_params_are_the_operations() -> None:
    def query(operation_id: str) -> tuple[set[str], set[str]]:
        for item in SPEC["paths"].values():
            for op in item.values():
                if isinstance(op, dict) and op.get("operationId") == operation_id:
                    found = [p for p in op["parameters"] if p.get("in") == "query"]
                    return {p["name"] for p in found}, {p["name"] for p in found if p.get("required")}
        raise AssertionError(operation_id)

    assert _keys(params.CompletionListParams) == query("listChatCompletions")
    assert _keys(params.MessageListParams) == query("getChatCompletionMessages")
    update = SPEC["paths"]["/chat/completions/{completion_id}"]["post"]["requestBody"]["content"]["application/json"]
    assert _keys(params.CompletionUpdateParams) == (
        set(update["schema"]["properties"]),
        set(update["schema"]["required"]),
    )


def test_the_public_types_module_is_the_generated_one() -> None:
    from chat_completions import types

    assert types.__all__ == params.__all__
    assert all(getattr(types, name) is getattr(params, name) for name in params.__all__)


def _regen() -> ModuleType:
    import regen

    return regen


def test_the_drift_check_covers_params(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    regen = _regen()
    generated = tmp_path / "chat_completions_api"
    shutil.copytree(regen.GENERATED, generated, ignore=shutil.ignore_patterns("__pycache__"))
    spec = tmp_path / "chat-completions.yaml"
    shutil.copy(regen.SPEC, spec)
    monkeypatch.setattr(regen, "GENERATED", generated)
    monkeypatch.setattr(regen, "SPEC", spec)
    monkeypatch.setattr(regen, "ROOT", tmp_path)
    monkeypatch.setattr(regen, "pinned_tools", dict)
    target = generated / "params.py"
    target.write_text(target.read_text().replace("temperature: NotRequired[float | None]", "temperature: float", 1))
    assert regen.main(["--check"]) == 1
    assert "differs: params.py" in capsys.readouterr().out


# --- at run time: plain dicts, as before ---------------------------------------------------------------------------


def test_plain_dicts_and_unknown_keywords_at_run_time(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(), ok())
    body: dict[str, Any] = {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "vendor_flag": True}
    client.chat.completions.create(**body)  # create sends what it is given, a field the types do not know too
    assert server.requests[0].json() == body
    client.chat.completions.update("c", metadata={"k": "v"})
    assert server.requests[1].json() == {"metadata": {"k": "v"}}
    with pytest.raises(TypeError, match=r"list\(\) got an unexpected keyword argument 'ordre'"):
        client.chat.completions.list(ordre="asc")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"update\(\) missing required keyword argument\(s\): metadata"):
        client.chat.completions.update("c")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'after_id'"):
        client.chat.completions.messages.list("c", after_id="x")  # type: ignore[call-arg]
    assert len(server.requests) == 2  # nothing sent for those
