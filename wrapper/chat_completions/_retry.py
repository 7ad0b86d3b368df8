"""When to retry, and how long to wait first.

Retried: connection errors and timeouts, 408, 409, 429 and 5xx; `x-should-retry: true|false` overrides the status rule.
The wait is the server's `retry-after-ms` / `retry-after` (seconds or an HTTP date) when it lies within
0..`MAX_RETRY_AFTER` seconds, else exponential backoff from `INITIAL_DELAY` doubling up to `MAX_DELAY`, minus up to 25 %
jitter.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Final

INITIAL_DELAY: Final = 0.5
MAX_DELAY: Final = 8.0
MAX_RETRY_AFTER: Final = 60.0

#: Blocking sleep used between attempts (tests replace it).
sleep = time.sleep


async def asleep(seconds: float) -> None:
    """Async sleep used between attempts (tests replace it); anyio, so asyncio and trio both work."""
    import anyio

    await anyio.sleep(seconds)


def should_retry(status_code: int, headers: Mapping[str, str]) -> bool:
    """Whether a response with this status is worth another attempt."""
    flag = (headers.get("x-should-retry") or "").strip().lower()
    if flag == "true":
        return True
    if flag == "false":
        return False
    return status_code in (408, 409, 429) or status_code >= 500


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait in seconds, if it gave one we can read and it is reasonable."""
    value: float | None = None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            value = float(millis) / 1000
        except ValueError:
            value = None
    if value is None:
        text = headers.get("retry-after")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            from datetime import UTC
            from email.utils import parsedate_to_datetime

            try:
                when = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            value = max(0.0, when.timestamp() - time.time())
    return value if 0 <= value <= MAX_RETRY_AFTER else None


def retry_delay(retries_done: int, headers: Mapping[str, str] | None) -> float:
    """Seconds to wait before retry number `retries_done + 1`."""
    if headers is not None:
        honoured = _retry_after(headers)
        if honoured is not None:
            return honoured
    import random

    delay = min(INITIAL_DELAY * 2.0**retries_done, MAX_DELAY)
    return delay * (1 - 0.25 * random.random())  # noqa: S311 - jitter, not cryptography
