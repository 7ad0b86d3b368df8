"""Every answer of every operation matches the spec: schemathesis drives generated valid and invalid requests.

Positive cases (schema-valid requests, shaped by `conftest.shape_create`) must get a 2xx whose status,
content type, headers and body match the spec; negative cases (invalid requests) must get a 4xx with
the error body, never a 2xx or a 5xx. Our own promises run on every answer as an extra check.
"""

from __future__ import annotations

from typing import Any

import hypothesis
from harness import RUN, SCHEMA, describe_failure, leaves

schema = SCHEMA


@schema.parametrize()
@hypothesis.settings(
    max_examples=RUN.max_examples,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    database=None,
)
def test_answers_match_the_spec(case: Any, target: Any) -> None:
    response = case.call(base_url=target.base_url, headers=target.headers)
    try:
        case.validate_response(response)
    except* AssertionError as group:
        for failure in leaves(group):
            title = getattr(failure, "title", type(failure).__name__)
            if not title.startswith("Custom check failed"):  # our promises recorded themselves, with details
                target.record(case.operation.label, title, describe_failure(failure, response))
        raise
