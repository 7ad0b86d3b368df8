"""Bounded load: many concurrent streams and creates complete, and the server ends with nothing in flight."""

from __future__ import annotations

import asyncio
import json
import resource
import time

import httpx
import pytest
from chat_completions_mock import MockServer
from mock_support import KEY, raw_post, request, settles, sse_data, user

pytestmark = pytest.mark.slow  # load: `pytest -m "not slow"` skips it


def _stream_count() -> int:
    """1,000, or fewer when the open-files limit cannot hold both ends of that many connections."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2200 and (hard == resource.RLIM_INFINITY or hard >= 2200):
        resource.setrlimit(resource.RLIMIT_NOFILE, (2200, hard))
        soft = 2200
    return min(1000, (soft - 200) // 2)


def test_1000_concurrent_streams_each_end_with_one_done(server: MockServer) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    count = _stream_count()

    async def one(index: int) -> list[str]:
        body = request(stream=True, messages=user(f"Tell story {index}"), stream_options={"include_usage": True})
        status, text = await raw_post(host, int(port), "/v1/chat/completions", json.dumps(body).encode())
        assert status == 200
        return sse_data(text.decode())

    async def run() -> list[list[str]]:
        return await asyncio.gather(*(one(i) for i in range(count)))

    started = time.monotonic()
    streams = asyncio.run(run())
    assert time.monotonic() - started < 30
    for data in streams:
        assert data.count("[DONE]") == 1
        assert data[-1] == "[DONE]"
        assert json.loads(data[-2])["choices"] == []  # the usage chunk
    assert len({json.loads(data[0])["id"] for data in streams}) == count
    assert settles(server, "active_streams"), server.stats()


def test_concurrent_creates_on_one_async_client(server: MockServer) -> None:
    async def run() -> list[int]:
        async with httpx.AsyncClient(
            base_url=server.base_url,
            headers={"Authorization": f"Bearer {KEY}"},
            limits=httpx.Limits(max_connections=20),
            timeout=60,
        ) as http:
            responses = await asyncio.gather(*(http.post("/chat/completions", json=request(n=2)) for _ in range(150)))
            return [r.status_code for r in responses]

    assert asyncio.run(run()) == [200] * 150
