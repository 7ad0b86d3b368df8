"""The mock's reference docs stay in step with the code: the rule table, the fault directives and the CLI flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chat_completions_mock.__main__ import parser
from chat_completions_mock._faults import _DIRECTIVES
from chat_completions_mock._models import profile_table, refusal_table
from chat_completions_mock._rules import rule_table

#: The file that documents the mock (its rule table, fault directives and flags).
MOCK_DOC = Path(__file__).resolve().parents[3] / "docs" / "mock.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return MOCK_DOC.read_text(encoding="utf-8")


def test_the_rule_table_matches_the_registry(doc: str) -> None:
    assert rule_table() in doc, (
        f"The rule table in {MOCK_DOC.name} is out of step with mock/chat_completions_mock/_rules.py: replace it with"
        " the output of `python -c 'from chat_completions_mock._rules import rule_table; print(rule_table())'`"
    )


def test_the_profile_tables_match_the_registry(doc: str) -> None:
    block = doc.split("<!-- profiles:start", 1)[1].split("\n", 1)[1].split("<!-- profiles:end -->", 1)[0]
    assert block == profile_table() + "\n" + refusal_table(), (
        f"The model profile tables in {MOCK_DOC.name} are out of step with mock/chat_completions_mock/_models.py:"
        " replace the block between the profiles markers with the output of `python -c 'from"
        " chat_completions_mock._models import profile_table, refusal_table; print(profile_table());"
        ' print(refusal_table(), end="")\'`'
    )


def test_every_fault_directive_is_documented(doc: str) -> None:
    rows = {m.group(1) for m in re.finditer(r"^\| `([a-z_]+)[=`]", doc, re.MULTILINE)}
    missing = set(_DIRECTIVES) - rows
    assert not missing, f"add a row for each of {sorted(missing)} to the fault table in {MOCK_DOC.name}"


def test_every_cli_flag_is_documented(doc: str) -> None:
    flags = {s for action in parser()._actions for s in action.option_strings if s.startswith("--") and s != "--help"}
    missing = {flag for flag in flags if f"`{flag}" not in doc}
    assert not missing, f"add {sorted(missing)} to the flag table in {MOCK_DOC.name}"
