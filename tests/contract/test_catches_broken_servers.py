"""The suite's checks catch a server that breaks any one promise: each case breaks one, on purpose.

A proxy (tests/contract/proxy.py) sits in front of the target and rewrites its answers; the same
verdict the suite gives every answer (`promises.judge_answer`) must then fail, naming the promise.
Runs only against loopback targets: it would spend a paid budget on proving the suite, not the server.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from harness import cheap
from promises import BrokenPromise, judge_answer
from proxy import BREAKAGES, running_proxy

HELLO = [{"role": "user", "content": "Say this is a test!"}]
STREAM = {"messages": HELLO, "stream": True, "n": 2}
CASES: dict[str, tuple[dict[str, Any], str]] = {
    "wrong object": ({"messages": HELLO}, "object_names_the_type"),
    "n ignored": ({"messages": HELLO, "n": 3}, "choices_match_n"),
    "usage does not add up": ({"messages": HELLO}, "usage_adds_up"),
    "unknown finish_reason": ({"messages": HELLO}, "finish_reason_is_known"),
    "json_object is not an object": (
        {"messages": [{"role": "user", "content": "A cat, as JSON."}], "response_format": {"type": "json_object"}},
        "json_object_is_an_object",
    ),
    "missing [DONE]": (STREAM, "stream_is_well_framed"),
    "data after [DONE]": (STREAM, "stream_is_well_framed"),
    "no role in the first delta": (STREAM, "stream_is_well_framed"),
    "two ids in one stream": (STREAM, "stream_is_well_framed"),
    "error body not OpenAI-shaped": ({"messages": HELLO, "temperature": 5}, "error_body_is_openai_shaped"),
}


@pytest.fixture
def loopback_target(target: Any) -> Any:
    if not target.loopback:
        pytest.skip("proving the checks needs a loopback target (no budget is spent on it)")
    return target


def test_every_breakage_has_a_case() -> None:
    assert set(CASES) == set(BREAKAGES)


@pytest.mark.parametrize("breakage", list(CASES))
def test_a_broken_promise_is_named(loopback_target: Any, breakage: str) -> None:
    body, check = CASES[breakage]
    request = cheap(loopback_target, body)
    with running_proxy(loopback_target.base_url, breakage) as url:
        response = httpx.post(f"{url}/chat/completions", json=request, headers=loopback_target.headers, timeout=30)
    with pytest.raises(BrokenPromise) as caught:
        judge_answer("createChatCompletion", request, response.status_code, response.headers, response.text)
    assert caught.value.check == check
    assert str(caught.value).startswith(f"[{check}]")


@pytest.mark.parametrize("breakage", list(CASES))
def test_the_same_answer_unbroken_keeps_the_promise(loopback_target: Any, breakage: str) -> None:
    """The control: through a pass-through proxy the same request is judged sound (no false alarm)."""
    request = cheap(loopback_target, CASES[breakage][0])
    with running_proxy(loopback_target.base_url) as url:
        response = httpx.post(f"{url}/chat/completions", json=request, headers=loopback_target.headers, timeout=30)
    judge_answer("createChatCompletion", request, response.status_code, response.headers, response.text)


@pytest.mark.slow  # the contract suite in a subprocess
def test_the_suite_itself_fails_on_a_broken_server(loopback_target: Any) -> None:
    """End to end: the unchanged suite, pointed at a server that ignores `n`, fails and names the promise."""
    here = Path(__file__).parent
    with running_proxy(loopback_target.base_url, "n ignored") as url:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", str(here / "test_semantics.py"), "-k", "three", "-q",
             "-p", "no:cacheprovider", "--base-url", url],
            capture_output=True, text=True, timeout=120, check=False,
            env={**os.environ, "OPENAI_API_KEY": loopback_target.api_key},
        )  # fmt: skip
    assert result.returncode == 1, result.stdout[-2000:]
    assert "[choices_match_n] asked for n=3, got 1 choice(s)" in result.stdout
