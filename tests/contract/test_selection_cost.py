"""`--only` costs what it selects: the run sends only the requests the selected promises need."""

from __future__ import annotations

import pytest
from chat_completions_contract import Options, run
from chat_completions_mock import MockServer
from contract_support import KEY


@pytest.mark.slow  # a (small) contract run
def test_only_auth_sends_only_what_auth_promises_need() -> None:
    """The two bad-credential probes, and a few valid requests per operation for ignored_auth to re-send without
    and with a wrong key: no invalid requests, no unsupported methods, no stateful walk (it used to send ~380)."""
    with MockServer(api_keys=[KEY]) as mock:
        report = run(Options(base_url=mock.base_url, only=("auth",), env={"OPENAI_API_KEY": KEY}))
        sent = mock.stats()["requests_total"]
    assert {p.promise.id: p.status for p in report.promises if p.promise.group == "auth"} == {
        "missing_key_is_401": "holds",
        "wrong_key_is_401": "holds",
        "ignored_auth": "holds",
    }
    assert sent == report.health["requests"]
    assert sent <= 30, sent
