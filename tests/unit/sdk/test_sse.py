"""The event-stream parser: WHATWG framing, whatever the chunk boundaries; checked against httpx-sse's decoder."""

from __future__ import annotations

import pytest
from chat_completions._sse import EventParser
from httpx_sse._decoders import SSEDecoder, SSELineDecoder

BODIES = [
    b'data: {"a": 1}\n\ndata: [DONE]\n\n',
    b'data: {"a": 1}\r\n\r\ndata: {"b": 2}\r\rdata: x\n\n',
    b": comment\n\nevent: error\ndata: oops\n\n",
    b"data: line one\ndata: line two\n\n",
    b"data:no space\n\nid: 7\nretry: 100\nfoo: bar\ndata: y\n\n",
    b"event: ping\n\n\n\ndata: z\n\n",
    b"data: \n\ndata\n\ndata: last without blank line",
    b"data: caf\xc3\xa9 \xe6\x97\xa5\n\n",
    b"data: cr only\r\rdata: [DONE]\r\r",
]


def _reference(body: bytes) -> list[tuple[str, bytes]]:
    """httpx-sse's reading of the same body (UTF-8 text), as (event, data bytes)."""
    lines, decoder, events = SSELineDecoder(), SSEDecoder(), []
    for line in [*lines.decode(body.decode()), *lines.flush()]:
        sse = decoder.decode(line.rstrip("\n"))
        if sse is not None and sse.data:
            events.append((sse.event, sse.data.encode()))
    return events


def _parse(body: bytes, size: int) -> list[tuple[str, bytes]]:
    parser, found = EventParser(), []
    for start in range(0, len(body), size):
        found += parser.feed(body[start : start + size])
    found += parser.close()
    return [(name or "message", data) for name, data in found if data]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("size", [1, 2, 3, 7, 1000])
def test_same_events_as_httpx_sse_at_any_chunk_boundary(body: bytes, size: int) -> None:
    assert _parse(body, size) == _reference(body)


@pytest.mark.parametrize("size", [1, 2, 1000])
def test_a_leading_byte_order_mark_is_skipped(size: int) -> None:
    """The WHATWG rules drop one BOM at the start; the first event is kept."""
    assert _parse(b"\xef\xbb\xbfdata: 1\n\ndata: 2\n\n", size) == [("message", b"1"), ("message", b"2")]


def test_a_cut_event_is_dropped() -> None:
    assert _parse(b"data: 1\n\ndata: 2", 1000) == [("message", b"1")]
