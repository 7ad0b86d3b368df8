"""The server under test: where it is, how to authenticate, what the run may spend, and what was exchanged."""

from __future__ import annotations

import functools
import ipaddress
import json
import ssl
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from chat_completions_mock._cassette import SECRET_HEADERS as CASSETTE_SECRET_HEADERS

from ._health import (
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    MAX_RETRY_WAIT,
    Failure,
    Health,
    describe,
    failed_status,
    retry_after,
)

R = TypeVar("R")

#: Headers whose values are never written anywhere (credentials, cookies, account ids): the mock recorder's list, so
#: that a report's evidence keeps out what a cassette does (an answer's `set-cookie`, `openai-organization`).
SECRET_HEADERS = CASSETTE_SECRET_HEADERS
REDACTED = "[redacted]"
#: How a credential header reads in evidence: the run's own key, or some other value (a probe's wrong key).
REDACTED_RUN_KEY, REDACTED_OTHER = "[redacted: the run's key]", "[redacted: another value]"
EVIDENCE_CHARS = 2_000


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for the run (httpx builds one per client otherwise, reading the CA bundle each time)."""
    return httpx.create_ssl_context()


class BudgetSpent(Exception):
    """The run's `--max-requests` is spent: the promises not yet judged are reported "not run"."""


class ServerFailed(Exception):
    """Every try of one request got a 5xx, a 429, a timeout or a dropped connection: what it was for is not judged."""

    def __init__(self, failures: list[Failure], last_error: BaseException | None = None) -> None:
        self.failures, self.last_error = failures, last_error
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        """`the server failed 3 times: 503 (server error); ...` (the words "not judged" reports show)."""
        counts = Counter(str(f) for f in self.failures)
        listed = "; ".join(f"{what} ({n} times)" if n > 1 else what for what, n in counts.items())
        return f"the server failed {len(self.failures)} time{'s' if len(self.failures) != 1 else ''}: {listed}"


#: Called with each failed try (the failure, where it happened, its exchange); the run records it as evidence.
FailureListener = Callable[[Failure, str, "Exchange | None"], None]


