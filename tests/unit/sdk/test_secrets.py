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
