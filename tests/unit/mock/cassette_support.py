"""Helpers of the cassette tests: record a few exchanges through a recording mock, and record one with VCR.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from chat_completions_mock import MockServer

PROMPT: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hi."}]}
STREAMED: dict[str, Any] = {**PROMPT, "stream": True, "stream_options": {"include_usage": True}}


def record_through_mock(directory: Path, bodies: list[dict[str, Any]], key: str = "sk-caller") -> list[httpx.Response]:
    """Record `bodies` (POST /chat/completions) from a mock upstream through a recording mock into `directory`."""
    with (
        MockServer() as upstream,
        MockServer(record_to=directory, upstream=upstream.base_url) as recorder,
        httpx.Client(base_url=recorder.base_url, headers={"Authorization": f"Bearer {key}"}) as http,
    ):
        return [http.post("/chat/completions", json=body) for body in bodies]


def record_with_vcrpy(cassette: Path, upstream: str) -> Any:
    """Record one `openai` call to the mock at `upstream` with VCR.py itself; the call's answer."""
    import openai
    import vcr

    with vcr.use_cassette(str(cassette), record_mode="all"):
        client = openai.OpenAI(base_url=upstream, api_key="sk-vcrpy", max_retries=0)
        return client.chat.completions.create(**PROMPT)
