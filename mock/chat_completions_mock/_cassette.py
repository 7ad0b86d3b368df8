"""Cassettes: recorded exchanges in VCR.py's format (YAML, `version: 1`, `interactions: [{request, response}]`).

A file written here is one VCR.py reads, and the other way round (tests/unit/mock/test_cassettes.py). One
addition, which VCR.py keeps and ignores: `response.chunks`, the boundaries and timing of the answer's body as it
arrived (`[{size: bytes, at: seconds since the request}]`), so that a replayed stream arrives in the same pieces,
at the same pace if asked. The body itself is stored byte for byte in `response.body.string`.

VCR.py's own reader (`vcr.serialize`) is two calls over PyYAML that hand back its `Request` objects; importing it
loads VCR.py's patching machinery. The mock reads the same YAML with PyYAML's safe loader instead, and accepts
the older httpx layout VCR.py still reads (`status_code`/`content`).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

yaml: Any = importlib.import_module("yaml")

__all__ = [
    "SECRET_MARKER",
    "CassetteError",
    "Chunk",
    "Interaction",
    "append_interaction",
    "cassette_files",
    "load_cassette",
    "load_directory",
    "scrub_headers",
]

#: What a credential header's value reads in a cassette.
SECRET_MARKER = "<scrubbed>"  # noqa: S105 (a marker, not a password)
#: Headers carrying a key (lower case): their values are also kept out of bodies.
CREDENTIAL_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "openai-api-key", "proxy-authorization"})
#: Headers whose values are never written (lower case): credentials, cookies and account ids.
SECRET_HEADERS = CREDENTIAL_HEADERS | {"cookie", "set-cookie", "openai-organization", "openai-project"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SUFFIXES = (".yaml", ".yml")
_UNSET: Any = object()


class CassetteError(ValueError):
    """A cassette that cannot be read: its message is one line naming the file (and interaction)."""


@dataclasses.dataclass(frozen=True)
class Chunk:
    """One piece of an answer's body as it arrived: its size in bytes and when (seconds after the request)."""

    size: int
    at: float


@dataclasses.dataclass
class Interaction:
    """One recorded exchange. Headers are `(name, value)` pairs in order; bodies are bytes as sent."""

    method: str
    uri: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    response_body: bytes
    chunks: list[Chunk] | None = None
    source: str = ""  # `file.yaml#3`: where it was read from (not written)

    @functools.cached_property
    def path(self) -> str:
        """The path of the request's URI (`/v1/chat/completions`)."""
        return urlsplit(self.uri).path or "/"

    @functools.cached_property
    def query(self) -> str:
        """The query string of the request's URI."""
        return urlsplit(self.uri).query

    def json_body(self) -> Any:
        """The request body as JSON data, or None when it is empty or not JSON (parsed once; do not modify it)."""
        cached = self.__dict__.get("_json_body", _UNSET)
        if cached is _UNSET:
            cached = self.__dict__["_json_body"] = json_or_none(self.request_body)
        return cached

    def response_json(self) -> Any:
        """The answer's body as JSON data, or None when it is not JSON (a stream, say)."""
        return json_or_none(self.response_body)

    def response_header(self, name: str) -> str | None:
        """The last value of a response header (case-insensitive)."""
        wanted = name.lower()
        found = None
        for key, value in self.response_headers:
            if key.lower() == wanted:
                found = value
        return found

    @property
    def is_stream(self) -> bool:
        """Whether the answer is an event stream."""
        return (self.response_header("content-type") or "").startswith("text/event-stream")

    def pieces(self) -> list[bytes]:
        """The answer's body cut at its recorded chunk boundaries (one piece when none were recorded)."""
        if not self.chunks:
            return [self.response_body]
        out, offset = [], 0
        for chunk in self.chunks:
            out.append(self.response_body[offset : offset + chunk.size])
            offset += chunk.size
        if offset < len(self.response_body):
            out.append(self.response_body[offset:])
        return [piece for piece in out if piece]

    def as_vcr(self) -> dict[str, Any]:
        """The interaction as VCR.py writes it (plus `response.chunks` when known)."""
        response: dict[str, Any] = {
            "status": {"code": self.status, "message": self.reason},
            "headers": _grouped(self.response_headers),
            "body": {"string": _text(self.response_body)},
        }
        if self.chunks is not None:
            response["chunks"] = [{"size": c.size, "at": round(c.at, 4)} for c in self.chunks]
        return {
            "request": {
                "body": _text(self.request_body) if self.request_body else None,
                "headers": _grouped(self.request_headers),
                "method": self.method,
                "uri": self.uri,
            },
            "response": response,
        }


def json_or_none(raw: bytes) -> Any:
    """`raw` as JSON data, or None when it is empty or not JSON."""
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _text(raw: bytes) -> str | bytes:
    """Text where it is UTF-8 (readable YAML, what VCR.py writes); bytes (`!!binary`) otherwise."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def _grouped(headers: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in headers:
        grouped.setdefault(name, []).append(value)
    return grouped


def scrub_headers(headers: Iterable[tuple[str, str]], extra: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Headers with every credential's (and every `extra` name's) value replaced by `SECRET_MARKER`."""
    hidden = SECRET_HEADERS | {name.lower() for name in extra}
    return [(name, SECRET_MARKER if name.lower() in hidden else value) for name, value in headers]


# --- reading ---------------------------------------------------------------------------------------------------


