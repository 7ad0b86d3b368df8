"""Record and replay through the mock: VCR.py's cassette format both ways, secrets kept off disk, record modes,
stream chunking and pacing, unmatched requests, and the log of what the mock answered."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from cassette_support import PROMPT, STREAMED, record_through_mock, record_with_vcrpy
from chat_completions_mock import CassetteError, Interaction, MockServer, load_cassette, load_directory
from chat_completions_mock.__main__ import main
from chat_completions_mock._cassette import Chunk, append_interaction
from chat_completions_mock._traffic import RequestLog, Traffic

REAL_LOOKING = "sk-proj-Zq3vT8xKp2mN7rW4yB6cD1fG5hJ9kL0aS2dF4gH6jK8lQ1wE3rT5yU7iO9pA1sD3f"
CALLER_KEY = "sk-proj-CALLERx8Kp2mN7rW4yB6cD1fG5hJ9kL0aS2dF4gH6jK8lQ1wE3rT5yU7iO9pA1s"


def _interaction(body: bytes, chunks: list[Chunk] | None = None) -> Interaction:
    return Interaction(
        method="POST",
        uri="https://api.openai.com/v1/chat/completions",
        request_headers=[("content-type", "application/json")],
        request_body=b'{"model":"m","messages":[]}',
        status=200,
        reason="OK",
        response_headers=[("content-type", "text/event-stream; charset=utf-8" if chunks else "application/json")],
        response_body=body,
        chunks=chunks,
    )


def test_bodies_survive_the_yaml_byte_for_byte(tmp_path: Path) -> None:
    tricky = 'data: {"a":"é\\n"}\r\n\r\n  trailing  \n\u2028x\ttab\x85 😀 \'quote\' "dq"\n\n'.encode()
    path = tmp_path / "c.yaml"
    append_interaction(path, _interaction(tricky, [Chunk(3, 0.0), Chunk(len(tricky) - 3, 0.25)]))
    append_interaction(path, _interaction(b"\xff\xfe not utf-8"))
    first, second = load_cassette(path)
    assert first.response_body == tricky
    assert first.pieces() == [tricky[:3], tricky[3:]]
    assert [c.at for c in first.chunks or []] == [0.0, 0.25]
    assert second.response_body == b"\xff\xfe not utf-8"
    assert first.source == f"{path}#0"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("interactions: [\n", "not YAML"),
        ("just: a mapping\n", "not a VCR.py cassette"),
        ("interactions:\n- {request: {method: GET}}\n", "#0: the interaction has no 'response'"),
        ("interactions:\n- {request: {method: GET, uri: /x}, response: {status: {}}}\n", "needs a status code"),
        ("interactions:\n- {request: {method: GET, uri: /x}, response: {status: {code: 999}}}\n", "status 999 is not"),
        (
            'interactions:\n- {request: {method: GET, uri: /x}, response: {status: {code: 200}, headers: {x: ["a\\r\\nb"]}}}\n',
            "the response header 'x' cannot be sent",
        ),
        (
            "interactions:\n- {request: {method: GET, uri: /x}, response: {status: {code: 200}, chunks: [{size: -1, at: 0}]}}\n",
            "a chunk's size and time",
        ),
    ],
)
def test_a_bad_cassette_is_one_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(CassetteError, match=problem) as caught:
        load_cassette(path)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_cli_bad_input_exits_2_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--replay", str(tmp_path / "missing"), "--port", "0"]) == 2
    (tmp_path / "bad.yaml").write_text("interactions: 3\n")
    assert main(["--replay", str(tmp_path), "--port", "0"]) == 2
    assert main(["--record-to", str(tmp_path), "--port", "0"]) == 2  # recording needs an upstream
    assert main(["--upstream", "http://127.0.0.1:9/v1", "--port", "0"]) == 2  # and an upstream, a recording
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert main(["--record-to", str(blocked / "cassettes"), "--upstream", "http://127.0.0.1:9/v1", "--port", "0"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 5, lines
    assert "no such directory" in lines[0]
    assert "not a VCR.py cassette" in lines[1]
    assert "needs an upstream" in lines[2]
    assert "--upstream is only used to record: add --record-to DIR" in lines[3]
    assert lines[4] == f"chat-completions-mock: cannot write cassettes to {blocked / 'cassettes'}: Not a directory"


def test_a_real_looking_key_reaches_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", REAL_LOOKING)
    with (
        MockServer() as upstream,
        MockServer(record_to=tmp_path, upstream=upstream.base_url, scrub=["x-team-secret"]) as rec,
    ):
        headers = {
            "Authorization": f"Bearer {CALLER_KEY}",
            "OpenAI-Organization": "org-SECRETORG123",
            "OpenAI-Project": "proj_SECRETPROJ456",
            "Cookie": "session=SECRETCOOKIE789",
            "X-Team-Secret": "SECRETTEAM000",
            "api-key": CALLER_KEY,
        }
        # The key also comes back in an answer body: the mock's 400 echoes a field we send.
        bodies = [PROMPT, STREAMED, {**PROMPT, "model": REAL_LOOKING, "user": CALLER_KEY, "n": 0}]
        statuses = [httpx.post(f"{rec.base_url}/chat/completions", json=b, headers=headers).status_code for b in bodies]
        assert statuses[:2] == [200, 200]
        # The caller sent `api-key` too, so it reads as an Azure client: the key goes upstream as `api-key`, masked
        # in the upstream's log like any credential.
        assert upstream.requests[0].headers["api-key"] == "<scrubbed>"
        logged = repr([(r.headers, r.text) for r in rec.requests])
    on_disk = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert len(load_directory(tmp_path)) == 3
    for secret in (REAL_LOOKING, CALLER_KEY, "SECRETORG123", "SECRETPROJ456", "SECRETCOOKIE789", "SECRETTEAM000"):
        assert secret.encode() not in on_disk, secret
        assert secret not in logged, secret
    assert b"<scrubbed>" in on_disk


def test_the_upstream_gets_the_environment_key_else_the_callers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with (
        MockServer(api_keys=[CALLER_KEY, REAL_LOOKING]) as upstream,
        MockServer(record_to=tmp_path, upstream=upstream.base_url) as rec,
    ):
        url, sent = f"{rec.base_url}/chat/completions", {"Authorization": f"Bearer {CALLER_KEY}"}
        assert httpx.post(url, json=PROMPT, headers=sent).status_code == 200
        monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong")
        assert httpx.post(url, json=PROMPT, headers=sent).status_code == 401  # the environment's key was used
        monkeypatch.setenv("OPENAI_API_KEY", REAL_LOOKING)
        assert httpx.post(url, json=PROMPT).status_code == 200
        assert upstream.requests[-1].headers["authorization"] == "<scrubbed>"
        httpx.post(url, json=PROMPT, headers={"api-key": "sk-azure-caller"})  # an Azure client: the key as api-key
        assert upstream.requests[-1].headers["api-key"] == "<scrubbed>"
        assert "authorization" not in upstream.requests[-1].headers


def test_replay_answers_as_recorded_and_streams_in_recorded_pieces(tmp_path: Path) -> None:
    live = record_through_mock(tmp_path, [PROMPT, STREAMED])
    recorded = load_directory(tmp_path)
    assert [i.is_stream for i in recorded] == [False, True]
    assert recorded[1].chunks
    assert sum(c.size for c in recorded[1].chunks) == len(live[1].content)
    with MockServer(replay=tmp_path) as replay:
        http = httpx.Client(base_url=replay.base_url, headers={"Authorization": "Bearer other"})
        plain = http.post("/chat/completions", json={**PROMPT, "user": "ignored", "seed": 7})
        assert plain.content == live[0].content
        assert plain.headers["x-request-id"] == live[0].headers["x-request-id"]  # the recording's, not the mock's
        with http.stream("POST", "/chat/completions", json=STREAMED) as stream:
            assert stream.read() == live[1].content
        assert [r.served_by for r in replay.requests] == ["replay", "replay"]


def test_replay_timing_recorded_paces_the_pieces(tmp_path: Path) -> None:
    events = [b'data: {"n":1}\n\n', b'data: {"n":2}\n\n', b"data: [DONE]\n\n"]
    chunks = [Chunk(len(e), at) for e, at in zip(events, (0.0, 0.15, 0.3), strict=True)]
    append_interaction(tmp_path / "paced.yaml", _interaction(b"".join(events), chunks))
    for timing, slowest in (("recorded", None), ("none", 0.2)):
        with MockServer(replay=tmp_path, replay_timing=timing) as replay:
            started = time.perf_counter()
            with httpx.stream("POST", f"{replay.base_url}/chat/completions", json={"model": "m", "messages": []}) as r:
                pieces = [(piece, time.perf_counter() - started) for piece in r.iter_raw()]
        if slowest is None:
            assert [p for p, _ in pieces] == events  # the recorded boundaries, one read each
            assert pieces[-1][1] >= 0.3
        else:
            assert b"".join(p for p, _ in pieces) == b"".join(events)
            assert pieces[-1][1] < slowest


def test_unmatched_names_the_closest_recording_and_field(tmp_path: Path) -> None:
    record_through_mock(tmp_path, [PROMPT])
    other = {**PROMPT, "messages": [{"role": "user", "content": "Something else."}]}
    with MockServer(replay=tmp_path) as replay:
        client = openai.OpenAI(base_url=replay.base_url, api_key="k", max_retries=0)
        with pytest.raises(openai.BadRequestError) as caught:
            client.chat.completions.create(**other)
        error = caught.value.body
        assert isinstance(error, dict)
        assert error["code"] == "no_recorded_answer"
        assert error["param"] == "body.messages[0].content"
        assert "chat-completions.yaml#0" in error["message"]
    with MockServer(replay=tmp_path, replay_fallback="generate") as generating:
        answer = openai.OpenAI(base_url=generating.base_url, api_key="k").chat.completions.create(**other)
        assert answer.choices[0].message.content
        assert [r.served_by for r in generating.requests] == ["mock"]


def test_record_modes(tmp_path: Path) -> None:
    with MockServer() as upstream:
        url = upstream.base_url
        with MockServer(replay=tmp_path, record_mode="once", upstream=url) as once:
            httpx.post(f"{once.base_url}/chat/completions", json=PROMPT, headers={"Authorization": "Bearer k"})
            assert [r.served_by for r in once.requests] == ["upstream"]
        with MockServer(replay=tmp_path, record_mode="once", upstream=url) as again:  # recorded now: replays
            httpx.post(f"{again.base_url}/chat/completions", json=PROMPT, headers={"Authorization": "Bearer k"})
            assert [r.served_by for r in again.requests] == ["replay"]
        with MockServer(replay=tmp_path, record_mode="new_episodes", upstream=url) as episodes:
            for body in (PROMPT, STREAMED, STREAMED):
                httpx.post(f"{episodes.base_url}/chat/completions", json=body, headers={"Authorization": "Bearer k"})
            assert [r.served_by for r in episodes.requests] == ["replay", "upstream", "replay"]
        assert len(load_directory(tmp_path)) == 2
        with MockServer(replay=tmp_path, record_mode="all", upstream=url) as everything:
            httpx.post(f"{everything.base_url}/chat/completions", json=PROMPT, headers={"Authorization": "Bearer k"})
            assert [r.served_by for r in everything.requests] == ["upstream"]
        assert len(load_directory(tmp_path)) == 1  # `all` starts the cassette afresh
    with pytest.raises(ValueError, match="needs an upstream"):
        MockServer(replay=tmp_path, record_mode="new_episodes")


def test_requests_log_what_the_mock_answered() -> None:
    with MockServer() as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-secret-app-key", max_retries=0)
        client.chat.completions.create(**PROMPT, user="u-1")
        with pytest.raises(openai.BadRequestError):
            client.chat.completions.create(model="gpt-4o-mini", messages=[])
        plain, bad = server.requests
        assert (plain.method, plain.path, plain.status, plain.served_by) == (
            "POST",
            "/v1/chat/completions",
            200,
            "mock",
        )
        assert plain.body["user"] == "u-1"
        assert plain.headers["authorization"] == "<scrubbed>"
        assert plain.answer["object"] == "chat.completion"
        assert plain.response_headers["x-request-id"].startswith("req_")
        assert bad.status == 400
        assert bad.answer["error"]["param"] == "messages"
        server.clear_requests()
        assert server.requests == []


def test_a_request_is_logged_before_its_answer_reaches_the_client() -> None:
    """`(sent,) = server.requests` right after the call: the entry is kept before the answer's last byte goes out,
    not after (the client's thread could look in between)."""
    log = RequestLog(10)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b'{"a": 1}', "more_body": False})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    kept_when_sent: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            kept_when_sent.append(len(log.entries()))

    scope = {"type": "http", "method": "POST", "path": "/v1/chat/completions", "headers": [], "query_string": b""}
    asyncio.run(Traffic(app, log)(scope, receive, send))
    assert kept_when_sent == [1]
    (entry,) = log.entries()
    assert (entry.complete, entry.answer) == (True, {"a": 1})


