"""Reading a response: the JSON request body out, a 2xx JSON answer in as a generated model.

Shared by `_requester` (plain answers) and `_streaming` (each chunk), so neither imports the other for it.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._errors import validation_error

if TYPE_CHECKING:
    from ._config import Config

M = TypeVar("M")
_GC_PAUSE_BYTES = 256 * 1024


def _encode_default(value: object) -> Any:
    to_dict = getattr(value, "to_dict", None)  # generated models nested in the params
    if to_dict is None:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    return to_dict()


_encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_encode_default)


def encode_body(body: Mapping[str, Any]) -> bytes:
    """The JSON request body, compact, as httpx's `json=` would write it."""
    return _encoder.encode(body).encode()


# The C scanner behind json.loads, without its per-call checks (an attribute typeshed does not declare).
_scan: Any = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"


def loads(data: bytes) -> Any:
    """`json.loads(data)`, faster on small documents (each stream event is one): the C scanner is called directly
    on UTF-8 text; anything unusual (another encoding or a BOM, leading space, trailing data, a syntax error) goes
    through `json.loads` itself, for its result or its error (ValueError: JSONDecodeError, UnicodeDecodeError)."""
    try:
        text = data.decode()
        obj, end = _scan(text, 0)
    except (ValueError, StopIteration):
        return json.loads(data)
    if end != len(text) and text[end:].strip(_JSON_SPACE):
        return json.loads(data)
    return obj


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}" if exc.args else "missing field"
    return f"{type(exc).__name__}: {exc}"


def build_model(cls: type[M], data: object, response: httpx.Response, secret: str, strict: bool = False) -> M:
    """`cls.from_dict(data)`, any failure turned into `APIResponseValidationError`; `strict`: also any departure
    from the spec that is otherwise read as the official SDK reads it (nulls, unknown variants, missing fields)."""
    if not isinstance(data, dict):
        problem = f"expected a JSON object for {cls.__name__}, got {type(data).__name__}"
        raise validation_error(response, problem, data, secret)
    try:
        if not strict:
            return cls.from_dict(data)  # type: ignore[attr-defined, no-any-return]
        from chat_completions_api.types import strict_parsing

        with strict_parsing():
            return cls.from_dict(data)  # type: ignore[attr-defined, no-any-return]
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        problem = f"the response is not a valid {cls.__name__}: {_why(exc)}"
        raise validation_error(response, problem, data, secret) from exc


def is_json(content_type: str) -> bool:
    """`application/json`, `application/problem+json; charset=utf-8`, ... in any letter case."""
    return "json" in content_type.lower()


def parse(response: httpx.Response, cls: type[M], config: Config, empty: Any = None) -> M:
    """The model in a 2xx JSON response, with the request id set when the class has the slot.

    Read as the official SDK reads it unless `config.strict`: a JSON body under another content type, and (when
    `empty` is given, as for a delete) an empty body or a 204, which stands for `empty`.
    """
    headers = response.headers
    secret, strict = config.api_key, config.strict
    content = response.content
    if empty is not None and not strict and not content.strip():
        return _with_request_id(build_model(cls, empty, response, secret), headers)
    content_type = headers.get("content-type", "")
    if not is_json(content_type) and (strict or not content.lstrip().startswith(b"{")):
        raise validation_error(
            response, f"expected an application/json response, got content-type {content_type!r}", response.text, secret
        )
    # Decoding a big body allocates hundreds of thousands of objects, and each allocation burst triggers a cyclic-GC
    # pass over a growing heap (40 % of the time for a few MB). Nothing built here is cyclic, so pause the collector
    # meanwhile; the decoded dicts are freed before it resumes, so that its first (young) pass has only the models to
    # scan, not the JSON tree too.
    big = len(content) > _GC_PAUSE_BYTES
    pause = big and gc.isenabled()
    if pause:
        gc.disable()
    try:
        try:
            data = loads(content)
        except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
            problem = f"the response body is not valid JSON: {exc}"
            raise validation_error(response, problem, response.text, secret) from exc
        result = build_model(cls, data, response, secret, strict)
        del data  # before the collector resumes (see above)
    finally:
        if pause:
            gc.enable()
    if big:
        # httpx keeps every response in a reference cycle (response.stream -> BoundSyncStream -> response) that only
        # the collector frees; with it paused, some big bodies would wait for a full collection (peak RSS nearly
        # doubled over 100 7.5 MB answers). The body is read and the stream closed: drop it, so that the response
        # and its body are freed as soon as they are unused.
        response.stream = httpx.ByteStream(b"")
    return _with_request_id(result, headers)


def _with_request_id(result: M, headers: httpx.Headers) -> M:
    if hasattr(result, "_request_id"):
        result._request_id = headers.get("x-request-id")
    return result
