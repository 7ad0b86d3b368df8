"""The fixed answers the benchmark server sends, built once, deterministically.

`small`: the quickstart answer. `large`: n=64 choices of 200 tokens, each token with 5 top
logprobs (about 7.5 MB). `stream`: 10,000 chunks then `[DONE]` (the count is a parameter so the
smoke test can use a tiny one).
"""

from __future__ import annotations

import json
from typing import Any

SMALL = {
    "id": "chatcmpl-bench",
    "object": "chat.completion",
    "created": 1677858242,
    "model": "gpt-4o-mini",
    "system_fingerprint": "fp_bench",
    "service_tier": "default",
    "usage": {
        "prompt_tokens": 13,
        "completion_tokens": 7,
        "total_tokens": 20,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    },
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "\n\nThis is a test!", "refusal": None, "annotations": []},
            "logprobs": None,
            "finish_reason": "stop",
        }
    ],
}

WORDS = ["alpha", " beta", " gamma", " delta", " eps", " zeta", " eta", " theta", " iota", " kappa"]


def _token(i: int, j: int) -> dict[str, Any]:
    word = WORDS[(i * 7 + j) % len(WORDS)]
    return {"token": word, "logprob": -0.001 * ((i + j) % 97), "bytes": list(word.encode())}


def large(choices: int = 64, tokens: int = 200, alternatives: int = 5) -> dict[str, Any]:
    """An answer with `choices` choices of `tokens` tokens, each with `alternatives` top logprobs."""
    out: list[dict[str, Any]] = []
    for c in range(choices):
        content = []
        for t in range(tokens):
            entry = _token(c, t)
            entry["top_logprobs"] = [_token(c, t + k) for k in range(alternatives)]
            content.append(entry)
        text = "".join(e["token"] for e in content)
        out.append(
            {
                "index": c,
                "message": {"role": "assistant", "content": text, "refusal": None, "annotations": []},
                "logprobs": {"content": content, "refusal": None},
                "finish_reason": "length",
            }
        )
    usage = {"prompt_tokens": 13, "completion_tokens": choices * tokens, "total_tokens": 13 + choices * tokens}
    return {**SMALL, "choices": out, "usage": usage}


def stream(chunks: int = 10_000) -> bytes:
    """An SSE body: a role chunk, `chunks - 2` content chunks, a finish chunk, then `[DONE]`."""
    base = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1677858242, "model": "gpt-4o-mini"}
    events = []
    for i in range(chunks):
        if i == 0:
            delta: dict[str, Any] = {"role": "assistant", "content": "", "refusal": None}
        else:
            delta = {"content": WORDS[i % len(WORDS)]}
        finish = "stop" if i == chunks - 1 else None
        choice = {"index": 0, "delta": {} if finish else delta, "logprobs": None, "finish_reason": finish}
        events.append(b"data: " + json.dumps({**base, "choices": [choice]}).encode() + b"\n\n")
    events.append(b"data: [DONE]\n\n")
    return b"".join(events)


#: `bench-parse`: the small answer, its content the JSON of a small structured output (`parse()`'s figure).
PARSED_CONTENT = '{"city": "San Francisco", "temperature": 65.5, "units": "f", "tags": ["fog", "wind"]}'


def parse_answer() -> dict[str, Any]:
    answer = json.loads(json.dumps(SMALL))
    answer["choices"][0]["message"]["content"] = PARSED_CONTENT
    return answer


def bodies(stream_chunks: int = 10_000, large_choices: int = 64) -> dict[str, tuple[str, bytes]]:
    """Answer per model name: (content type, body bytes)."""
    return {
        "bench-small": ("application/json", json.dumps(SMALL).encode()),
        "bench-parse": ("application/json", json.dumps(parse_answer()).encode()),
        "bench-large": ("application/json", json.dumps(large(choices=large_choices)).encode()),
        "bench-stream": ("text/event-stream", stream(stream_chunks)),
    }