def test_a_path_no_url_can_hold_decoded_is_forwarded_as_sent(tmp_path: Path) -> None:
    """The contract tool's generated ids (control characters, percent-encoded) reach the upstream: its 404, not a 500."""
    with MockServer() as upstream, MockServer(record_to=tmp_path, upstream=upstream.base_url) as rec:
        answer = httpx.get(f"{rec.base_url}/chat/completions/%C3%8C%11x", headers={"Authorization": "Bearer k"})
        assert answer.status_code == 404, answer.text
        assert upstream.requests[-1].path == "/v1/chat/completions/\u00cc\x11x"  # the same id, decoded
    with MockServer(replay=tmp_path) as replay:  # the cassette keeps the URI as sent; replay matches it
        again = httpx.get(f"{replay.base_url}/chat/completions/%C3%8C%11x", headers={"Authorization": "Bearer k"})
        assert (again.status_code, again.text) == (404, answer.text)


def test_vcrpy_replays_a_cassette_our_recorder_wrote(tmp_path: Path) -> None:
    import vcr

    live = record_through_mock(tmp_path, [PROMPT])
    (cassette,) = tmp_path.glob("*.yaml")
    uri = load_cassette(cassette)[0].uri
    with vcr.use_cassette(str(cassette), record_mode="none"):  # the upstream is gone: only VCR.py can answer
        client = openai.OpenAI(base_url=uri.removesuffix("/chat/completions"), api_key="k", max_retries=0)
        answer = client.chat.completions.create(**PROMPT)
    assert answer.id == live[0].json()["id"]
    assert answer.choices[0].message.content == live[0].json()["choices"][0]["message"]["content"]


