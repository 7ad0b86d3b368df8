"""When to retry, and how long to wait first.

Retried: connection errors and timeouts, 408, 409, 429 and 5xx; `x-should-retry: true|false` overrides the status rule.
The wait is the server's `retry-after-ms` / `retry-after` (seconds or an HTTP date) when it is more than 0 and at most
`MAX_RETRY_AFTER` seconds, else exponential backoff from `INITIAL_DELAY` doubling up to `MAX_DELAY`, minus up to 25 %
jitter.
"""

from __future__ import annotations

import re
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


#: A plain decimal number of seconds (or ms): no sign, exponent, underscore, nan/inf or non-ASCII digit, which
#: Python's float() would all take.
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _reasonable(value: float) -> float | None:
    return value if 0 < value <= MAX_RETRY_AFTER else None


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """The server's requested wait in seconds, if it gave one we can read and it is reasonable (0 < wait <= 60 s).

    `retry-after-ms` first; when it is missing, unreadable or out of range, `retry-after` (seconds or an HTTP date).
    """
    millis = (headers.get("retry-after-ms") or "").strip()
    if _NUMBER.fullmatch(millis) and (value := _reasonable(float(millis) / 1000)) is not None:
        return value
    text = (headers.get("retry-after") or "").strip()
    if _NUMBER.fullmatch(text):
        return _reasonable(float(text))
    if not text:
        return None
    from datetime import UTC
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return _reasonable(when.timestamp() - time.time())  # a date in the past: None, so backoff


def retry_delay(retries_done: int, headers: Mapping[str, str] | None) -> float:
    """Seconds to wait before retry number `retries_done + 1`."""
    if headers is not None:
        honoured = _retry_after(headers)
        if honoured is not None:
            return honoured
    import random

    delay = min(INITIAL_DELAY * 2.0**retries_done, MAX_DELAY)
    return delay * (1 - 0.25 * random.random())  # noqa: S311 - jitter, not cryptography
