"""Retries: which failures, how many attempts, how long the waits (recorded by the `sleeps` fixture, never slept)."""

from __future__ import annotations

import time
from email.utils import formatdate

import chat_completions as cc
import pytest
from chat_completions import _retry
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, ok


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses_then_success(
    client: cc.Client, server: ScriptedServer, sleeps: list[float], status: int
) -> None:
    server.add(Reply(status, {"error": {"message": "try again"}}), Reply(status, b""), ok())
    result = client.chat.completions.create(**SEED_REQUEST)
    assert result.id == "chatcmpl-abc123"
    assert len(server.requests) == 3
    assert len(sleeps) == 2
    assert all(r.json() == SEED_REQUEST for r in server.requests)  # the same body each attempt


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_4xx_are_never_retried(
    client: cc.Client, server: ScriptedServer, sleeps: list[float], status: int
) -> None:
    server.add(Reply(status, {"error": {"message": "no"}}), ok())
    with pytest.raises(cc.APIStatusError):
        client.chat.completions.create(**SEED_REQUEST)
    assert len(server.requests) == 1
    assert sleeps == []


def test_gives_up_after_max_retries(client: cc.Client, server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(*[Reply(500, {"error": {"message": f"fail {i}"}}) for i in range(5)])
    with pytest.raises(cc.InternalServerError) as info:
        client.chat.completions.create(**SEED_REQUEST)
    assert info.value.message == "fail 2"  # the last attempt's error
    assert len(server.requests) == 3  # 1 + default max_retries (2)
    assert len(sleeps) == 2


@pytest.mark.parametrize("max_retries", [0, 1, 4])
def test_max_retries_per_request_client_and_with_options(
    server: ScriptedServer, sleeps: list[float], max_retries: int
) -> None:
    with (
        cc.Client(api_key=API_KEY, base_url=server.url, max_retries=max_retries) as client,
        cc.Client(api_key=API_KEY, base_url=server.url) as default,
    ):
        for make in (
            lambda: client.chat.completions.create(**SEED_REQUEST),
            lambda: default.with_options(max_retries=max_retries).chat.completions.create(**SEED_REQUEST),
            lambda: default.chat.completions.create(**SEED_REQUEST, max_retries=max_retries),
        ):
            server.requests.clear()
            server.replies.clear()
            server.add(*[Reply(503) for _ in range(6)])
            with pytest.raises(cc.InternalServerError):
                make()
            assert len(server.requests) == max_retries + 1


def test_backoff_grows_exponentially_with_jitter_and_is_capped(sleeps: list[float]) -> None:
    for attempt in range(8):
        delay = _retry.retry_delay(attempt, None)
        nominal = min(0.5 * 2**attempt, 8.0)
        assert 0.75 * nominal <= delay <= nominal
    assert len({_retry.retry_delay(0, None) for _ in range(20)}) > 1  # jittered


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after": " 60 "}, 60.0),
        ({"retry-after-ms": "200", "retry-after": "9"}, 0.2),
        ({"retry-after-ms": "bogus", "retry-after": "2"}, 2.0),
        # an unusable retry-after-ms falls through to a valid retry-after
        ({"retry-after-ms": "-5", "retry-after": "2"}, 2.0),
        ({"retry-after-ms": "0", "retry-after": "2"}, 2.0),
        ({"retry-after-ms": "1_000", "retry-after": "2"}, 2.0),
        ({"retry-after-ms": "99999999", "retry-after": "2"}, 2.0),
    ],
)
def test_retry_after_is_honoured(
    client: cc.Client, server: ScriptedServer, sleeps: list[float], headers: dict[str, str], expected: float
) -> None:
    server.add(Reply(429, {"error": {"message": "slow down"}}, headers), ok())
    client.chat.completions.create(**SEED_REQUEST)
    assert sleeps == [pytest.approx(expected)]


def test_retry_after_http_date(client: cc.Client, server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(503, b"", {"retry-after": formatdate(time.time() + 5, usegmt=True)}), ok())
    client.chat.completions.create(**SEED_REQUEST)
    assert 3.0 <= sleeps[0] <= 5.5