def is_loopback(url: str) -> bool:
    """Whether `url` points at this machine (localhost or a loopback address)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Exchange:
    """One request and its answer, as evidence: redacted, bodies cut to a readable length."""

    request: dict[str, Any]
    response: dict[str, Any] | None

    def line(self) -> str:
        """`POST /chat/completions {"model": ...} -> 400 {"error": ...}` in one line."""
        req = self.request
        body = req.get("body")
        shown = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
        sent = f" {_short(shown)}" if body is not None else ""
        query = f"?{req['query']}" if req.get("query") else ""
        answer = (
            "no answer" if self.response is None else f"{self.response['status']} {_short(str(self.response['body']))}"
        )
        return f"{req['method']} {req['path']}{query}{sent} -> {answer}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Target:
    """The server under test, how to authenticate to it, and what it may cost."""

    base_url: str
    api_key: str
    model: str
    auth_required: bool = True
    bundled: bool = False
    max_requests: int | None = None
    sent: int = 0
    last: Exchange | None = field(default=None, repr=False)
    #: The server behind `base_url` when the run goes through a recording mock (`--record-to`).
    origin: str = ""
    #: Azure OpenAI: the `api-version` every request carries ("v1": Azure's v1 API, which takes none); the key is
    #: sent in Azure's `api-key` header. None: OpenAI's way (`Authorization: Bearer`).
    azure_api_version: str | None = None
    retries: int = DEFAULT_RETRIES
    timeout: float = DEFAULT_TIMEOUT
    health: Health = field(default_factory=Health, repr=False)
    on_failure: FailureListener | None = field(default=None, repr=False)
    #: Whether a try of the last request got no answer before one did: that try may have taken effect (a delete).
    effect_unknown: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")

    def __repr__(self) -> str:  # the key stays out of reprs and tracebacks
        return f"Target(base_url={self.base_url!r}, model={self.model!r}, sent={self.sent})"

    @property
    def loopback(self) -> bool:
        """Loopback servers cost nothing: they get the full run; others only shaped, cheap requests."""
        return is_loopback(self.origin or self.base_url)

    @property
    def headers(self) -> dict[str, str]:
        """The credentials every request carries (none when there is no key)."""
        return self.key_headers(self.api_key) if self.api_key else {}

    def key_headers(self, key: str) -> dict[str, str]:
        """How `key` goes out: `Authorization: Bearer <key>`, or Azure's `api-key: <key>`."""
        return {"api-key": key} if self.azure_api_version is not None else {"Authorization": f"Bearer {key}"}

    @property
    def query(self) -> dict[str, str]:
        """The query every request carries: Azure's `api-version`, else none."""
        version = self.azure_api_version
        return {"api-version": version} if version and version != "v1" else {}

    def spend(self, count: int = 1) -> None:
        """Count `count` requests against the budget; raise `BudgetSpent` instead of going over it."""
        if self.max_requests is not None and self.sent + count > self.max_requests:
            raise BudgetSpent(f"request budget of {self.max_requests} spent")
        self.sent += count

    def _secret(self, value: str) -> str:
        """A credential header's value as evidence: which key it was, never the key."""
        if self.api_key and self.api_key in value:
            return REDACTED_RUN_KEY
        return REDACTED_OTHER if value.strip() else value

    def redact(self, text: str) -> str:
        """`text` with the key (if any) replaced."""
        return text.replace(self.api_key, REDACTED) if self.api_key else text

    def evidence(
        self,
        method: str,
        path: str,
        *,
        query: str = "",
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        status: int | None = None,
        response_headers: Mapping[str, str] | None = None,
        response_text: str = "",
    ) -> Exchange:
        """An `Exchange` built from raw parts, with secrets removed."""
        shown_headers = {
            k: self._secret(str(v)) if k.lower() in SECRET_HEADERS else self.redact(str(v))
            for k, v in (headers or {}).items()
        }
        shown_body = json.loads(self.redact(json.dumps(body))) if body is not None else None
        if isinstance(shown_body, str) and len(shown_body) > EVIDENCE_CHARS:
            shown_body = shown_body[:EVIDENCE_CHARS] + "…"
        elif shown_body is not None and len(json.dumps(shown_body)) > EVIDENCE_CHARS * 4:
            shown_body = json.dumps(shown_body)[: EVIDENCE_CHARS * 4] + "…"
        request = {
            "method": method.upper(),
            "path": path,
            "query": self.redact(query),
            "headers": shown_headers,
            "body": shown_body,
        }
        response = None
        if status is not None:
            text = self.redact(response_text)
            response = {
                "status": status,
                "headers": {
                    k.lower(): self.redact(str(v))
                    for k, v in (response_headers or {}).items()
                    if k.lower() not in SECRET_HEADERS
                },
                "body": text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS] + "…",
            }
        return Exchange(request, response)

    def retrying(
        self,
        attempt: Callable[[], R],
        answer: Callable[[R], tuple[int, Mapping[str, Any], str]],
        evidence: Callable[[R | None], Exchange | None],
        errors: tuple[type[BaseException], ...],
        where: str = "",
    ) -> R:
        """`attempt()` until it gets a real answer: at most `retries` more tries after a 5xx, a 429, a timeout or a
        dropped connection, each after the wait the answer asks for. Each failed try goes to `on_failure`; when no
        try gets a real answer, raise `ServerFailed`. `attempt` spends the budget and counts its answer in `health`."""
        failures: list[Failure] = []
        last_error: BaseException | None = None
        self.effect_unknown = False
        for tried in range(self.retries + 1):
            if tried:
                self.health.retries += 1
            answered_before = sum(self.health.statuses.values())
            try:
                result = attempt()
            except errors as exc:
                failure = describe(None, exc, self.timeout)
                self.health.unanswered(failure, answered=sum(self.health.statuses.values()) > answered_before)
                self._failed(failure, where, evidence(None), failures)
                last_error, wait = exc, 0.0
                self.effect_unknown = True
            else:
                status, headers, text = answer(result)
                if not failed_status(status):
                    return result
                failure = describe(status, None, self.timeout, headers, text)
                self._failed(failure, where, evidence(result), failures)
                wait = retry_after(headers) or 0.0
                if wait > MAX_RETRY_WAIT:
                    failures[-1] = Failure(failure.kind, f"{failure} asking to wait {wait:g} s")
                    break
            if tried < self.retries and wait:
                time.sleep(wait)
        self.health.not_judged += 1
        raise ServerFailed(failures, last_error)

    def _failed(self, failure: Failure, where: str, exchange: Exchange | None, failures: list[Failure]) -> None:
        failures.append(failure)
        if self.on_failure is not None:
            self.on_failure(failure, where, exchange)

    def send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        where: str = "",
    ) -> httpx.Response:
        """One request to the target (each try counted against the budget); `path` is relative to the base URL.

        A 5xx, 429, timeout or dropped connection is retried (see `retrying`); `ServerFailed` when no try got a
        real answer. The exchange is kept in `last` as evidence.
        """
        return self.retrying(
            lambda: self._send_once(method, path, json=json, params=params, headers=headers, auth=auth),
            lambda response: (response.status_code, response.headers, response.text),
            lambda response: self.last,
            (httpx.TransportError,),
            where,
        )

    def _send_once(
        self,
        method: str,
        path: str,
        *,
        json: Any,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        auth: bool,
    ) -> httpx.Response:
        self.spend()
        sent_headers = dict(self.headers) if auth else {}
        sent_headers.update(headers or {})
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0))
        with httpx.Client(timeout=timeout, verify=_tls()) as client:
            params = {**self.query, **(params or {})}
            request = client.build_request(method, self.base_url + path, json=json, params=params, headers=sent_headers)
            query = request.url.query.decode()
            self.last = self.evidence(method, path, query=query, headers=sent_headers, body=json)
            started = time.monotonic()
            response = client.send(request)
        self.health.answered(response.status_code, time.monotonic() - started, response.headers)
        self.last = self.evidence(
            method,
            path,
            query=query,
            headers=sent_headers,
            body=json,
            status=response.status_code,
            response_headers=response.headers,
            response_text=response.text,
        )
        return response
