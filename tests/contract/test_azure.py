"""`--azure-api-version`: the contract tool checks an Azure OpenAI endpoint (the `api-version` query on every
request, the key in `api-key`), here the bundled mock in Azure's URL shapes."""

from __future__ import annotations

import pytest
from chat_completions_contract import __main__ as cli
from chat_completions_contract._runner import Options, run
from chat_completions_contract._target import REDACTED_RUN_KEY, Target
from contract_support import KEY

SEED = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}


def test_an_azure_target_sends_api_version_and_api_key(mock_url: str) -> None:
    root = mock_url.removesuffix("/v1")
    azure = Target(f"{root}/openai/deployments/gpt-4o-mini", KEY, "gpt-4o-mini", azure_api_version="2024-10-21")
    assert azure.send("POST", "/chat/completions", json=SEED).status_code == 200
    assert azure.last is not None
    assert azure.last.request["query"] == "api-version=2024-10-21"
    assert azure.last.request["headers"] == {"api-key": REDACTED_RUN_KEY}
    assert KEY not in repr(azure)
    assert KEY not in str(azure.last.request)
    plain = Target(f"{root}/openai/deployments/gpt-4o-mini", KEY, "gpt-4o-mini")  # no api-version: Azure's 404
    assert plain.send("POST", "/chat/completions", json=SEED).status_code == 404
    v1 = Target(f"{root}/openai/v1", KEY, "gpt-4o-mini", azure_api_version="v1")
    assert v1.send("POST", "/chat/completions", json=SEED).status_code == 200
    assert v1.last is not None
    assert v1.last.request["query"] == ""


@pytest.mark.slow
def test_a_run_with_azure_api_version_checks_the_mock_in_azures_shape() -> None:
    only = ("missing_key_is_401", "wrong_key_is_401")
    report = run(Options(azure_api_version="2024-10-21", only=only, examples=1))
    assert "/openai/deployments/gpt-4o-mini" in "\n".join(report.summary_lines())
    assert report.exit_code == 0, "\n".join(report.summary_lines())


def test_an_empty_azure_api_version_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--azure-api-version", " "]) == 2
    assert capsys.readouterr().err.count("\n") == 1
