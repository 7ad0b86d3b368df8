"""The contract tool's request shaping obeys every cross-field rule of the bundled mock.

`satisfy_cross_field_rules` (contract/chat_completions_contract/_shaping.py) turns a schema-valid generated request
into one the API answers. A new rule in `mock/chat_completions_mock/_rules.py` that the shaping does not know would
make generated requests fail for a reason that is no promise; this test fails instead, with the rule's own example
(`EXAMPLES` in tests/unit/mock/test_rules.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from chat_completions_contract._shaping import satisfy_cross_field_rules
from chat_completions_mock._errors import ApiError
from chat_completions_mock._rules import RULES, Create
from test_rules import EXAMPLES, WINDOW, _create

#: Rules the shaping leaves alone on purpose: generated requests never come near them.
UNSHAPED = {
    "at_most_2048_messages": "generated requests carry a handful of messages",
    "prompt_fits_the_context_window": "generated prompts are far below any context window",
}


def _broken_rules(body: dict[str, Any]) -> list[str]:
    broken = []
    for func in RULES:
        try:
            func(Create(body, WINDOW))
        except ApiError as error:
            broken.append(f"{func.__name__} ({error})")
    return broken


@pytest.mark.parametrize(
    "fields",
    [fields for name, cases in EXAMPLES.items() if name not in UNSHAPED for fields, _ in cases],
    ids=[f"{name}-{i}" for name, cases in EXAMPLES.items() if name not in UNSHAPED for i in range(len(cases))],
)
def test_shaping_repairs_each_rule_example(fields: dict[str, Any]) -> None:
    body = json.loads(json.dumps(_create(fields).body))  # as sent: no two places share one object
    shaped = satisfy_cross_field_rules(body)
    assert not _broken_rules(shaped), (
        "satisfy_cross_field_rules in contract/chat_completions_contract/_shaping.py leaves this rule broken:"
        f" {_broken_rules(shaped)}; teach it the rule"
    )


def test_unshaped_rules_still_exist() -> None:
    assert set(UNSHAPED) <= {func.__name__ for func in RULES}
