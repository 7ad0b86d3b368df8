"""Faults on purpose: the `x-mock-fault` header, scripted faults, server-wide faults and the control routes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import time
import uuid
from typing import Any

import httpx
import pytest
from chat_completions_mock import Fault, MockServer, parse_fault
from mock_support import KEY, SEED, assert_error, request, settles, sse_data


def post(client: httpx.Client, fault: str, **fields: Any) -> httpx.Response:
    return client.post("/chat/completions", json=request(**fields), headers={"x-mock-fault": fault})


def test_parse_fault_reads_every_directive() -> None:
    fault = parse_fault(
        "status=429; retry_after=1.5; retry_after_ms=250; should_retry=false; slow_first_byte=0.1;"
        " slow_chunks=0.2; truncate_after=3; times=2; every=1; on=create,list; key=abc; drop_mid_body"
    )
    assert fault == Fault(
        status=429,
        retry_after=1.5,
        retry_after_ms=250,
        should_retry=False,
        slow_first_byte=0.1,
        slow_chunks=0.2,
        truncate_after=3,
        times=2,
        every=1,
        on=frozenset({"create", "list"}),
        key="abc",
        drop_mid_body=True,
        spec=fault.spec,
    )


@pytest.mark.parametrize(
    "spec",
    [
        "status=200",
        "status=abc",
        "bogus=1",
        "times=0",
        "slow_first_byte=-1",
        "body=xml",
        "on=nothing",
        "should_retry=maybe",
        "truncate_after",
    ],
)
def test_bad_fault_specs_are_refused(client: httpx.Client, spec: str) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        parse_fault(spec)
    error = assert_error(post(client, spec), 400, None, "invalid_mock_fault")
    assert "x-mock-fault" in error["message"]


def test_429_with_retry_headers(client: httpx.Client) -> None:
    response = post(client, "status=429;retry_after=2")
    error = assert_error(response, 429, None, "rate_limit_exceeded")
    assert error["type"] == "requests"
    assert response.headers["retry-after"] == "2"
    assert response.headers["retry-after-ms"] == "2000"
    assert response.headers["x-ratelimit-remaining-requests"] == "0"
    only_ms = post(client, "status=429;retry_after_ms=150")
    assert only_ms.headers["retry-after-ms"] == "150"
    assert "retry-after" not in only_ms.headers


@pytest.mark.parametrize("status", [500, 502, 503, 400, 403, 409, 422])
def test_status_faults_have_error_bodies(client: httpx.Client, status: int) -> None:
    response = post(client, f"status={status};should_retry=true")
    error = assert_error(response, status)
    assert error["type"] == ("server_error" if status >= 500 else "invalid_request_error")
    assert response.headers["x-should-retry"] == "true"


def test_status_fault_applies_to_every_route(client: httpx.Client) -> None:
    headers = {"x-mock-fault": "status=503"}
    assert_error(client.get("/chat/completions", headers=headers), 503)
    assert_error(client.get("/chat/completions/x/messages", headers=headers), 503)


def test_times_counts_per_header_value(client: httpx.Client) -> None:
    fault = f"status=503;times=2;key={uuid.uuid4().hex}"
    assert [post(client, fault).status_code for _ in range(4)] == [503, 503, 200, 200]


def test_every_and_on(client: httpx.Client) -> None:
    fault = f"status=500;every=3;key={uuid.uuid4().hex}"
    assert [post(client, fault).status_code for _ in range(6)] == [200, 200, 500, 200, 200, 500]
    only_list = "status=500;on=list"
    assert post(client, only_list).status_code == 200
    assert client.get("/chat/completions", headers={"x-mock-fault": only_list}).status_code == 500


def test_drop_before_answer(client: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        post(client, "drop_before")
    assert client.post("/chat/completions", json=SEED).status_code == 200


def test_drop_mid_body(client: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match=r"complete message body"):
        post(client, "drop_mid_body")
    with pytest.raises(httpx.RemoteProtocolError):
        post(client, "drop_mid_body", stream=True)
    assert client.post("/chat/completions", json=SEED).status_code == 200


def test_slow_first_byte(client: httpx.Client) -> None:
    started = time.monotonic()
    assert post(client, "slow_first_byte=0.3").status_code == 200
    assert time.monotonic() - started >= 0.3
    with pytest.raises(httpx.ReadTimeout):
        client.post("/chat/completions", json=SEED, headers={"x-mock-fault": "slow_first_byte=2"}, timeout=0.2)


def test_slow_chunks_spaces_the_events(client: httpx.Client) -> None:
    arrivals = []
    with client.stream(
        "POST", "/chat/completions", json=request(stream=True), headers={"x-mock-fault": "slow_chunks=0.05"}
    ) as response:
        for line in response.iter_lines():
            if line.startswith("data: "):
                arrivals.append(time.monotonic())
    assert len(arrivals) == 9  # role, 6 tokens, finish, [DONE]
    assert arrivals[-1] - arrivals[0] >= 0.05 * 8 * 0.9


@pytest.mark.parametrize("count", [0, 1, 3])
def test_truncate_after_ends_without_done(client: httpx.Client, count: int) -> None:
    response = post(client, f"truncate_after={count}", stream=True)
    assert response.status_code == 200
    data = sse_data(response.text)
    assert len(data) == count
    assert "[DONE]" not in data
    for item in data:
        json.loads(item)


def test_drop_after_breaks_the_stream(client: httpx.Client) -> None:
    received: list[str] = []

    def read() -> None:
        with client.stream(
            "POST", "/chat/completions", json=request(stream=True), headers={"x-mock-fault": "drop_after=2"}
        ) as response:
            received.extend(line for line in response.iter_lines() if line.startswith("data: "))

    with pytest.raises(httpx.RemoteProtocolError):
        read()
    assert len(received) == 2


def test_error_event_mid_stream(client: httpx.Client) -> None:
    response = post(client, "error_event_after=2", stream=True)
    blocks = [b for b in response.text.split("\n\n") if b]
    assert len(blocks) == 3
    assert blocks[-1].startswith("event: error\ndata: ")
    error = json.loads(blocks[-1].split("data: ", 1)[1])
    assert error["error"]["type"] == "server_error"
    assert "[DONE]" not in response.text


def test_malformed_and_html_bodies(client: httpx.Client) -> None:
    broken = post(client, "body=malformed")
    assert broken.status_code == 200
    assert broken.headers["content-type"] == "application/json"
    with pytest.raises(ValueError, match=r"\w"):
        broken.json()
    stream = post(client, "body=malformed", stream=True)
    *good, bad = sse_data(stream.text)
    json.loads(good[0])
    with pytest.raises(ValueError, match=r"\w"):
        json.loads(bad)
    page = post(client, "body=html")
    assert page.status_code == 502
    assert page.headers["content-type"].startswith("text/html")
    assert "<html>" in page.text
    assert post(client, "body=html;status=504").status_code == 504


def test_scripted_faults_then_normal_service(client: httpx.Client, server: MockServer) -> None:
    server.fault("status=429;retry_after=0;times=2")
    server.fault("status=500;on=list;times=1")
    assert [client.post("/chat/completions", json=SEED).status_code for _ in range(3)] == [429, 429, 200]
    assert client.get("/chat/completions").status_code == 500
    assert client.get("/chat/completions").status_code == 200
    ident = server.fault("status=503")
    assert client.post("/chat/completions", json=SEED).status_code == 503
    assert server.app.mock.faults.remove(ident)
    assert client.post("/chat/completions", json=SEED).status_code == 200


def test_header_fault_wins_over_scripted(client: httpx.Client, server: MockServer) -> None:
    server.fault("status=503")
    assert post(client, "status=429").status_code == 429
    server.clear_faults()


def test_control_routes(client: httpx.Client, server: MockServer) -> None:
    root = httpx.Client(base_url=server.url, timeout=10)
    added = root.post("/_mock/faults", json={"fault": "status=502;times=1"})
    assert added.status_code == 200
    assert root.get("/_mock/faults").json() == {"scripted": ["status=502;times=1"]}
    assert client.post("/chat/completions", json=SEED).status_code == 502
    assert root.get("/_mock/faults").json() == {"scripted": []}
    root.post("/_mock/faults", json={"fault": "status=500"})
    assert root.delete("/_mock/faults").json() == {"scripted": []}
    assert_error(root.post("/_mock/faults", json={"fault": "nope=1"}), 400, "fault")
    stats = root.get("/_mock/stats").json()
    assert stats["requests_total"] > 0
    assert stats["active_streams"] == 0
    assert root.get("/_mock/stats").headers["x-request-id"].startswith("req_")


def test_server_wide_faults() -> None:
    with (
        MockServer(faults=["status=503;every=2", "slow_first_byte=0.01;on=list"]) as flaky,
        httpx.Client(base_url=flaky.base_url, headers={"Authorization": f"Bearer {KEY}"}) as http,
    ):
        assert [http.post("/chat/completions", json=SEED).status_code for _ in range(4)] == [200, 503, 200, 503]
        assert http.get("/chat/completions").status_code in (200, 503)


def test_clients_leaving_slow_streams_free_the_server(server: MockServer) -> None:
    """Clients that disconnect mid-stream leave no stream running."""

    async def leave_early() -> None:
        async with (
            httpx.AsyncClient(base_url=server.base_url, headers={"Authorization": f"Bearer {KEY}"}) as http,
            http.stream(
                "POST", "/chat/completions", json=request(stream=True), headers={"x-mock-fault": "slow_chunks=5"}
            ) as response,
        ):
            async for line in response.aiter_lines():
                if line.startswith("data: "):
                    break

    async def run() -> None:
        await asyncio.gather(*(leave_early() for _ in range(30)))

    started = time.monotonic()
    asyncio.run(run())
    deadline = time.monotonic() + 5
    while server.stats()["active_streams"] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.stats()["active_streams"] == 0
    assert time.monotonic() - started < 5  # not one 5-second pause waited out


def test_raw_socket_garbage_does_not_hurt(server: MockServer) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    for garbage in (b"\x00\xff garbage\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(garbage)
            sock.recv(1024)
    assert (
        httpx.post(f"{server.base_url}/chat/completions", json=SEED, headers={"Authorization": "Bearer x"}).status_code
        == 200
    )


def test_a_drop_is_a_clean_end_even_while_the_request_body_still_arrives(server: MockServer) -> None:
    """`drop_before` on a 1 MB body the server has not read: the client sees the connection end (EOF), never a
    reset, however the bytes race; and the server is free again at once."""
    body = json.dumps(request(messages=[{"role": "user", "content": "x" * 1_000_000}])).encode()
    head = (
        f"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\nx-mock-fault: drop_before\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    host, port = server.url.removeprefix("http://").split(":")
    for _ in range(3):
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sender = threading.Thread(target=_send_quietly, args=(sock, head + body))
            sender.start()
            assert sock.recv(100) == b""
            sender.join(5)
    assert settles(server, "active_requests")


def _send_quietly(sock: socket.socket, data: bytes) -> None:
    with contextlib.suppress(OSError):  # the server may end the connection before all of it is sent
        sock.sendall(data)
