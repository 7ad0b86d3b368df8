"""`with_options` and `copy` called as code written for `openai` calls them: the same headers reach the server."""

from __future__ import annotations

from typing import Any

import chat_completions
import openai
import pytest
from byte_server import ByteServer
from differential_cases import answer, completion
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
