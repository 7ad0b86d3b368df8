"""Client settings and closing called as code written for `openai` calls them: `with_options`, `copy`, the settings
read back, `await stream.close()`."""

from __future__ import annotations

import asyncio
from typing import Any

import chat_completions
import httpx
import openai
import pytest
from byte_server import ByteServer
from differential_cases import answer, completion, sse, text_chunks
from differential_support import KEY, MODEL

#: (ours, openai's, constructor options besides the URL and key) per kind of client.
CLIENTS: dict[str, tuple[Any, Any, dict[str, Any]]] = {
    "openai": (chat_completions.Client, openai.OpenAI, {}),
    "azure": (chat_completions.AzureClient, openai.AzureOpenAI, {"api_version": "2024-10-21"}),
}


@pytest.mark.parametrize("kind", list(CLIENTS))
def test_with_options_and_copy_take_default_headers(kind: str, byte_server: ByteServer) -> None:
    """`with_options(default_headers=...)` and `copy(...)` (its other name) lay headers over the client's, as
    `openai`'s do (ours also calls them `extra_headers`); they raised TypeError / AttributeError."""
    ours_class, openai_class, options = CLIENTS[kind]
    seen = {}
    for sdk, client_class in (("openai", openai_class), ("ours", ours_class)):
        script = byte_server.script(answer(completion()), answer(completion()))
        where = {"azure_endpoint": script.base_url.rstrip("/")} if kind == "azure" else {"base_url": script.base_url}
        with client_class(api_key=KEY, max_retries=0, default_headers={"x-a": "0"}, **where, **options) as client:
            for changed in (
                client.with_options(default_headers={"x-a": "1", "x-b": "1"}),
                client.copy(default_headers={"x-b": "2"}, max_retries=0),
            ):
                changed.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}])
        seen[sdk] = [(seen_.headers.get("x-a"), seen_.headers.get("x-b")) for seen_ in script.requests]
    assert seen["ours"] == seen["openai"] == [("1", "1"), ("0", "2")]


@pytest.mark.parametrize(
    "options",
    [{}, {"base_url": "http://127.0.0.1:9/v1/?a=1", "organization": "o", "project": "p", "max_retries": 4}],
    ids=["defaults", "set"],
)
def test_the_settings_read_back_as_openais_do(options: dict[str, Any]) -> None:
    """`client.base_url`, `api_key`, `organization`, `project`, `max_retries` and `timeout` read back as `openai`'s
    (code logging them raised AttributeError), and so after `with_options`."""
    names = ("base_url", "api_key", "organization", "project", "max_retries", "timeout")
    read = {}
    for sdk, client_class in (("openai", openai.OpenAI), ("ours", chat_completions.Client)):
        with client_class(api_key=KEY, **{"base_url": "http://127.0.0.1:9/v1", **options}) as client:
            changed = client.with_options(max_retries=7, timeout=9.0)
            read[sdk] = [_plain(getattr(c, name)) for c in (client, changed) for name in names]
    assert read["ours"] == read["openai"]
    assert read["ours"][0].endswith(("/v1/", "?a=1"))
    assert read["ours"][10] == 7


def _plain(value: Any) -> Any:
    """A setting comparable across the SDKs (`openai` has its own httpx: its URL and Timeout are other classes)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value if isinstance(value, int) else httpx.Timeout(value).as_dict()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    return value if value is None or isinstance(value, str) else str(value)


def test_an_async_stream_closes_with_close(byte_server: ByteServer) -> None:
    """`await stream.close()` on `create(stream=True)`'s async stream, as on `openai`'s (ours also has `aclose`)."""

    async def run(client_class: Any) -> list[str | None]:
        script = byte_server.script(sse(*text_chunks("Hello", " there")))
        async with client_class(api_key=KEY, base_url=script.base_url, max_retries=0) as client:
            stream = await client.chat.completions.create(
                model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True
            )
            first = await stream.__anext__()
            await stream.close()  # mid-stream: the connection is given back, the rest never read
            return [first.choices[0].delta.content, stream.response.is_closed]

    assert asyncio.run(run(chat_completions.AsyncClient)) == asyncio.run(run(openai.AsyncOpenAI)) == ["", True]
