"""The server under test: where it is, how to authenticate, what the run may spend, and what was exchanged."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

#: Request headers whose values are credentials: never written anywhere.
SECRET_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "openai-api-key", "proxy-authorization", "cookie"})
REDACTED = "[redacted]"
#: How a credential header reads in evidence: the run's own key, or some other value (a probe's wrong key).
REDACTED_RUN_KEY, REDACTED_OTHER = "[redacted: the run's key]", "[redacted: another value]"
EVIDENCE_CHARS = 2_000


class BudgetSpent(Exception):
    """The run's `--max-requests` is spent: the promises not yet judged are reported "not run"."""


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

    def send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
    ) -> httpx.Response:
        """One request to the target (counted against the budget); `path` is relative to the base URL.

        The exchange is kept in `last` as evidence; an unreachable server raises `httpx.TransportError`.
        """
        self.spend()
        sent_headers = dict(self.headers) if auth else {}
        sent_headers.update(headers or {})
        with httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0)) as client:
            params = {**self.query, **(params or {})}
            request = client.build_request(method, self.base_url + path, json=json, params=params, headers=sent_headers)
            query = request.url.query.decode()
            self.last = self.evidence(method, path, query=query, headers=sent_headers, body=json)
            response = client.send(request)
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