@pytest.mark.parametrize(
    "value",
    [
        *("3600", "60.5", "-5", "soon", "nan", "inf", "Wed, 21 Oct 2099 07:28:00 GMT"),
        *("0", "0.0", "Wed, 21 Oct 2015 07:28:00 GMT"),  # no wait, or a date in the past: backoff, not a busy retry
        *("5_0", "1e1", "+3", "0x10", "3."),  # not plain decimals, though float() takes most of them
    ],
)
def test_unreasonable_retry_after_falls_back_to_backoff(
    client: cc.Client, server: ScriptedServer, sleeps: list[float], value: str
) -> None:
    server.add(Reply(429, b"", {"retry-after": value}), ok())
    client.chat.completions.create(**SEED_REQUEST)
    assert 0.375 <= sleeps[0] <= 0.5


def test_retry_after_numbers_are_parsed_strictly() -> None:
    for value in ("5_0", "\u0663", "1e1", "-1", "nan", "3.", ".5", "1,5", "2 s"):
        assert _retry._retry_after({"retry-after": value}) is None, value
        assert _retry._retry_after({"retry-after-ms": value}) is None, value
    assert _retry._retry_after({"retry-after-ms": "5_0", "retry-after": "7"}) == 7.0
    assert _retry._retry_after({"retry-after-ms": "\u0663", "retry-after": "0"}) is None


def test_x_should_retry_true_retries_a_400(client: cc.Client, server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(400, b"", {"x-should-retry": "true"}), ok())
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"
    assert len(server.requests) == 2


def test_x_should_retry_is_case_insensitive(client: cc.Client, server: ScriptedServer) -> None:
    server.add(Reply(422, b"", {"x-should-retry": "True"}), ok())
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"
    server.add(Reply(500, b"", {"x-should-retry": " FALSE"}), ok())
    with pytest.raises(cc.InternalServerError):
        client.chat.completions.create(**SEED_REQUEST)


def test_x_should_retry_false_stops_a_503(client: cc.Client, server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(503, b"", {"x-should-retry": "false"}), ok())
    with pytest.raises(cc.InternalServerError):
        client.chat.completions.create(**SEED_REQUEST)
    assert len(server.requests) == 1
    assert sleeps == []


def test_dropped_connection_is_retried(client: cc.Client, server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(drop=True), ok())
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"
    assert len(server.requests) == 2
    assert len(sleeps) == 1


def test_body_cut_mid_way_is_retried_then_reported(
    client: cc.Client, server: ScriptedServer, sleeps: list[float]
) -> None:
    server.add(*[Reply(200, {"id": "x" * 200}, truncate=True) for _ in range(3)])
    with pytest.raises(cc.APIConnectionError) as info:
        client.chat.completions.create(**SEED_REQUEST)
    assert not isinstance(info.value, cc.APITimeoutError)
    assert len(server.requests) == 3
    server.add(ok())
    assert client.chat.completions.create(**SEED_REQUEST).id == "chatcmpl-abc123"  # the pool still works


def test_timeout_is_prompt_and_typed(server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(delay=2.0), ok())
    with cc.Client(api_key=API_KEY, base_url=server.url, timeout=0.2, max_retries=0) as client:
        start = time.monotonic()
        with pytest.raises(cc.APITimeoutError):
            client.chat.completions.create(**SEED_REQUEST)
        assert time.monotonic() - start < 1.5


def test_timeout_is_retried_and_per_request_timeout_overrides(server: ScriptedServer, sleeps: list[float]) -> None:
    server.add(Reply(delay=1.0), ok())
    with cc.Client(api_key=API_KEY, base_url=server.url, timeout=30.0, max_retries=1) as client:
        start = time.monotonic()
        result = client.chat.completions.create(**SEED_REQUEST, timeout=0.2)
        assert time.monotonic() - start < 0.9
    assert result.id == "chatcmpl-abc123"
    assert len(sleeps) == 1


def test_default_timeout_is_documented_value() -> None:
    assert cc.DEFAULT_TIMEOUT == {"connect": 5.0, "read": 600.0, "write": 600.0, "pool": 600.0}
    assert cc.Client(api_key=API_KEY)._config.timeout == dict(cc.DEFAULT_TIMEOUT)
    assert cc.Client(api_key=API_KEY, timeout=3)._config.timeout["read"] == 3.0
