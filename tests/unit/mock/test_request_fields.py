"""Every create field of the spec is classified for the mock's text seed: neutral, or seed-affecting.

Adding a request parameter to the spec without classifying it would silently change (or not change) the mock's
answers; this test fails instead and says where to add it.
"""

from __future__ import annotations

from typing import Any

from chat_completions_mock import load_spec
from chat_completions_mock._completions import NEUTRAL_FIELDS, SEED_FIELDS, request_digest
from mock_support import SEED

WHERE = "mock/chat_completions_mock/_completions.py"


def create_fields() -> set[str]:
    """The properties of createChatCompletion's JSON request body, as the spec declares them."""
    spec = load_spec()
    operation = spec["paths"]["/chat/completions"]["post"]
    assert operation["operationId"] == "createChatCompletion"
    schema: Any = operation["requestBody"]["content"]["application/json"]["schema"]
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return set(schema["properties"])


def test_every_create_field_is_classified() -> None:
    unclassified = create_fields() - NEUTRAL_FIELDS - SEED_FIELDS
    assert not unclassified, (
        f"create fields {sorted(unclassified)} are new in the spec: add each to NEUTRAL_FIELDS (it does not change"
        f" the generated text) or SEED_FIELDS (it does) in {WHERE}"
    )


def test_the_classification_is_exact() -> None:
    assert not NEUTRAL_FIELDS & SEED_FIELDS, f"fields in both sets: {sorted(NEUTRAL_FIELDS & SEED_FIELDS)}"
    stale = (NEUTRAL_FIELDS | SEED_FIELDS) - create_fields()
    assert not stale, f"{sorted(stale)} are no longer create fields of the spec: remove them from {WHERE}"


def test_the_seed_ignores_exactly_the_neutral_fields() -> None:
    base = request_digest(SEED)
    for name in sorted(NEUTRAL_FIELDS):
        assert request_digest({**SEED, name: 1}) == base, f"{name} is neutral yet changes the seed"
    for name in sorted(SEED_FIELDS - set(SEED)):
        assert request_digest({**SEED, name: 1}) != base, f"{name} should change the seed"
    for name in sorted(SEED_FIELDS & set(SEED)):
        assert request_digest({**SEED, name: "other"}) != base, f"{name} should change the seed"
