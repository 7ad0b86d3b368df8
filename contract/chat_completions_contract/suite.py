"""The contract run as pytest tests, one per promise: `pytest --pyargs chat_completions_contract.suite [--contract-base-url URL]`.

One session-wide run (`chat_completions_contract.run`) judges the server; each promise's test then passes when it
holds, fails with its deviation lines when broken (or when a required capability is not supported), and is skipped
when it was not applicable, not selected or not run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ._promises import PROMISES
from ._report import Report
from ._runner import Options, UsageError, run


def _names(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(n.strip() for n in value.split(",") if n.strip())


@pytest.fixture(scope="session")
def contract_report(request: pytest.FixtureRequest) -> Report:
    """The verdict on the server the `--contract-*` options name (the bundled mock by default)."""
    get = request.config.getoption
    options = Options(
        base_url=get("--contract-base-url"),
        model=get("--contract-model"),
        max_requests=get("--contract-max-requests"),
        auth=get("--contract-auth"),
        only=_names(get("--contract-only")),
        require=_names(get("--contract-require")),
        seed=get("--contract-seed"),
        api_key_env=get("--contract-api-key-env"),
        retries=get("--contract-retries"),
        timeout=get("--contract-timeout"),
    )
    try:
        report = run(options)
    except UsageError as exc:
        pytest.exit(f"chat-completions-contract: {exc}", returncode=4)
    if get("--contract-report-dir"):
        report.write(Path(get("--contract-report-dir")))
    return report


@pytest.mark.parametrize("promise_id", [p.id for p in PROMISES])
def test_promise(contract_report: Report, promise_id: str) -> None:
    """One promise: holds, or the deviations that broke it."""
    result = next(p for p in contract_report.promises if p.promise.id == promise_id)
    if result.status == "broken":
        pytest.fail(
            "\n".join(d.line(promise_id) for d in result.deviations) or f"{promise_id} is broken", pytrace=False
        )
    if result.status == "not supported" and result.required:
        pytest.fail(f"{result.promise.group}: not supported", pytrace=False)
    if result.status != "holds":
        pytest.skip(result.why_not() or result.status)
