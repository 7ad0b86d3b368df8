"""A minimal loopback HTTP/1.1 server that answers with precomputed bytes, so the server is not what is measured.

    python -m bench.server [--stream-chunks N] [--large-choices N]

It prints its port on the first line, then serves until killed. The answer is chosen by the
`model` of the request body (`bench-small`, `bench-large`, `bench-stream`; anything else gets
`bench-small`). Keep-alive is honoured; request bodies are read and ignored otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from bench.payloads import bodies


def _responses(stream_chunks: int, large_choices: int) -> dict[bytes, bytes]:
    built = {}
    for model, (content_type, body) in bodies(stream_chunks, large_choices).items():
        head = (
            f"HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {len(body)}\r\n"
            "x-request-id: req_bench\r\nconnection: keep-alive\r\n\r\n"
        )
        built[f'"{model}"'.encode()] = head.encode() + body
    return built


async def _serve(stream_chunks: int, large_choices: int) -> None:
    responses = _responses(stream_chunks, large_choices)
    default = responses[b'"bench-small"']

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                body = await reader.readexactly(length) if length else b""
                answer = next((r for key, r in responses.items() if key in body), default)
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=1 << 20)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stream-chunks", type=int, default=10_000)
    parser.add_argument("--large-choices", type=int, default=64)
    args = parser.parse_args()
    try:
        asyncio.run(_serve(args.stream_chunks, args.large_choices))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
