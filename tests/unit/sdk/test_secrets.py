"""The API key never shows in a repr, an error's str or args, or a log line at any level."""

from __future__ import annotations

import logging
import traceback

import chat_completions as cc
import pytest
from sdk_support import API_KEY, SEED_REQUEST, Reply, ScriptedServer, chunk, ok, stream_reply


def _texts_of(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), *map(repr, error.args), *map(str, error.args)]
    texts.append("".join(traceback.format_exception(error)))
    if isinstance(error, cc.APIError):
        texts.append(str(error.message))
    return texts


def test_key_is_absent_everywhere(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    client = cc.Client(api_key=API_KEY, base_url=server.url, organization="org-1", max_retries=1)
    texts += [repr(client), str(client), repr(client._config), repr(client.chat.completions)]
    texts += [repr(client.with_options(timeout=1.0))]

    # A server that echoes the key in its error message must not leak it through us either.
    server.add(
        Reply(500, b""),
        Reply(401, {"error": {"message": f"Incorrect API key provided: {API_KEY}", "code": "invalid_api_key"}}),
        ok(),
        stream_reply(chunk({"content": "a"}), {"error": {"message": f"bad key {API_KEY}"}}),
        Reply(200, b"<html>", {"content-type": "text/html"}),
        Reply(drop=True),
        Reply(drop=True),
    )
    errors: list[BaseException] = []
    with pytest.raises(cc.AuthenticationError) as auth:
        client.chat.completions.create(**SEED_REQUEST)
    errors.append(auth.value)
    result = client.chat.completions.create(**SEED_REQUEST)
    texts += [repr(result), str(result)]
    stream = client.chat.completions.create(**SEED_REQUEST, stream=True)
    texts += [repr(stream), repr(stream.response), repr(stream.response.request)]
    with pytest.raises(cc.APIError) as mid:
        list(stream)
    errors.append(mid.value)
    with pytest.raises(cc.APIResponseValidationError) as bad:
        client.chat.completions.create(**SEED_REQUEST)
    errors.append(bad.value)
    with pytest.raises(cc.APIConnectionError) as dropped:
        client.chat.completions.create(**SEED_REQUEST)
    errors.append(dropped.value)
    for bad_key in (f"{API_KEY}\r\n", f"{API_KEY}\x00"):
        with pytest.raises(ValueError, match="api_key") as injected:
            cc.Client(api_key=bad_key)
        errors.append(injected.value)
    client.close()

    for error in errors:
        texts += _texts_of(error)
    log_lines = [record.getMessage() for record in caplog.records]
    assert any("authorization" in line.lower() and "<redacted>" in line for line in log_lines), log_lines
    assert any(record.levelno == logging.INFO and "retrying" in record.getMessage() for record in caplog.records)
    texts += log_lines
    texts += [caplog.text]
    leaks = [t for t in texts if API_KEY in t or API_KEY[3:] in t]
    assert leaks == []
    assert "Incorrect API key provided: <redacted>" in str(auth.value)


def test_debug_log_names_the_request_and_the_response(
    client: cc.Client, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="chat_completions")
    server.add(ok(request_id="req_log"))
    client.chat.completions.create(**SEED_REQUEST)
    lines = [r.getMessage() for r in caplog.records if r.name == "chat_completions"]
    assert any(line.startswith("request: POST") and "/chat/completions" in line for line in lines)
    assert any("-> 200" in line and "req_log" in line for line in lines)
    assert all(API_KEY not in line for line in lines)


def _kept_by(error: BaseException) -> list[str]:
    """Every place an exception keeps text: its args, attributes, pickle, and its copies'."""
    import copy
    import pickle

    return [repr(error.args), repr(vars(error)), repr(pickle.dumps(error)), repr(vars(copy.copy(error)))]


def test_key_is_scrubbed_from_every_field_of_errors_built_from_a_response(server: ScriptedServer) -> None:
    leaky = {
        "error": {"message": "m", "type": f"t {API_KEY}", "param": API_KEY, "code": {"k": API_KEY}},
        "echo": [{"authorization": f"Bearer {API_KEY}"}],
        API_KEY: 1,
    }
    echo = {"x-echo": f"Bearer {API_KEY}", "x-request-id": f"req-{API_KEY}"}
    streamed = stream_reply(chunk({"content": "a"}), leaky)
    streamed.headers.update(echo)
    server.add(Reply(400, leaky, echo), streamed, Reply(200, {"id": API_KEY, "choices": [API_KEY]}, echo))
    errors: list[cc.APIError] = []
    with cc.Client(api_key=API_KEY, base_url=server.url, max_retries=0) as client:
        for call in (
            lambda: client.chat.completions.create(**SEED_REQUEST),
            lambda: list(client.chat.completions.create(**SEED_REQUEST, stream=True)),
            lambda: client.chat.completions.create(**SEED_REQUEST),
        ):
            with pytest.raises(cc.APIError) as info:
                call()
            errors.append(info.value)
    assert [type(e) for e in errors] == [cc.BadRequestError, cc.APIError, cc.APIResponseValidationError]
    for error in errors:
        assert [t for t in _kept_by(error) + _texts_of(error) if API_KEY in t] == []
        assert error.headers["x-echo"] == "Bearer <redacted>"  # still case-insensitive httpx headers
    assert errors[0].param == "<redacted>"
    assert errors[0].type == "t <redacted>"
    assert errors[1].body == {
        "error": {"message": "m", "type": "t <redacted>", "param": "<redacted>", "code": {"k": "<redacted>"}},
        "echo": [{"authorization": "Bearer <redacted>"}],
        "<redacted>": 1,
    }


def test_debug_log_hides_any_header_holding_the_key(server: ScriptedServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="chat_completions")
    server.add(ok(), ok())
    with cc.Client(api_key=API_KEY, base_url=server.url, default_headers={"X-Api-Key": API_KEY}) as client:
        client.chat.completions.create(**SEED_REQUEST)
        client.chat.completions.create(**SEED_REQUEST, extra_headers={"X-Other": f"key={API_KEY}"})
    assert server.requests[1].headers["x-api-key"] == API_KEY  # sent, only not logged
    assert API_KEY not in caplog.text
    assert "'x-api-key': '<redacted>'" in caplog.text
    assert "'x-other': '<redacted>'" in caplog.text
