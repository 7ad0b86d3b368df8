"""The evidence corpus: real recorded exchanges in `openapi/evidence/<source>/*.yaml` (VCR.py cassettes).

Each cassette is plain VCR.py (`version: 1`, `interactions: [{request, response}]`, stream bodies as the exact text
of the body) plus VCR.py's optional top-level `metadata`, which here says which server answered (`server`), where
the recording comes from (`source`: repository, commit, path), its `licence` and when it was `recorded`.

Read with PyYAML rather than vcrpy: the pipeline needs only the parsed data, and PyYAML is already its dependency
(the tests prove that vcrpy itself loads every cassette). Answers are validated with jsonschema-rs, the validator the
mock and the contract tool use (a dev dependency through the `mock` extra). Nothing here imports the SDK, the mock or the contract tool.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml
from normalise import answer_schemas

EVIDENCE = Path(__file__).resolve().parent / "evidence"
REQUIRED_METADATA = ("server", "source", "licence", "recorded")
# The server whose answers the spec must accept: OpenAI's. Other servers' answers are evidence for the SDK's reader.
OPENAI = "openai"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Recording:
    """One recorded answer: the cassette it is in, its place there, who sent it and what."""

    cassette: Path
    index: int
    server: str
    status: int
    headers: dict[str, list[str]]
    body: str
    request: dict[str, Any]

    @property
    def name(self) -> str:
        """`<source>/<file>#<index>`: how a message names this recording."""
        return f"{self.cassette.parent.name}/{self.cassette.name}#{self.index}"

    @property
    def is_stream(self) -> bool:
        return any("text/event-stream" in v for v in self.headers.get("content-type", []))

    def events(self) -> list[Any]:
        """The JSON of each `data:` event of a stream (`[DONE]` left out); for a JSON answer, its one body."""
        if not self.is_stream:
            return [json.loads(self.body)]
        out = []
        for block in self.body.replace("\r\n", "\n").split("\n\n"):
            data = "\n".join(line[5:].lstrip(" ") for line in block.split("\n") if line.startswith("data:"))
            if data and data != "[DONE]":
                out.append(json.loads(data))
        return out


def cassettes(root: Path = EVIDENCE) -> list[Path]:
    """Every cassette of the corpus, in a stable order."""
    return sorted(root.glob("*/*.yaml"))


def load(path: Path) -> dict[str, Any]:
    """One cassette as parsed YAML (a mapping with `interactions` and `metadata`)."""
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    return data


def recordings(root: Path = EVIDENCE, server: str | None = None) -> Iterator[Recording]:
    """Every recorded answer of the corpus (optionally only `server`'s), cassette by cassette."""
    for path in cassettes(root):
        try:
            found = list(_read(path))
        except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
            where = f"{path.parent.name}/{path.name}"
            raise ValueError(
                f"{where} is not a VCR.py cassette with metadata.server ({type(exc).__name__}: {exc})"
            ) from None
        yield from (rec for rec in found if server is None or rec.server == server)


def _read(path: Path) -> Iterator[Recording]:
    data = load(path)
    who = str(data["metadata"]["server"])
    for index, interaction in enumerate(data["interactions"]):
        response = interaction["response"]
        yield Recording(
            cassette=path,
            index=index,
            server=who,
            status=int(response["status"]["code"]),
            headers={k.lower(): list(v) for k, v in (response.get("headers") or {}).items()},
            body=str(response["body"]["string"]),
            request=interaction["request"],
        )


def _validator(spec: dict[str, Any], schema: dict[str, Any]) -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator({**schema, "components": spec.get("components", {})})


def _field(error: jsonschema_rs.ValidationError) -> str:
    """The dotted path of the field an error is about (`choices.0.logprobs`), or `(the answer)`."""
    path = [str(p) for p in error.instance_path]
    if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Required):
        path.append(str(error.kind.property))
    return ".".join(path) or "(the answer)"


def problems(spec: dict[str, Any], root: Path = EVIDENCE) -> list[str]:
    """One line per recorded OpenAI answer (status 200) the spec rejects: the recording, the field, the reason.
    A file that is not a cassette raises ValueError naming it.

    A JSON answer is checked against the answer schema, each JSON event of a stream against the chunk schema.
    """
    answers = [rec for rec in recordings(root, server=OPENAI) if rec.status == 200]
    schemas = answer_schemas(spec)  # through POST /chat/completions' 200 answer, as the evidence steps find them
    answer, chunk = _validator(spec, schemas["completion"]), _validator(spec, schemas["chunk"])
    found = []
    for rec in answers:
        validator = chunk if rec.is_stream else answer
        try:
            events = rec.events()
        except ValueError as exc:  # json's error
            found.append(f"{rec.name}: (the body): not JSON ({exc})")
            continue
        for number, event in enumerate(events):
            error = next(iter(validator.iter_errors(event)), None)
            if error is not None:
                where = f"{rec.name} event {number}" if rec.is_stream else rec.name
                found.append(f"{where}: {_field(error)}: {error.message[:160]}")
                break
    return found
