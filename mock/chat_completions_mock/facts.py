"""Facts about the Chat Completions API that the mock enforces and the contract suite checks, stated once.

A small public module (no dependencies) so `chat_completions_contract` can import it without the rest of the mock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["CHUNK_MEDIA_TYPE", "TOOL_NAME_PATTERN", "VOCABULARY_SIZE", "mentions_json", "text_of"]

#: Token ids accepted as `logit_bias` keys: 0 ≤ id < this (the o200k vocabulary size).
VOCABULARY_SIZE = 200_019
#: What a tool, function or `json_schema` name must match in full: 1-64 letters, digits, `_` or `-`.
TOOL_NAME_PATTERN = r"[a-zA-Z0-9_-]{1,64}"
#: The media type the trimmed spec gives each stream event's `data` (one JSON chunk); see openapi/normalise.py.
CHUNK_MEDIA_TYPE = "application/vnd.chat-completions.chunk"


def text_of(content: Any) -> str:
    """The text of a message's `content`: a string, or the `text` of its parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p["text"] for p in content if isinstance(p, Mapping) and isinstance(p.get("text"), str))
    return ""


def mentions_json(messages: Any) -> bool:
    """Whether some message says "json" (any case): the API's condition for `response_format: json_object`."""
    return isinstance(messages, list) and any(
        isinstance(m, Mapping) and "json" in text_of(m.get("content")).lower() for m in messages
    )