def test_a_cassette_vcrpy_wrote_replays_in_our_mock(tmp_path: Path) -> None:
    cassette = tmp_path / "vcrpy.yaml"
    with MockServer() as upstream:
        live = record_with_vcrpy(cassette, upstream.base_url)
    with MockServer(replay=tmp_path) as replay:
        client = openai.OpenAI(base_url=replay.base_url, api_key="k", max_retries=0)
        assert client.chat.completions.create(**PROMPT) == live


def test_the_log_is_bounded_in_entries_and_bytes() -> None:
    from chat_completions_mock._traffic import MAX_LOGGED_BYTES, Received, RequestLog

    def entry(size: int) -> Received:
        return Received(_interaction(b"x" * size), "mock")

    log = RequestLog(3)
    for _ in range(5):
        log.add(entry(10))
    assert len(log.entries()) == 3
    log.add(entry(MAX_LOGGED_BYTES))  # a load test's big bodies push the older entries out
    assert [len(e.interaction.response_body) for e in log.entries()] == [MAX_LOGGED_BYTES]


def test_an_answer_the_upstream_cut_short_is_passed_on_and_never_recorded(tmp_path: Path) -> None:
    with (
        MockServer(faults=["drop_after=2"]) as upstream,
        MockServer(record_to=tmp_path, upstream=upstream.base_url) as rec,
    ):
        url, key = f"{rec.base_url}/chat/completions", {"Authorization": "Bearer k"}
        with pytest.raises(httpx.RemoteProtocolError), httpx.stream("POST", url, json=STREAMED, headers=key) as r:
            r.read()  # the caller sees the upstream's break, not a tidy end
        deadline = time.monotonic() + 5
        while not rec.requests and time.monotonic() < deadline:  # logged once the server sees the client gone
            time.sleep(0.01)
        (received,) = rec.requests
    assert (received.served_by, received.complete) == ("upstream", False)
    assert received.text.count("data: ") == 2
    assert not list(tmp_path.glob("*.yaml"))


