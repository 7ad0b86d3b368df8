"""A documented approximation of OpenAI's tokenizer (no encoding files needed).

Text is cut like GPT's pre-tokenizer: a word with its leading space, a run of up to three digits, a run of
punctuation, a run of newlines or a run of other whitespace is one token; a piece longer than 8 characters is cut into pieces of 4.
The pieces concatenate back to the text, so streams and logprobs can use them as tokens.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

_PIECES = re.compile(r"'(?:[sdmt]|ll|ve|re)| ?[A-Za-z]+| ?[0-9]{1,3}| ?[^\sA-Za-z0-9]+|\s*[\r\n]+|\s+(?!\S)|\s+")
_LONG = 8
_CHUNK = 4

#: Tokens added per message (role and separators), as in OpenAI's counting recipe for chat models.
TOKENS_PER_MESSAGE = 3
#: Tokens that prime the assistant's reply.
TOKENS_PER_REPLY = 3
#: Tokens counted for one image part (a low-detail image).
TOKENS_PER_IMAGE = 85
#: Tokens counted for one audio or file part.
TOKENS_PER_FILE = 100


def tokenize(text: str) -> list[str]:
    """The approximate tokens of `text`; `"".join(tokenize(t)) == t`."""
    out: list[str] = []
    for piece in _PIECES.findall(text):
        if len(piece) <= _LONG:
            out.append(piece)
        else:
            out.extend(piece[i : i + _CHUNK] for i in range(0, len(piece), _CHUNK))
    return out


def count_tokens(text: str) -> int:
    """Number of approximate tokens of `text`."""
    total = 0
    for piece in _PIECES.findall(text):
        size = len(piece)
        total += 1 if size <= _LONG else -(-size // _CHUNK)
    return total


def _content_tokens(content: Any) -> int:
    if isinstance(content, str):
        return count_tokens(content)
    if not isinstance(content, list):
        return 0
    total = 0
    for part in content:
        if not isinstance(part, dict):
            continue
        kind = part.get("type")
        if kind in {"text", "refusal"}:
            value = part.get(kind)
            total += count_tokens(value) if isinstance(value, str) else 0
        elif kind == "image_url":
            total += TOKENS_PER_IMAGE
        else:
            total += TOKENS_PER_FILE
    return total


def prompt_tokens(body: Mapping[str, Any]) -> int:
    """Approximate prompt tokens of a create request: messages, plus tools and schemas the model is shown."""
    total = TOKENS_PER_REPLY
    messages = body.get("messages")
    for message in messages if isinstance(messages, list) else ():
        if not isinstance(message, dict):
            continue
        total += TOKENS_PER_MESSAGE + _content_tokens(message.get("content"))
        if isinstance(message.get("name"), str):
            total += 1
        for call in _iter_dicts(message.get("tool_calls")):
            function = call.get("function")
            if isinstance(function, dict):
                total += _text_tokens(function.get("name")) + _text_tokens(function.get("arguments"))
    for key in ("tools", "functions", "response_format"):
        if body.get(key):
            total += count_tokens(json.dumps(body[key], separators=(",", ":")))
    return total


def _text_tokens(value: Any) -> int:
    return count_tokens(value) if isinstance(value, str) else 0


def _iter_dicts(value: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(value, list):
        return (item for item in value if isinstance(item, dict))
    return ()
