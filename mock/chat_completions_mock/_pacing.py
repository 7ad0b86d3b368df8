"""`--latency`: streams paced like the model asked for (time to first token, tokens per second, jitter).

Off by default. With `--latency model` each stream follows its model profile's `Latency`; with `--latency NAME`
every stream follows profile NAME's. The schedule is a pure function of the request digest and `--latency-seed`
(the same request gets the same timings), and it is sent by the stream's own coroutine with `asyncio.sleep`:
no thread or worker is held while a stream waits, so thousands of slow streams cost little. Events close together
are written together: each write waits for the due time of its last event and spans at least `MIN_GAP`, so the
first token and the last arrive on time (the measured time to first token and token rate hold) with a few writes
per second per stream.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from ._models import PROFILE_BY_NAME, Latency, Profile

__all__ = ["MIN_GAP", "Schedule", "check_latency", "last_token_at", "latency_of", "schedule"]

#: Shortest time between two writes of one paced stream (seconds).
MIN_GAP = 0.1
#: `--latency` values besides the profile names.
BY_MODEL = "model"


def check_latency(value: str | None) -> str | None:
    """`value` if it names a pace (`model` or a profile name); ValueError otherwise."""
    if value is None or value == BY_MODEL or value in PROFILE_BY_NAME:
        return value
    raise ValueError(f"--latency {value!r}: expected 'model' or a profile name ({', '.join(PROFILE_BY_NAME)})")


def latency_of(setting: str | None, profile: Profile) -> Latency | None:
    """The pace of a stream for `profile` under the `--latency` setting (None: not paced)."""
    if setting is None:
        return None
    return profile.latency if setting == BY_MODEL else PROFILE_BY_NAME[setting].latency


@dataclass(frozen=True)
class Schedule:
    """When to write which events: `writes[i]` is (seconds after the start, number of events in that write)."""

    writes: tuple[tuple[float, int], ...]


def _jittered(rng: random.Random, value: float, jitter: float) -> float:
    return value * (1.0 + jitter * (2.0 * rng.random() - 1.0))


def _pace(latency: Latency, digest: bytes, seed: int) -> tuple[float, float]:
    """A stream's time to first token and time per token after it (each jittered once, deterministically)."""
    rng = random.Random(hashlib.sha256(digest + seed.to_bytes(8, "big", signed=True)).digest())  # noqa: S311
    first = max(0.0, _jittered(rng, latency.first_token, latency.jitter))
    return first, 1.0 / max(1e-3, _jittered(rng, latency.tokens_per_second, latency.jitter))


def last_token_at(latency: Latency, tokens: int, digest: bytes, seed: int = 0) -> float:
    """When the last of `tokens` tokens of a stream is due (what `schedule` gives its last write), in O(1): the
    time a JSON answer is sent under `--latency`."""
    first, step = _pace(latency, digest, seed)
    return first + step * (max(1, tokens) - 1)


def schedule(latency: Latency, tokens: int, events: int, digest: bytes, seed: int = 0) -> Schedule:
    """The writes of a stream of `events` events carrying `tokens` tokens, deterministic for (digest, seed).

    The first write (role and first token) is due after the time to first token; token k after that is due
    k / rate later (rate and the first delay each jittered once per stream, within ±jitter); events that carry
    no token (the finish, usage and `[DONE]`) go with the last token.
    """
    first, step = _pace(latency, digest, seed)
    tokens = max(1, min(tokens, events))
    # Event i (0-based) is due at first + step * max(0, i - lead): the role chunk comes with the first token,
    # and the trailing events (finish, usage, [DONE]) with the last.
    lead = 1 if events > tokens else 0
    due = [first + step * min(max(0, i - lead), tokens - 1) for i in range(events)]
    opening = next((i for i, t in enumerate(due) if t > due[0]), len(due))  # role and first token, on time
    writes: list[tuple[float, int]] = [(due[0], opening)]
    start = opening
    while start < len(due):
        end = start + 1
        while end < len(due) and (due[end] - due[start] < MIN_GAP or due[end] == due[end - 1]):
            end += 1
        writes.append((due[end - 1], end - start))
        start = end
    return Schedule(tuple(writes))
