"""compat/sdk_reads.py: one answer's bytes, recorded once, read by `openai` and by ours, and compared. The "server"
here is the replayer itself, serving hand-written bytes on 127.0.0.1; the real servers are `python -m compat`'s."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import compat.__main__ as runner
from compat import sdk_reads
from compat.sdk_reads import Recorded, answer_shape, check_reads, first_difference, record, replaying, verdict
from compat.servers import Endpoint, Place, Server, ServerError

KEY = "sk-compat-test-0123456789abcdef"
JSON = (("content-type", "application/json"),)
SSE = (("content-type", "text/event-stream"),)
COMPLETION = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "m",
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": '{"city": "Paris"}'}}
                ],
            },
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    "system_fingerprint": "fp_x",  # a field only some servers send
}


def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
    body = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip
    return f"data: {json.dumps(body)}\n\n".encode()


TOOL_STREAM = (
    chunk({"role": "assistant", "content": None}),
    chunk(
        {"tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": ""}}]}
    ),
    chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"ci'}}]}),
    chunk({"tool_calls": [{"index": 0, "function": {"arguments": 'ty": "Paris"}'}}]}),
    chunk({}, "tool_calls") + b"data: [DONE]\n\n",
)


def endpoint(url: str) -> Endpoint:
    return Endpoint(url, "m", "required", KEY)


def test_the_same_bytes_read_the_same_through_both_sdks_and_the_answer_is_described() -> None:
    with replaying(Recorded(200, JSON, (json.dumps(COMPLETION).encode(),))) as url:
        plain = {r["kind"]: r for r in check_reads(endpoint(url))["reads"]}
    with replaying(Recorded(200, SSE, TOOL_STREAM)) as url:
        streamed = {r["kind"]: r for r in check_reads(endpoint(url))["reads"]}
    for kind, reads, shape in (
        ("plain", plain, "tool call"),
        ("tool_call", plain, "tool call"),
        ("streamed", streamed, "tool call, 5 chunks"),
        ("streamed_tool_call", streamed, "tool call, 5 chunks"),
    ):
        assert (reads[kind]["verdict"], reads[kind]["answer"]) == ("same", shape), reads[kind]
    assert streamed["streamed_tool_call"]["request"]["tool_choice"]["function"]["name"] == "compat_weather"


def test_recording_keeps_the_status_headers_and_pieces_the_server_sent() -> None:
    sent = Recorded(200, (*SSE, ("x-request-id", "req_1")), TOOL_STREAM)
    with replaying(sent) as url:
        got = record(endpoint(url), {"model": "m", "stream": True})
    assert got.status == 200
    assert ("x-request-id", "req_1") in got.headers
    assert b"".join(got.pieces) == b"".join(TOOL_STREAM)


def test_a_refused_request_is_both_raised_with_the_status() -> None:
    error = {"error": {"message": "no tools here", "type": "invalid_request_error", "param": None, "code": None}}
    with replaying(Recorded(400, JSON, (json.dumps(error).encode(),))) as url:
        result = check_reads(endpoint(url))
    assert {r["verdict"] for r in result["reads"]} == {"both raised"}
    assert all(r["status"] == 400 for r in result["reads"])
    assert "BadRequestError (400)" in result["reads"][0]["detail"]


def test_a_difference_in_what_ours_reads_is_found_and_located(monkeypatch: pytest.MonkeyPatch) -> None:
    real = sdk_reads._dump_ours

    def off_by_one(obj: Any) -> Any:
        value = real(obj)
        value["created"] += 1
        return value

    monkeypatch.setattr(sdk_reads, "_dump_ours", off_by_one)
    with replaying(Recorded(200, SSE, TOOL_STREAM)) as url:
        result = check_reads(endpoint(url))
    assert result["reads"][1] == {
        **result["reads"][1],
        "verdict": "differs",
        "detail": "$[0].created: openai read 1, ours 2",
    }


def test_an_error_in_ours_alone_is_ours_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(obj: Any) -> Any:
        raise ValueError("cannot read")

    monkeypatch.setattr(sdk_reads, "_dump_ours", broken)
    with replaying(Recorded(200, JSON, (json.dumps(COMPLETION).encode(),))) as url:
        result = check_reads(endpoint(url))
    assert result["reads"][0]["verdict"] == "ours raised"
    assert result["reads"][0]["detail"] == "ValueError: cannot read"


@pytest.mark.parametrize(
    ("theirs", "ours", "found"),
    [
        ({"a": [1, {"b": "x"}]}, {"a": [1, {"b": "x"}]}, None),
        ({"a": [1, {"b": "x"}]}, {"a": [1, {"b": "y"}]}, '$.a[1].b: openai read "x", ours "y"'),
        ({"a": 1}, {"a": 1, "extra": True}, "$.extra: openai read (absent), ours true"),
        ({"a": 1, "b": 2}, {"a": 1}, "$.b: openai read 2, ours (absent)"),
        ([1, 2], [1], "$: openai read 2 items, ours 1"),
        ({"n": 1}, {"n": 1.0}, "$.n: openai read 1, ours 1.0"),  # a number read as another type is a difference
    ],
)
def test_first_difference(theirs: Any, ours: Any, found: str | None) -> None:
    assert first_difference(theirs, ours) == found


def test_verdicts_name_who_raised() -> None:
    assert verdict(None, "E: x", None, "E: y") == ("both raised", "openai: E: x; ours: E: y")
    assert verdict({"a": 1}, None, None, "E: y") == ("ours raised", "E: y")
    assert verdict(None, "E: x", {"a": 1}, None) == ("openai raised", "E: x")
    assert verdict({"a": 1}, None, {"a": 1}, None) == ("same", "")


def test_answer_shape_says_when_a_stream_held_no_tool_call() -> None:
    empty = {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}
    assert answer_shape([empty]) == "no text, 1 chunk"
    assert answer_shape({"choices": []}) == "no choices"


class Replayed(Server):
    """A "server" that is the replayer serving one completion: enough for the runner's --sdk-only."""

    key, title, setup = "replayed", "Replayed", "bytes"

    @contextmanager
    def running(self, place: Place) -> Iterator[Endpoint]:
        with replaying(Recorded(200, JSON, (json.dumps(COMPLETION).encode(),))) as url:
            yield endpoint(url)


