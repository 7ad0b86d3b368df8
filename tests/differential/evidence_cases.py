"""The evidence corpus (openapi/evidence/) as differential cases: each recorded answer, from every server, replayed
byte for byte (its status, its headers, its body) to `openai` and to ours (imported as `evidence_cases`)."""

from __future__ import annotations

import re
from typing import Any

import recordings
from differential_cases import raw
from differential_support import Case

# Headers the replay sets itself (the body is sent whole with its own length) or that describe the original transport.
_TRANSPORT = {"content-type", "content-length", "transfer-encoding", "connection", "keep-alive", "content-encoding"}


def case_name(rec: recordings.Recording) -> str:
    """`evidence_<source>_<file stem>_<index>`, in the differences table's alphabet (lower case, digits, `_`)."""
    stem = f"{rec.cassette.parent.name}_{rec.cassette.stem}_{rec.index}"
    return "evidence_" + re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")


def _case(rec: recordings.Recording) -> Case:
    content_type = (rec.headers.get("content-type") or [None])[0]
    headers = [(k, v) for k, values in rec.headers.items() if k not in _TRANSPORT for v in values]
    answer = raw(rec.status, rec.body.encode("utf-8"), content_type, headers)
    return Case(case_name(rec), rec.server, "stream" if rec.is_stream else "create", (answer,), why=rec.name)


EVIDENCE: list[Case] = [_case(rec) for rec in recordings.recordings()]
#: OpenAI's own answers (status 200): what strict mode must read.
OPENAI_ANSWERS: list[Case] = [
    _case(rec) for rec in recordings.recordings(server=recordings.OPENAI) if rec.status == 200
]


def models_read_as_dicts(theirs: Any, ours: Any, path: str = "") -> list[str]:
    """Paths where `openai` hands back a model (attribute access) and ours a bare dict or list of dicts."""
    found: list[str] = []
    if hasattr(type(theirs), "model_fields"):
        if isinstance(ours, dict):
            return [path or "(the result)"]
        for name in type(theirs).model_fields:
            value = getattr(theirs, name, None)
            if value is not None:
                mine = getattr(ours, name, None)  # our models answer to the API's names, as openai's do
                found += models_read_as_dicts(value, mine, f"{path}.{name}")
    elif isinstance(theirs, list) and isinstance(ours, list):
        for i, (a, b) in enumerate(zip(theirs, ours, strict=False)):
            found += models_read_as_dicts(a, b, f"{path}[{i}]")
    return found
