"""Streams, event by event: framing, one id, role first, one finish_reason per choice, usage, one final [DONE]."""

from __future__ import annotations

from typing import Any

import pytest
from harness import cheap, send
from promises import stream_is_well_framed

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["c", "f"]}},
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
    },
}
HELLO = [{"role": "user", "content": "Say this is a test!"}]

STREAMS = {
    "plain": {"messages": HELLO, "stream": True},
    "usage chunk when asked": {"messages": HELLO, "stream": True, "stream_options": {"include_usage": True}},
    "no usage chunk when declined": {"messages": HELLO, "stream": True, "stream_options": {"include_usage": False}},
    "two choices with usage": {"messages": HELLO, "stream": True, "n": 2, "stream_options": {"include_usage": True}},
    "tool-call deltas": {
        "messages": [{"role": "user", "content": "Weather in Paris?"}],
        "stream": True,
        "tools": [WEATHER_TOOL],
        "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
    },
    "with logprobs": {"messages": HELLO, "stream": True, "logprobs": True, "top_logprobs": 2},
    "cut by the token limit": {"messages": HELLO, "stream": True, "max_completion_tokens": 2},
}


@pytest.mark.parametrize("name", list(STREAMS))
def test_stream_is_well_framed(target: Any, name: str) -> None:
    request = cheap(target, STREAMS[name])
    response = send(target, "POST", "/chat/completions", json=request)
    assert response.status_code == 200, response.text[:300]
    stream_is_well_framed(request, response.headers, response.text)
