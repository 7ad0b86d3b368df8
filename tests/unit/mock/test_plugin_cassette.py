"""The `chat_completions_cassette` fixture, run as a user's suite runs it: the documented example replays offline;
a missing cassette is recorded when a key is present, and fails the test clearly when none is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from chat_completions_mock import MockServer, load_directory

pytest_plugins = ("pytester",)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "test_recorded_answers.py"


def test_the_documented_example_replays_offline(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLE, pytester.path / EXAMPLE.name)
    shutil.copytree(EXAMPLE.parent / "cassettes", pytester.path / "cassettes")
    monkeypatch.setenv("CHAT_COMPLETIONS_UPSTREAM", "http://127.0.0.1:1/v1")  # nothing there: replay only
    pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_a_missing_cassette_is_recorded_with_a_key(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLE, pytester.path / EXAMPLE.name)
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*no cassette in *streamed and no OPENAI_API_KEY to record one*"])
    with MockServer() as upstream:
        monkeypatch.setenv("CHAT_COMPLETIONS_UPSTREAM", upstream.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-proj-recording-key-0123456789")
        pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider").assert_outcomes(passed=2)
        assert len(upstream.requests) == 2
    recorded = pytester.path / "cassettes"
    assert len(load_directory(recorded / "streamed")) == 1
    assert b"recording-key" not in b"".join(p.read_bytes() for p in recorded.rglob("*.yaml"))
