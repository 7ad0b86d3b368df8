"""Status codes to exception classes; bodies that are not the API's JSON; 2xx bodies that are not the model."""

from __future__ import annotations

import chat_completions as cc
import pytest
from sdk_support import SEED_REQUEST, Reply, ScriptedServer, completion, ok

ERROR_BODY = {
    "error": {"message": "Bad things", "type": "invalid_request_error", "param": "model", "code": "bad_model"}
}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, cc.BadRequestError),
        (401, cc.AuthenticationError),
        (403, cc.PermissionDeniedError),
        (404, cc.NotFoundError),
        (409, cc.ConflictError),
        (422, cc.UnprocessableEntityError),
        (429, cc.RateLimitError),
        (500, cc.InternalServerError),
        (502, cc.InternalServerError),
        (503, cc.InternalServerError),
        (418, cc.APIStatusError),
    ],
)
def test_status_maps_to_class_with_all_fields(
    client: cc.Client, server: ScriptedServer, status: int, cls: type[cc.APIStatusError]
) -> None:
    server.add(Reply(status, ERROR_BODY, {"x-request-id": "req_err", "x-extra": "1"}))
    with pytest.raises(cls) as info:
        client.chat.completions.create(**SEED_REQUEST, max_retries=0)
    err = info.value
    assert type(err) is cls
    assert isinstance(err, cc.APIStatusError)
    assert isinstance(err, cc.APIError)
    assert err.status_code == status
    assert err.request_id == "req_err"
    assert err.message == "Bad things"
    assert err.type == "invalid_request_error"
    assert err.param == "model"
    assert err.code == "bad_model"
    assert err.body == ERROR_BODY
    assert err.headers["x-extra"] == "1"
    assert str(err) == f"Error code: {status} - Bad things (request_id: req_err)"


def test_hierarchy() -> None:
    assert issubclass(cc.APITimeoutError, cc.APIConnectionError)
    assert issubclass(cc.APIConnectionError, cc.APIError)
    assert issubclass(cc.APIResponseValidationError, cc.APIError)
    for cls in (cc.BadRequestError, cc.RateLimitError, cc.InternalServerError, cc.ConflictError):
        assert issubclass(cls, cc.APIStatusError)
    assert not issubclass(cc.APIStatusError, cc.APIConnectionError)


def test_html_error_page_from_a_proxy(client: cc.Client, server: ScriptedServer) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
    server.add(Reply(502, page, {"content-type": "text/html"}))
    with pytest.raises(cc.InternalServerError) as info:
        client.chat.completions.create(**SEED_REQUEST, max_retries=0)
    err = info.value
    assert err.status_code == 502
    assert "HTML" in err.message
    assert "502 Bad Gateway" in err.message
    assert err.body == page
    assert err.type is None
    assert err.code is None


@pytest.mark.parametrize(("status", "cls"), [(401, cc.AuthenticationError), (503, cc.InternalServerError)])
def test_empty_error_body(client: cc.Client, server: ScriptedServer, status: int, cls: type[cc.APIError]) -> None:
    server.add(Reply(status, b""))
    with pytest.raises(cls) as info:
        client.chat.completions.create(**SEED_REQUEST, max_retries=0)
    assert "empty body" in info.value.message
    assert info.value.body is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('{"error": "plain string error"}', "plain string error"),
        ('{"message": "top-level message"}', "top-level message"),
        ('{"error": {"message": null}}', "400 Bad Request"),
        ('{"error": {"message": "m", "code": 1234}}', "m"),
        ("[1, 2]", "400 Bad Request"),
        ('{"error": {"message": "trunc', "400 Bad Request"),
        ("upstream connect error", "upstream connect error"),
    ],
)
def test_odd_error_bodies_still_give_a_message(
    client: cc.Client, server: ScriptedServer, body: str, expected: str
) -> None:
    server.add(Reply(400, body, {"content-type": "application/json"}))
    with pytest.raises(cc.BadRequestError) as info:
        client.chat.completions.create(**SEED_REQUEST)
    assert expected in info.value.message
    assert info.value.status_code == 400
    if '"code": 1234' in body:
        assert info.value.code == "1234"