def test_the_cli_replays_and_says_what_it_serves(tmp_path: Path) -> None:
    import subprocess
    import sys

    live = record_through_mock(tmp_path, [PROMPT])
    command = [sys.executable, "-m", "chat_completions_mock", "--port", "0", "--replay", str(tmp_path)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[-1]
        assert proc.stdout.readline().strip() == f"Record mode none: replaying 1 recordings from {tmp_path}"
        answer = httpx.post(f"{url}/chat/completions", json=PROMPT, headers={"Authorization": "Bearer k"})
        assert answer.content == live[0].content
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_directory_that_cannot_take_cassettes_is_one_line_at_start(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(ValueError, match=r"^cannot write cassettes to .*a-file/sub: ") as caught:
        MockServer(record_to=tmp_path / "a-file" / "sub", upstream="http://127.0.0.1:9/v1")
    assert "\n" not in str(caught.value)


def test_a_recording_lost_on_disk_is_logged_in_one_line_and_the_answer_still_goes_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with MockServer() as upstream, MockServer(record_to=tmp_path, upstream=upstream.base_url) as recorder:
        (tmp_path / "chat-completions.yaml").mkdir()  # the cassette file cannot be opened any more
        answer = httpx.post(f"{recorder.base_url}/chat/completions", json=PROMPT, headers={"Authorization": "Bearer k"})
    assert answer.status_code == 200
    lost = [r for r in caplog.records if "could not record" in r.getMessage()]
    assert len(lost) == 1
    assert lost[0].exc_info is None
    assert "chat-completions.yaml" in lost[0].getMessage()


def test_a_header_httpx_read_as_utf8_is_replayed_as_utf8(tmp_path: Path) -> None:
    """VCR.py keeps what httpx decoded: a UTF-8 header value beyond Latin-1 goes out as the UTF-8 it came as."""
    recorded = _interaction(b"{}")
    recorded.response_headers.append(("x-note", "arrow \u2192"))
    append_interaction(tmp_path / "c.yaml", recorded)
    with MockServer(replay=tmp_path) as server:
        answer = httpx.post(f"{server.base_url}/chat/completions", json={"model": "m", "messages": []})
    assert answer.status_code == 200
    assert dict(answer.headers.raw)[b"x-note"] == "arrow \u2192".encode()


def test_an_upstream_header_beyond_latin1_is_forwarded_and_recorded_as_sent(tmp_path: Path) -> None:
    """An upstream (not OpenAI's) sending a UTF-8 header value: the caller gets the bytes sent, the cassette keeps
    them, and its replay sends them again (before, the forwarder failed re-encoding httpx's decoded text)."""
    import socket
    import threading

    body = b'{"id":"x"}'
    answer = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-note: arrow \xe2\x86\x92\r\n"
    answer += b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(body), body)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve_once() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(answer)

    thread = threading.Thread(target=serve_once, daemon=True)
    thread.start()
    upstream = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    try:
        with MockServer(record_to=tmp_path, upstream=upstream) as recorder:
            live = httpx.post(
                f"{recorder.base_url}/chat/completions", json=PROMPT, headers={"Authorization": "Bearer k"}
            )
    finally:
        thread.join(5)
        listener.close()
    assert live.status_code == 200
    assert dict(live.headers.raw)[b"x-note"] == "arrow \u2192".encode()
    with MockServer(replay=tmp_path) as server:
        again = httpx.post(f"{server.base_url}/chat/completions", json=PROMPT)
    assert again.content == body
    assert dict(again.headers.raw)[b"x-note"] == "arrow \u2192".encode()
