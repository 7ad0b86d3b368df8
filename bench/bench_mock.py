"""Requests per second of the mock next to a bare starlette app returning fixed bytes, in one run.

    python bench/bench_mock.py [--requests 1500] [--concurrency 32] [--rounds 3] [--json]

Both servers run in their own process under the same uvicorn settings (h11, asyncio loop) on 127.0.0.1; the
client is a minimal keep-alive HTTP/1.1 client on asyncio so that it costs far less than the servers. Four
workloads: sequential (one connection) and concurrent (`--concurrency` connections), each plain (JSON) and
streaming (SSE to `[DONE]`), all sending the seed request ("Say this is a test!"). The bare app answers the
same bytes the mock sends for that request (the JSON completion, or the whole SSE body in one response).
Beside the rates, each server's CPU time per request (user + system, read from its process): on a busy shared
machine the rates swing with the neighbours' load, while CPU per request stays comparable from run to run.
Last, the cost of `--latency`: the mock's CPU time per stream for `--paced` concurrent streams paced like
gpt-4o-mini, next to the same streams unpaced (pacing must not cost more than the stream itself).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

SEED = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say this is a test!"}]}


def _bare_app(plain: bytes, stream: bytes) -> object:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def create(request: Request) -> Response:
        body = await request.body()
        if b'"stream":true' in body:
            return Response(stream, media_type="text/event-stream")
        return Response(plain, media_type="application/json")

    return Starlette(routes=[Route("/v1/chat/completions", create, methods=["POST"])])


def serve_bare(port: int) -> None:
    """Run the bare app (answers fixed bytes) like the mock is run."""
    # Record the mock's real answers to the seed request, so both servers send the same bytes.
    import httpx
    import uvicorn
    from chat_completions_mock import _server, running

    with running() as url:
        headers = {"Authorization": "Bearer bench"}
        plain = httpx.post(f"{url}/chat/completions", json=SEED, headers=headers).content
        stream = httpx.post(f"{url}/chat/completions", json={**SEED, "stream": True}, headers=headers).content
    sock = _server.bind("127.0.0.1", port)
    print(f"bare listening on {_server.url_of(sock)}", flush=True)
    config = uvicorn.Config(_bare_app(plain, stream), log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


@contextmanager
def server(kind: str, *options: str) -> Iterator[tuple[str, int, int]]:
    """Start one server process (`options`: more flags of the mock's CLI); yields (host, port, pid)."""
    if kind == "mock":
        cmd = [sys.executable, "-m", "chat_completions_mock", "--port", "0", *options]
    else:
        cmd = [sys.executable, __file__, "--serve-bare", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = line.strip().split()[-1]
        hostport = url.split("//", 1)[1].split("/", 1)[0]
        host, port = hostport.rsplit(":", 1)
        yield host, int(port), proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=15)


class Connection:
    """A keep-alive HTTP/1.1 connection that sends one POST and reads the whole answer."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def post(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lower = head.lower()
        if b"transfer-encoding: chunked" in lower:
            body = bytearray()
            while True:
                size_line = await self.reader.readuntil(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
            return status, bytes(body)
        start = lower.index(b"content-length:") + 15
        length = int(lower[start : lower.index(b"\r\n", start)])
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


def _request(stream: bool, seed: dict[str, object] = SEED) -> bytes:
    body = json.dumps({**seed, "stream": True} if stream else seed, separators=(",", ":")).encode()
    return (
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer bench\r\n"
        b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


async def _worker(host: str, port: int, request: bytes, count: int, stream: bool) -> None:
    conn = await Connection.open(host, port)
    try:
        for _ in range(count):
            status, body = await conn.post(request)
            if status != 200 or (stream and not body.endswith(b"data: [DONE]\n\n")):
                raise RuntimeError(f"unexpected answer {status}: {body[:200]!r}")
    finally:
        conn.close()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    import psutil

    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


async def measure(host: str, port: int, pid: int, *, total: int, concurrency: int, stream: bool) -> tuple[float, float]:
    """(requests per second, server CPU µs per request) for `total` requests over `concurrency` connections."""
    request = _request(stream)
    await _worker(host, port, request, 50, stream)  # warm-up
    per = max(1, total // concurrency)
    cpu = _cpu_seconds(pid)
    started = time.perf_counter()
    await asyncio.gather(*(_worker(host, port, request, per, stream) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    count = per * concurrency
    return count / elapsed, (_cpu_seconds(pid) - cpu) / count * 1e6


STORY = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Tell me a story."}]}


async def _paced_cpu(host: str, port: int, pid: int, streams: int) -> float:
    """Server CPU µs per stream for `streams` concurrent streams (each on its own connection)."""
    request = _request(True, STORY)
    await _worker(host, port, request, 20, True)  # warm-up
    cpu = _cpu_seconds(pid)
    await asyncio.gather(*(_worker(host, port, request, 1, True) for _ in range(streams)))
    return (_cpu_seconds(pid) - cpu) / streams * 1e6


def pacing_cost(streams: int) -> dict[str, float]:
    """CPU µs per stream of the mock with `--latency gpt-4o-mini` and without, for the same concurrent streams."""
    figures: dict[str, float] = {}
    for kind, flags in (("unpaced", ()), ("paced", ("--latency", "gpt-4o-mini"))):
        with server("mock", *flags) as (host, port, pid):
            figures[f"{kind}_cpu_us"] = asyncio.run(_paced_cpu(host, port, pid, streams))
    figures["ratio"] = figures["paced_cpu_us"] / figures["unpaced_cpu_us"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1500, help="requests per measurement (default 1500)")
    parser.add_argument("--concurrency", type=int, default=32, help="connections of the concurrent runs (32)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per workload; median kept (3)")
    parser.add_argument("--paced", type=int, default=200, help="concurrent streams of the pacing figure (200)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare is not None:
        serve_bare(args.serve_bare)
        return 0
    workloads = [
        ("sequential plain", 1, False),
        ("sequential stream", 1, True),
        ("concurrent plain", args.concurrency, False),
        ("concurrent stream", args.concurrency, True),
    ]
    samples: dict[str, dict[str, list[float]]] = {}
    with server("bare") as bare, server("mock") as mock:
        targets = {"bare": bare, "mock": mock}
        # Alternate the two servers round by round and keep the median, so drift hits both alike.
        for name, concurrency, stream in workloads:
            for _ in range(args.rounds):
                for kind, (host, port, pid) in targets.items():
                    rate, cpu = asyncio.run(
                        measure(host, port, pid, total=args.requests, concurrency=concurrency, stream=stream)
                    )
                    samples.setdefault(name, {}).setdefault(kind, []).append(rate)
                    samples[name].setdefault(f"{kind}_cpu_us", []).append(cpu)
    results = {
        name: {kind: statistics.median(values) for kind, values in by_kind.items()} for name, by_kind in samples.items()
    }
    for figures in results.values():
        figures["ratio"] = figures["mock"] / figures["bare"]
        figures["cpu_ratio"] = figures["mock_cpu_us"] / figures["bare_cpu_us"]
    pacing = pacing_cost(args.paced)
    if args.json:
        print(json.dumps({**results, "pacing": pacing}, indent=2))
    else:
        print(
            f"{'workload':<20}{'bare req/s':>12}{'mock req/s':>12}{'mock/bare':>11}"
            f"{'bare CPU µs':>13}{'mock CPU µs':>13}{'CPU mock/bare':>15}"
        )
        for name, f in results.items():
            print(
                f"{name:<20}{f['bare']:>12.0f}{f['mock']:>12.0f}{f['ratio']:>10.0%}"
                f"{f['bare_cpu_us']:>13.0f}{f['mock_cpu_us']:>13.0f}{f['cpu_ratio']:>14.2f}x"
            )
        print(
            f"--latency: mock CPU per stream, {args.paced} concurrent streams: paced {pacing['paced_cpu_us']:.0f} µs,"
            f" unpaced {pacing['unpaced_cpu_us']:.0f} µs ({pacing['ratio']:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
