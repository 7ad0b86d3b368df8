"""`chat-completions-contract --cassettes`: recorded exchanges judged offline (ours, VCR.py's, broken ones), drift
against a changed spec, a live run's own traffic kept with --record-to, and bad input in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cassette_support import PROMPT, STREAMED, record_through_mock, record_with_vcrpy
from chat_completions_contract.__main__ import main
from chat_completions_mock import MockServer, load_directory, spec_path
from chat_completions_mock._cassette import Chunk, Interaction, append_interaction
from contract_support import KEY

TOOLS = {
    **PROMPT,
    "n": 2,
    "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
    "tool_choice": "required",
}

#: An answer whose usage does not add up (3 + 1 is not 9): it breaks `usage_adds_up`.
BAD_USAGE = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o-mini",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 9},
}


def _broken(path: Path) -> None:
    """A cassette of a server that breaks promises: usage that does not add up, and a stream without [DONE]."""
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": []}
    stream = f"data: {json.dumps(chunk)}\n\n".encode()
    for body, response, media in (
        (PROMPT, json.dumps(BAD_USAGE).encode(), "application/json"),
        (STREAMED, stream, "text/event-stream"),
    ):
        append_interaction(
            path,
            Interaction(
                "POST",
                "http://other.example/v1/chat/completions",
                [("content-type", "application/json")],
                json.dumps(body).encode(),
                200,
                "OK",
                [("content-type", media), ("x-request-id", "req_1")],
                response,
                [Chunk(len(response), 0.0)] if media != "application/json" else None,
            ),
        )


def test_recordings_are_judged_and_marked_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cassettes = tmp_path / "cassettes"
    record_through_mock(cassettes, [PROMPT, STREAMED, TOOLS, {**PROMPT, "messages": []}])
    assert main(["--cassettes", str(cassettes), "--report-dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "judged from recordings: 4 exchanges" in out
    assert "deviations: none" in out
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["judged_from"] == "recordings"
    assert report["requests_sent"] == 0
    by_id = {p["id"]: p for p in report["promises"]}
    assert all(p["judged_from"] == "recordings" for p in report["promises"])
    for held in ("response_schema_conformance", "stream_is_well_framed", "tool_calls_are_valid", "choices_match_n"):
        assert by_id[held]["status"] == "holds", held
    assert by_id["missing_key_is_401"]["status"] == "not run"  # needs the suite's own requests
    assert "Judged from 4 recordings" in (tmp_path / "out" / "report.md").read_text()


def test_broken_recordings_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _broken(tmp_path / "other-server.yaml")
    assert main(["--cassettes", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "usage_adds_up |" in out
    assert "stream_is_well_framed |" in out
    assert "verdict: fail" in out


def test_a_cassette_vcrpy_wrote_is_judged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with MockServer() as upstream:
        record_with_vcrpy(tmp_path / "vcrpy.yaml", upstream.base_url)
    assert main(["--cassettes", str(tmp_path), "--only", "semantics"]) == 0
    assert "semantics          holds" in capsys.readouterr().out


def _spec_requiring(path: Path, field: str) -> Path:
    document = yaml.safe_load(spec_path().read_text())
    schema = document["components"]["schemas"]["CreateChatCompletionResponse"]
    schema["required"] = [*schema.get("required", []), field]
    schema.setdefault("properties", {})[field] = {"type": "string"}
    path.write_text(yaml.safe_dump(document))
    return path


def test_against_spec_lists_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cassettes = tmp_path / "cassettes"
    record_through_mock(cassettes, [PROMPT, STREAMED])
    assert main(["--cassettes", str(cassettes), "--against-spec"]) == 0
    assert "recordings the spec rejects: 0" in capsys.readouterr().out
    stricter = _spec_requiring(tmp_path / "new.yaml", "provenance")
    assert (
        main(["--cassettes", str(cassettes), "--against-spec", str(stricter), "--spec-before", str(spec_path())]) == 1
    )
    out = capsys.readouterr().out
    assert "rejected now, conformed to the spec before: 1" in out
    assert "chat-completions.yaml#0: at (root): " in out
    assert "provenance" in out
    # The other way round: the recording conforms again once the spec stops requiring the field.
    assert (
        main(["--cassettes", str(cassettes), "--against-spec", str(spec_path()), "--spec-before", str(stricter)]) == 0
    )
    assert "conform now, rejected by the spec before: 1" in capsys.readouterr().out


def _interaction_at(path: str) -> str:
    return (
        "interactions:\n- request: {method: GET, uri: 'https://api.openai.com" + path + "', body: null, headers: {}}\n"
        "  response: {status: {code: 200, message: OK}, headers: {}, body: {string: '{}'}}\nversion: 1\n"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such directory"),
        ("interactions: [oops\n", "not YAML"),
        ("- request: {}\n", "not a VCR.py cassette"),
        (_interaction_at("/v1/models"), "GET /v1/models is not a /chat/completions interaction: nothing to judge"),
        ("interactions: []\nversion: 1\n", "no cassette interactions found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, expected: str
) -> None:
    directory = tmp_path / "missing"
    if content is not None:
        directory = tmp_path
        (tmp_path / "c.yaml").write_text(content)
    for extra in ([], ["--against-spec"]):
        assert main(["--cassettes", str(directory), *extra]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1, captured.err
        assert expected in captured.err
        assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (None, "absent.yaml: cannot read (No such file or directory)"),
        ("paths: [oops\n", "bad.yaml: not YAML (line 2): "),
        ("openapi: 3.1.0\n", "bad.yaml: not a usable spec (no 'paths' in it)"),
        ("- a list\n", "bad.yaml: not a usable spec (TypeError: "),
    ],
)
def test_a_bad_spec_is_one_whole_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str | None, expected: str
) -> None:
    cassettes = tmp_path / "cassettes"
    cassettes.mkdir()
    (cassettes / "c.yaml").write_text(_interaction_at("/v1/chat/completions"))
    path = tmp_path / ("absent.yaml" if spec is None else "bad.yaml")
    if spec is not None:
        path.write_text(spec)
    assert main(["--cassettes", str(cassettes), "--against-spec", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert expected in err


def test_a_live_run_keeps_its_traffic(mock_url: str, tmp_path: Path) -> None:
    recorded = tmp_path / "recorded"
    env = {**os.environ, "OPENAI_API_KEY": KEY}
    args = ["--base-url", mock_url, "--only", "streaming", "--examples", "1", "--record-to", str(recorded)]
    run = subprocess.run(
        [sys.executable, "-m", "chat_completions_contract", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"target: {mock_url}" in run.stdout  # the server, not the recorder in front of it
    interactions = load_directory(recorded)
    assert any(i.is_stream for i in interactions)
    on_disk = b"".join(p.read_bytes() for p in recorded.rglob("*.yaml"))
    assert KEY.encode() not in on_disk
    assert main(["--cassettes", str(recorded), "--only", "streaming"]) == 0


def test_requests_beside_chat_completions_are_left_out_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run's own `--record-to` keeps its `GET /v1/models` too: judging that cassette must not stop at it."""
    (tmp_path / "models.yaml").write_text(_interaction_at("/v1/models"))
    (tmp_path / "chat.yaml").write_text(_interaction_at("/v1/chat/completions/chatcmpl-1"))
    main(["--cassettes", str(tmp_path), "--only", "headers"])
    out = capsys.readouterr().out
    assert "left out 1 recorded request(s) not to /chat/completions, e.g. " in out
    assert "models.yaml#0: GET /v1/models" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--against-spec"], "need --cassettes DIR"),
        (["--cassettes", ".", "--spec-before", "x.yaml"], "pass both"),
        (["--cassettes", ".", "--base-url", "http://127.0.0.1:1/v1"], "takes no --base-url"),
        (["--record-to", "out"], "it needs --base-url"),
    ],
)
def test_options_that_do_not_go_together(capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert expected in err


def test_account_ids_and_cookies_stay_out_of_the_evidence(tmp_path: Path) -> None:
    """A cassette from elsewhere keeps what the mock's recorder never writes (an answer's `set-cookie` and
    `openai-organization`, the request's project): a deviation's evidence in report.json leaves them out too."""
    append_interaction(
        tmp_path / "in" / "other.yaml",
        Interaction(
            "POST",
            "https://api.openai.com/v1/chat/completions",
            [("content-type", "application/json"), ("OpenAI-Project", "proj_secretproject")],
            json.dumps(PROMPT).encode(),
            200,
            "OK",
            [
                ("content-type", "application/json"),
                ("openai-organization", "user-secretaccount"),
                ("set-cookie", "__cf_bm=secretcookie; path=/"),
            ],
            json.dumps(BAD_USAGE).encode(),
        ),
    )
    assert main(["--cassettes", str(tmp_path / "in"), "--report-dir", str(tmp_path / "out")]) == 1
    text = (tmp_path / "out" / "report.json").read_text()
    assert "total_tokens 9" in text  # the deviation and its evidence are there
    for secret in ("proj_secretproject", "user-secretaccount", "secretcookie"):
        assert secret not in text


def test_against_spec_passes_over_a_method_the_spec_does_not_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A recorded PUT (judged `unsupported_method` by --cassettes) has no response schema to check: it conforms."""
    (tmp_path / "put.yaml").write_text(_interaction_at("/v1/chat/completions").replace("GET", "PUT"))
    assert main(["--cassettes", str(tmp_path), "--against-spec"]) == 0
    assert "recordings the spec rejects: 0" in capsys.readouterr().out


def test_a_spec_whose_answer_schema_does_not_compile_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_through_mock(tmp_path / "cassettes", [PROMPT])
    document = yaml.safe_load(spec_path().read_text())
    del document["components"]["schemas"]["CreateChatCompletionResponse"]  # its $refs now dangle
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(document))
    assert main(["--cassettes", str(tmp_path / "cassettes"), "--against-spec", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"chat-completions-contract: {broken}: not a usable spec: ")
    assert "CreateChatCompletionResponse" in err
    assert len(err.strip().splitlines()) == 1
