"""Server-sent events from the bytes of a response body, as the WHATWG event-stream rules read them.

Hand-written rather than httpx-sse's `EventSource` for speed: a stream of 10,000 small chunks spends most of its time
splitting lines, and the common event (one `data: ` line) here costs one `split` and one slice, on bytes, so that
`json.loads` reads the payload without a decoded copy. Lines end in CR, LF or CRLF; a blank line ends an event;
`:` lines are comments; `data` lines are joined with LF; `event` names it; `id` and `retry` are not used by this API.
An event cut off by the end of the body is dropped, as the rules say.
"""

from __future__ import annotations

__all__ = ["EventParser"]

_BOM = b"\xef\xbb\xbf"


class EventParser:
    """Feed it the body's chunks; each call returns the events completed so far, as (event name, data bytes)."""

    __slots__ = ("_rest", "_started")

    def __init__(self) -> None:
        self._rest = b""
        self._started = False

    def feed(self, chunk: bytes) -> list[tuple[str, bytes]]:
        """The events that `chunk` completes (the rest is kept for the next call)."""
        text = self._rest + chunk if self._rest else chunk
        if not self._started:
            if len(text) < len(_BOM) and _BOM.startswith(text):
                self._rest = text
                return []
            self._started = True
            if text.startswith(_BOM):
                text = text[len(_BOM) :]
        held = b""
        if b"\r" in text:
            if text.endswith(b"\r"):  # perhaps the first half of a CRLF: decide with the next chunk
                held, text = b"\r", text[:-1]
            text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        blocks = text.split(b"\n\n")
        self._rest = blocks.pop() + held
        events: list[tuple[str, bytes]] = []
        for block in blocks:
            if block.startswith(b"data: ") and b"\n" not in block:  # the common case: one data line
                events.append(("", block[6:]))
            elif block:
                event = _event(block)
                if event is not None:
                    events.append(event)
        return events

    def close(self) -> list[tuple[str, bytes]]:
        """At the end of the body: the event that a held-back final CR completes, if any (a cut event is dropped)."""
        return self.feed(b"\n") if self._rest.endswith(b"\r") else []


def _event(block: bytes) -> tuple[str, bytes] | None:
    """The event of one block of lines (no blank line inside), or None if it has no data (comments only, ...)."""
    name = ""
    data: list[bytes] = []
    for line in block.split(b"\n"):
        if not line or line.startswith(b":"):
            continue
        field, colon, value = line.partition(b":")
        if colon and value.startswith(b" "):
            value = value[1:]
        if field == b"data":
            data.append(value)
        elif field == b"event":
            name = value.decode("utf-8", "replace")
    if not data:
        return None
    return name, b"\n".join(data)
