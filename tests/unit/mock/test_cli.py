"""`python -m chat_completions_mock`: prints its URL, serves, and stops cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from chat_completions_mock.__main__ import parser
from mock_support import SEED


@contextmanager
def cli(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Run the CLI on a free port; yields the process and the URL it printed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "chat_completions_mock", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("Chat Completions mock listening on http://127.0.0.1:"), line
        url = line.split()[-1]
        assert url.endswith("/v1")
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serves_then_stops_cleanly(sig: signal.Signals) -> None:
    with cli() as (proc, url):
        response = httpx.post(f"{url}/chat/completions", json=SEED, headers={"Authorization": "Bearer k"})
        assert response.json()["choices"][0]["message"]["content"] == "\n\nThis is a test!"
        proc.send_signal(sig)
        assert proc.wait(timeout=10) == 0
        assert proc.stderr is not None
        assert "Traceback" not in proc.stderr.read()


def test_options_reach_the_app(tmp_path: Path) -> None:
    store = tmp_path / "cli.sqlite3"
    args = ("--api-key", "sk-a", "--api-key", "sk-b", "--store", str(store), "--fault", "status=503;on=list")
    with cli(*args) as (proc, url):
        assert (
            httpx.post(f"{url}/chat/completions", json=SEED, headers={"Authorization": "Bearer nope"}).status_code
            == 401
        )
        created = httpx.post(
            f"{url}/chat/completions", json={**SEED, "store": True}, headers={"Authorization": "Bearer sk-b"}
        ).json()
        assert httpx.get(f"{url}/chat/completions", headers={"Authorization": "Bearer sk-a"}).status_code == 503
        proc.terminate()
        assert proc.wait(timeout=10) == 0
    with cli("--store", str(store), "--permissive") as (proc, url):
        fetched = httpx.get(f"{url}/chat/completions/{created['id']}", headers={"Authorization": "Bearer any"})
        assert fetched.json()["id"] == created["id"]
        proc.terminate()
        assert proc.wait(timeout=10) == 0


def test_bad_arguments_exit_2() -> None:
    bad_fault = subprocess.run(
        [sys.executable, "-m", "chat_completions_mock", "--fault", "nope=1"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert bad_fault.returncode == 2
    assert "unknown fault directive" in bad_fault.stderr
    assert bad_fault.stderr.count("\n") == 1  # one line, not argparse's usage block
    with cli() as (_, url):
        port = url.rsplit(":", 1)[1].split("/")[0]
        taken = subprocess.run(
            [sys.executable, "-m", "chat_completions_mock", "--port", port],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert taken.returncode == 2
        assert "chat-completions-mock:" in taken.stderr


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--models", "nonsense"], "expected NAME=PROFILE"),
        (["--latency", "bogus"], "expected 'model' or a profile name"),
        (["--port", "eighty"], "invalid int value"),
        (["--max-body-bytes", "-1"], "--max-body-bytes: expected a positive whole number, not -1"),
        (["--context-window", "0"], "--context-window: expected a positive whole number, not 0"),
    ],
)
def test_a_bad_flag_is_one_line(argv: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        parser().parse_args(argv)
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert err.startswith("chat-completions-mock: ")
    assert err.count("\n") == 1
    assert said in err