class Uninstallable(Server):
    key, title, setup = "broken", "Broken", "cannot be installed"

    def install(self, place: Place) -> None:
        raise ServerError("npm install exited with 1\nnpm ERR! detail")


def test_sdk_only_writes_the_reads_and_keeps_the_contract_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "SERVERS", {"replayed": Replayed(), "broken": Uninstallable()})
    reports = tmp_path / "cache" / "reports"
    for key in ("replayed", "broken"):
        (reports / key).mkdir(parents=True)
        (reports / key / "server.json").write_text(json.dumps({"key": key, "title": key, "order": 0}))
        (reports / key / "report.json").write_text('{"format": 1, "promises": []}')
    out = tmp_path / "page.md"
    code = runner.main(
        ["--servers", "replayed,broken", "--cache", str(tmp_path / "cache"), "--out", str(out), "--sdk-only"]
    )
    assert code == 0
    for key in ("replayed", "broken"):
        assert (reports / key / "report.json").read_text() == '{"format": 1, "promises": []}'
    reads = json.loads((reports / "replayed" / "sdk_reads.json").read_text())
    assert [r["verdict"] for r in reads["reads"]][::2] == ["same", "same"]  # plain and tool call; a JSON answer
    assert json.loads((reports / "broken" / "sdk_reads.json").read_text()) == {
        "format": 1,
        "error": "npm install exited with 1",
    }
    assert KEY not in (reports / "replayed" / "sdk_reads.json").read_text()
    # The answers were recorded through the mock and replayed by it: the cassettes stay, without the key.
    cassettes = sorted(p.name for p in (reports / "replayed" / "cassettes").glob("*.yaml"))
    assert cassettes == [f"{kind}.yaml" for kind in sorted(sdk_reads.KINDS)]
    assert KEY not in "".join(p.read_text() for p in (reports / "replayed" / "cassettes").glob("*.yaml"))


def test_sdk_only_and_render_only_together_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert runner.main(["--cache", str(tmp_path), "--sdk-only", "--render-only"]) == 2
    assert capsys.readouterr().err == "compat: --render-only and --sdk-only exclude each other\n"
