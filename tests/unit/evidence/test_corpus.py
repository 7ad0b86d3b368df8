"""The evidence corpus (openapi/evidence/): plain VCR.py cassettes with their source, licence and date, no secrets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import recordings
import yaml
from vcr.serialize import deserialize
from vcr.serializers import yamlserializer

CASSETTES = recordings.cassettes()
# Things that look like a credential: API keys of the usual providers, bearer tokens, OpenAI organisation and
# project ids, cookies, JWTs, AWS access keys.
SECRET = re.compile(
    r"sk-[A-Za-z0-9_-]{16,}|gsk_[A-Za-z0-9]{16,}|hf_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{20,}|AKIA[0-9A-Z]{12,}"
    r"|Bearer\s+[A-Za-z0-9._~+/-]{8,}|org-[A-Za-z0-9]{16,}|proj_[A-Za-z0-9]{16,}|eyJ[A-Za-z0-9_-]{20,}\."
    r"|(?i:__cf_bm|_cfuvid|session)=[^;\s]{8,}"
)
SECRET_HEADERS = {
    "authorization",
    "cookie",
    "set-cookie",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
}


def test_corpus_holds_enough_real_answers() -> None:
    answers = [r for r in recordings.recordings() if r.status == 200]
    openai = [r for r in answers if r.server == "openai"]
    assert len(openai) >= 20
    assert any(r.is_stream for r in openai)
    assert len({r.server for r in answers} - {"openai"}) >= 3


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_vcrpy_loads_the_cassette_as_recorded(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    requests, responses, metadata = deserialize(text, yamlserializer)
    raw = yaml.safe_load(text)
    assert raw["version"] == 1
    assert len(requests) == len(responses) == len(raw["interactions"]) > 0
    for request, response, interaction in zip(requests, responses, raw["interactions"], strict=True):
        assert request.method == "POST"
        assert request.uri.endswith("/chat/completions")
        assert "messages" in json.loads(request.body), "the request's JSON body"
        assert response["body"]["string"] == interaction["response"]["body"]["string"].encode()
    for key in recordings.REQUIRED_METADATA:
        assert metadata.get(key), f"{path.name}: metadata.{key} is missing"
    source = metadata["source"]
    assert source["repository"].startswith("https://")
    assert re.fullmatch(r"[0-9a-f]{40}", source["commit"])
    assert source["path"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(metadata["recorded"]))
    assert (path.parent / "LICENSE").is_file(), f"{path.parent.name} has no LICENSE"


def test_no_credential_looking_string_in_the_corpus() -> None:
    found = []
    for path in sorted(recordings.EVIDENCE.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {m.group(0)[:12]}..." for m in SECRET.finditer(text)]
        for interaction in yaml.safe_load(text)["interactions"]:
            for part in ("request", "response"):
                names = {k.lower() for k in (interaction[part].get("headers") or {})}
                found += [f"{path.name}: header {name}" for name in names & SECRET_HEADERS]
    assert not found, found


def test_the_credential_check_would_catch_a_key() -> None:
    assert SECRET.search("authorization: Bearer sk-proj-abcdefghijklmnopqrstuvwxyz0123")
    assert SECRET.search("openai-organization: org-abcdefghijklmnopqrstu")
    assert not SECRET.search('"id": "chatcmpl-ABfvaueLEMLNYbT8YzpJxsmiQ6HSY"')