def _bytes(value: Any, where: str) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, Mapping) and "string" in value:  # a request body written as {string: ...}
        return _bytes(value["string"], where)
    raise CassetteError(f"{where}: a body must be text, bytes or null, not {type(value).__name__}")


def _headers(value: Any, where: str) -> list[tuple[str, str]]:
    if value is None:
        return []
    if not isinstance(value, Mapping):
        raise CassetteError(f"{where}: headers must be a mapping of names to lists of values")
    pairs = []
    for name, values in value.items():
        for item in values if isinstance(values, list) else [values]:
            pairs.append((str(name), str(item)))
    return pairs


#: An HTTP header name (RFC 9110 token).
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def _sendable(headers: list[tuple[str, str]], where: str) -> list[tuple[str, str]]:
    """`headers`, when each can go out again on replay: a token name, a value without line breaks or NUL."""
    for name, value in headers:
        if not _TOKEN.fullmatch(name) or any(c in value for c in "\r\n\0"):
            raise CassetteError(f"{where}: the response header {name!r} cannot be sent ({value[:40]!r})")
    return headers


def header_bytes(value: str) -> bytes:
    """A recorded header value as sent: Latin-1 (how http.client and h11 read it), else UTF-8 (how httpx read it)."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def _interaction(item: Any, where: str) -> Interaction:
    if not isinstance(item, Mapping) or not isinstance(item.get("request"), Mapping):
        raise CassetteError(f"{where}: not an interaction (a mapping with 'request' and 'response')")
    request, response = item["request"], item.get("response")
    if not isinstance(response, Mapping):
        raise CassetteError(f"{where}: the interaction has no 'response' mapping")
    method, uri = request.get("method"), request.get("uri")
    if not isinstance(method, str) or not isinstance(uri, str):
        raise CassetteError(f"{where}: the request needs a 'method' and a 'uri'")
    if "status_code" in response:  # the httpx layout of VCR.py before 4.x
        status, reason, body = response["status_code"], "", response.get("content")
    else:
        status_node = response.get("status")
        status = status_node.get("code") if isinstance(status_node, Mapping) else None
        reason = str(status_node.get("message") or "") if isinstance(status_node, Mapping) else ""
        body_node = response.get("body")
        body = body_node.get("string") if isinstance(body_node, Mapping) else body_node
    if not isinstance(status, int):
        raise CassetteError(f"{where}: the response needs a status code")
    if not 100 <= status <= 599:
        raise CassetteError(f"{where}: status {status} is not an HTTP status code (100 to 599)")
    chunks = None
    if isinstance(response.get("chunks"), list):
        try:
            chunks = [Chunk(int(c["size"]), float(c["at"])) for c in response["chunks"]]
        except (KeyError, TypeError, ValueError):
            raise CassetteError(f"{where}: 'chunks' must list {{size, at}} mappings") from None
        if any(c.size < 0 or not 0 <= c.at < math.inf for c in chunks):
            raise CassetteError(f"{where}: a chunk's size and time ('at', seconds) must be 0 or more")
    return Interaction(
        method=method.upper(),
        uri=uri,
        request_headers=_headers(request.get("headers"), where),
        request_body=_bytes(request.get("body"), where),
        status=status,
        reason=reason,
        response_headers=_sendable(_headers(response.get("headers"), where), where),
        response_body=_bytes(body, where),
        chunks=chunks,
        source=where,
    )


def load_cassette(path: str | Path) -> list[Interaction]:
    """The interactions of one cassette file; `CassetteError` (one line) when it is not a VCR.py cassette."""
    path = Path(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise CassetteError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        document = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise CassetteError(f"{path}: not YAML{at}: {problem}") from None
    if not isinstance(document, Mapping) or not isinstance(document.get("interactions"), list):
        raise CassetteError(f"{path}: not a VCR.py cassette (no 'interactions' list)")
    return [_interaction(item, f"{path}#{index}") for index, item in enumerate(document["interactions"])]


def cassette_files(directory: str | Path) -> list[Path]:
    """The cassette files (`*.yaml`, `*.yml`) under `directory`, sorted; `CassetteError` when it is no directory."""
    root = Path(directory)
    if not root.is_dir():
        raise CassetteError(f"{root}: no such directory")
    return sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES and p.is_file())


def load_directory(directory: str | Path) -> list[Interaction]:
    """Every interaction of every cassette under `directory`, file by file in order."""
    return [item for path in cassette_files(directory) for item in load_cassette(path)]


# --- writing ---------------------------------------------------------------------------------------------------


def dump_interactions(interactions: Sequence[Interaction]) -> str:
    """A whole cassette as YAML text (VCR.py's layout: `interactions` then `version`)."""
    document = {"interactions": [i.as_vcr() for i in interactions], "version": 1}
    text: str = yaml.dump(document, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1_000_000)
    return text


def append_interaction(path: Path, interaction: Interaction, *, secrets: Iterable[str] = ()) -> None:
    """Add one interaction to the cassette at `path` (created with `version: 1` first; appended after).

    Appending keeps every exchange on disk as soon as it ends, in O(1). `secrets` are strings (keys) that must
    not reach the disk: any left in the text (a key echoed in a body, say) become `SECRET_MARKER`.
    """
    text = yaml.dump([interaction.as_vcr()], Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1_000_000)
    for secret in secrets:
        if secret:
            text = text.replace(secret, SECRET_MARKER)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8") as handle:
        if fresh:
            handle.write("version: 1\ninteractions:\n")
        handle.write(text)