def test_error_body_in_an_undeclared_charset(client: cc.Client, server: ScriptedServer) -> None:
    server.add(Reply(400, b"\xff\xfe bad \xc3", {"content-type": "text/plain; charset=nonsense"}))
    with pytest.raises(cc.BadRequestError) as info:
        client.chat.completions.create(**SEED_REQUEST)
    assert "bad" in info.value.message


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        (Reply(200, b"not json at all", {"content-type": "application/json"}), "not valid JSON"),
        (Reply(200, b"", {"content-type": "application/json"}), "not valid JSON"),
        (Reply(200, b"\xff\xfe\x00", {"content-type": "application/json"}), "not valid JSON"),
        (Reply(200, "<html>hello</html>", {"content-type": "text/html"}), "content-type 'text/html'"),
        (Reply(200, b'{"id": "x"}', {}), "content-type ''"),
        (Reply(200, [1, 2, 3]), "expected a JSON object"),
        (Reply(200, {**completion(), "id": None} | {"choices": None}), "CreateChatCompletionResponse"),
        (Reply(200, {k: v for k, v in completion().items() if k != "id"}), "missing field 'id'"),
        (Reply(200, {k: v for k, v in completion().items() if k != "object"}), "missing field 'object'"),
        (Reply(200, completion(object="list")), "object must match"),
        (Reply(200, completion(choices=[{"index": 0}])), "missing field"),
        (Reply(200, completion(choices="nope")), "CreateChatCompletionResponse"),
    ],
)
def test_2xx_that_is_not_the_model_raises_validation_error(
    strict_client: cc.Client, server: ScriptedServer, reply: Reply, problem: str
) -> None:
    # Strict mode; the tolerant default reads several of these as the official SDK does (see test_tolerance.py).
    reply.headers["x-request-id"] = "req_bad"
    server.add(reply)
    with pytest.raises(cc.APIResponseValidationError) as info:
        strict_client.chat.completions.create(**SEED_REQUEST)
    err = info.value
    assert problem in err.message
    assert err.status_code == 200
    assert err.request_id == "req_bad"
    assert not isinstance(err, cc.APIStatusError)
    assert len(server.requests) == 1  # a bad 2xx is not retried


def test_request_id_on_results(client: cc.Client, server: ScriptedServer) -> None:
    server.add(ok(request_id="req_abc"))
    result = client.chat.completions.create(**SEED_REQUEST)
    assert result._request_id == "req_abc"
    server.add(Reply(200, completion(), {}))
    assert client.chat.completions.create(**SEED_REQUEST)._request_id is None


def test_connection_refused_is_a_connection_error() -> None:
    client = cc.Client(api_key="sk-x", base_url="http://127.0.0.1:9/v1", max_retries=0)
    with client, pytest.raises(cc.APIConnectionError) as info:
        client.chat.completions.create(**SEED_REQUEST)
    assert not isinstance(info.value, cc.APITimeoutError)
    assert info.value.status_code is None
    assert info.value.request_id is None
    assert info.value.headers == {}


def test_errors_pickle_and_copy_faithfully(client: cc.Client, server: ScriptedServer) -> None:
    import copy
    import pickle

    server.add(Reply(404, ERROR_BODY, {"x-request-id": "req_nf", "x-extra": "1"}))
    with pytest.raises(cc.NotFoundError) as info:
        client.chat.completions.retrieve("c")
    built = [
        info.value,
        cc.APIConnectionError(request_id="r"),
        cc.APITimeoutError(),
        cc.APIError("plain", code="c"),
        cc.RateLimitError("slow", status_code=429, body={"a": [1]}),
    ]
    for err in built:
        for again in (pickle.loads(pickle.dumps(err)), copy.copy(err), copy.deepcopy(err)):
            assert type(again) is type(err)
            assert str(again) == str(err)
            assert again.args == err.args
            assert vars(again) == vars(err)
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == "Error code: 404 - Bad things (request_id: req_nf)"
    assert again.headers["X-Extra"] == "1"
    assert again.body == ERROR_BODY
