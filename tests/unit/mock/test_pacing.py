"""`--latency`: paced streams keep their profile's time to first token and token rate, deterministically and cheaply."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from chat_completions_mock import MockServer
from chat_completions_mock._models import PROFILE_BY_NAME, Latency
from chat_completions_mock._pacing import MIN_GAP, check_latency, last_token_at, schedule
from mock_support import KEY, request, user
from test_load import _stream_count

FAST = PROFILE_BY_NAME["gpt-4o-mini"].latency
SLOW = PROFILE_BY_NAME["o3-mini"].latency


def test_the_schedule_keeps_the_first_and_last_token_on_time() -> None:
    latency = Latency(first_token=1.0, tokens_per_second=50.0, jitter=0.0)
    events = 2 + 40 + 1 + 1  # role, 40 tokens, finish, [DONE]
    writes = schedule(latency, 40, events, b"digest").writes
    assert writes[0][0] == pytest.approx(1.0)
    assert writes[-1][0] == pytest.approx(1.0 + 39 / 50)
    assert sum(count for _, count in writes) == events
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(writes[1:-1])]  # the last write may come sooner
    assert all(gap >= MIN_GAP - 1e-9 for gap in gaps)
    assert len(writes) <= 2 + (39 / 50) / MIN_GAP  # a few writes a second, not one per token


def test_the_schedule_is_deterministic_under_a_seed() -> None:
    one = schedule(SLOW, 30, 34, b"request")
    assert one == schedule(SLOW, 30, 34, b"request")
    assert one != schedule(SLOW, 30, 34, b"request", seed=1)
    assert one != schedule(SLOW, 30, 34, b"another request")
    first = one.writes[0][0]
    assert SLOW.first_token * (1 - SLOW.jitter) <= first <= SLOW.first_token * (1 + SLOW.jitter)


def test_a_json_answer_is_due_with_its_streams_last_token() -> None:
    """What a JSON answer waits for is the last write of the stream it would have been, computed without one."""
    for tokens, digest, seed in ((0, b"a", 0), (1, b"b", 3), (40, b"c", 0), (5_000, b"d", 7)):
        for latency in (FAST, SLOW):
            streamed = schedule(latency, tokens, tokens + 3, digest, seed).writes[-1][0]
            assert last_token_at(latency, tokens, digest, seed) == pytest.approx(streamed)


def test_latency_names_a_profile_or_model() -> None:
    assert check_latency("model") == "model"
    assert check_latency("o3") == "o3"
    with pytest.raises(ValueError, match="--latency"):
        check_latency("warp-speed")


def test_a_paced_stream_arrives_on_time() -> None:
    with (
        MockServer(latency="gpt-4o-mini") as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {KEY}"}) as http,
    ):
        started = time.monotonic()
        assert http.post("/chat/completions", json=request()).status_code == 200
        assert time.monotonic() - started >= FAST.first_token * (1 - FAST.jitter)  # a JSON answer waits too
        body = request(stream=True, messages=user("Tell me a story"))
        started = time.monotonic()
        with http.stream("POST", "/chat/completions", json=body) as response:
            arrivals = [(time.monotonic() - started, piece) for piece in response.iter_bytes()]
    first = arrivals[0][0]
    # Never before its time; the upper bound only guards against a stream sent at once after a long stall.
    assert FAST.first_token * (1 - FAST.jitter) <= first <= FAST.first_token * (1 + FAST.jitter) + 1.0
    assert b"".join(piece for _, piece in arrivals).endswith(b"data: [DONE]\n\n")
    assert len(arrivals) > 1  # written over time, not at once


@pytest.fixture
def paced_server() -> Iterator[tuple[str, int]]:
    """The CLI with `--latency o3-mini`, in its own process (its own interpreter: the client does not slow it)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "chat_completions_mock", "--port", "0", "--latency", "o3-mini"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://([\d.]+):(\d+)/v1", line)
        assert found, line
        yield found.group(1), int(found.group(2))
    finally:
        process.terminate()
        process.wait(timeout=15)


#: Seconds over which the streams start (a thousand connections at the same instant would measure the accept queue).
RAMP = 2.0


async def _timed_stream(host: str, port: int, index: int, count: int) -> tuple[float, float, int, bool]:
    """(time to first token, tokens per second after it, tokens, whether it ended with [DONE]) of one stream."""
    await asyncio.sleep(RAMP * index / count)
    body = json.dumps(request(model="o3-mini", stream=True, messages=user(f"Tell me story {index}"))).encode()
    started = time.monotonic()
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(
            f"POST /v1/chat/completions HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {KEY}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        first = last = 0.0
        tokens = 0
        text = b""
        while chunk := await reader.read(65536):
            now = time.monotonic() - started
            count = chunk.count(b'"delta":{"content":')
            if count and not tokens:
                first = now
            if count:
                last = now
            tokens += count
            text += chunk
    finally:
        writer.close()
    rate = (tokens - 1) / (last - first) if tokens > 1 and last > first else 0.0
    return first, rate, tokens, text.count(b"data: [DONE]") == 1 and b" 200 OK" in text[:20]


@pytest.mark.slow  # a thousand paced streams at once: about 5 s
def test_1000_paced_streams_keep_their_pace(paced_server: tuple[str, int]) -> None:
    host, port = paced_server
    count = _stream_count()

    async def run() -> list[tuple[float, float, int, bool]]:
        return await asyncio.gather(*(_timed_stream(host, port, i, count) for i in range(count)))

    results = asyncio.run(run())
    assert all(done for *_, done in results), sum(not done for *_, done in results)
    first = statistics.median(r[0] for r in results)
    rate = statistics.median(r[1] for r in results if r[2] > 1)
    print(f"median time to first token {first:.3f} s, token rate {rate:.1f}/s over {count} streams")
    assert abs(first - SLOW.first_token) <= 0.2 * SLOW.first_token, first
    assert abs(rate - SLOW.tokens_per_second) <= 0.2 * SLOW.tokens_per_second, rate
