"""Download OpenAI's openapi.yaml, check it is an OpenAPI 3.x document, and describe it in a lock.

`fetch_upstream(ref=..., url=...)` returns the raw bytes (kept byte for byte as the vendored copy),
the parsed document and the lock (`openapi/upstream/lock.json`). Every failure (network, HTTP status,
not YAML, not OpenAPI) is a `PipelineError("fetch", ...)`: one line, and nothing has been written.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import httpx
import yaml
from problems import PipelineError

REPOSITORY = "openai/openai-openapi"
PATH = "openapi.yaml"
# Module constants so that tests can point them at a local server.
GITHUB_RAW = "https://raw.githubusercontent.com"
GITHUB_API = "https://api.github.com"
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
MAX_BYTES = 64 * 1024 * 1024  # the spec is ~3 MB; anything this large is not it


@dataclass(frozen=True)
class Fetched:
    """A downloaded upstream spec: its bytes, its parsed document, and the lock that records where it came from."""

    data: bytes
    document: dict[str, Any]
    lock: dict[str, Any]


def is_url(text: str) -> bool:
    """True for an http(s) URL (what `--upstream` and `--from` accept besides a path)."""
    return text.startswith(("http://", "https://"))


def raw_url(ref: str) -> str:
    """The raw-file URL of openapi.yaml in OpenAI's repository at `ref` (a branch, tag or commit)."""
    return f"{GITHUB_RAW}/{REPOSITORY}/{ref}/{PATH}"


def download(url: str) -> bytes:
    """GET `url` (redirects followed); any failure is one line."""
    body = bytearray()
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True) as client, client.stream("GET", url) as response:
            if response.status_code != 200:
                raise PipelineError("fetch", f"{url} answered HTTP {response.status_code}, expected 200 with the spec")
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:  # stop reading: a spec is a few MB
                    raise PipelineError("fetch", f"{url} sent more than {MAX_BYTES} bytes, more than a spec should be")
    except httpx.HTTPError as exc:
        raise PipelineError("fetch", f"could not download {url}: {type(exc).__name__}: {exc}") from None
    return bytes(body)


def resolve_commit(ref: str) -> tuple[str, str] | None:
    """(commit sha, commit date) of `ref` in OpenAI's repository via GitHub's API, or None when it cannot say."""
    url = f"{GITHUB_API}/repos/{REPOSITORY}/commits/{ref}"
    try:
        with httpx.Client(timeout=TIMEOUT) as client:
            response = client.get(url, headers={"Accept": "application/vnd.github+json"})
        body = response.json() if response.status_code == 200 else {}
        sha, date = body["sha"], body["commit"]["committer"]["date"]
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return None
    if not (isinstance(sha, str) and len(sha) == 40 and isinstance(date, str)):
        return None
    return sha, date


def parse(data: bytes, origin: str) -> dict[str, Any]:
    """The YAML (or JSON) document in `data`, checked to be an OpenAPI 3.x document with paths."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(data, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise PipelineError("upstream", f"{origin} is not YAML: {_yaml_problem(exc)}") from None
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        raise PipelineError("upstream", f"{origin} is not an OpenAPI 3.x document (no `openapi: 3.x` at its top)")
    if not isinstance(document.get("paths"), dict):
        raise PipelineError("upstream", f"{origin} is an OpenAPI document without `paths`")
    return document


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """`found duplicate anchor 'x'; first occurrence (line 3), second occurrence (line 9)`, in one line."""
    parts = []
    for text, mark in ((getattr(exc, "context", None), getattr(exc, "context_mark", None)),
                       (getattr(exc, "problem", None), getattr(exc, "problem_mark", None))):  # fmt: skip
        if text:
            parts.append(f"{text} (line {mark.line + 1})" if mark is not None else str(text))
    return ", ".join(parts) or str(exc)


def fetch_upstream(ref: str = "main", url: str | None = None) -> Fetched:
    """Download the spec (OpenAI's repository at `ref`, or `url` for a mirror), check it, and build its lock.

    From OpenAI's repository the ref is first resolved to a commit where GitHub's API answers, and the
    file is then downloaded at that commit, so the lock names exactly what was fetched; otherwise the lock
    records the ref (or URL) and `commit: null`.
    """
    resolved = None if url else resolve_commit(ref)
    source = url or raw_url(resolved[0] if resolved else ref)
    data = download(source)
    document = parse(data, source)
    lock: dict[str, Any] = {
        "repository": None if url else REPOSITORY,
        "path": None if url else PATH,
        "ref": None if url else ref,
        "commit": resolved[0] if resolved else None,
        "commit_date": resolved[1] if resolved else None,
        "url": source,
        "sha256": hashlib.sha256(data).hexdigest(),
        "fetched": datetime.datetime.now(datetime.UTC).date().isoformat(),
    }
    return Fetched(data=data, document=document, lock=lock)


def lock_text(lock: dict[str, Any]) -> str:
    """The lock as written to `openapi/upstream/lock.json`."""
    return json.dumps(lock, indent=2) + "\n"
