"""What every server of the matrix shares: where it is installed, how it runs, and how it is stopped."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import httpx

STARTUP_LIMIT = 180.0  # seconds; LiteLLM takes ~10 s to import, llama.cpp ~5 s to load its model
STOP_LIMIT = 15.0
INSTALL_LIMIT = 900.0  # seconds for one install step (npm, pip); a registry that cannot be reached must not hang a run


class ServerError(RuntimeError):
    """A server could not be installed or started; the message says why in one line."""


@dataclass(frozen=True)
class Endpoint:
    """A running server as the contract CLI needs it: where, which model, and how it authenticates."""

    base_url: str
    model: str
    auth: Literal["required", "none"]
    api_key: str = field(repr=False)


@dataclass(frozen=True)
class Place:
    """Where a run keeps things: `cache` survives between runs (installs), `work` is this run's (logs, configs)."""

    cache: Path
    work: Path


class Server:
    """One column of the matrix. Subclasses say how to install, version, start and reach one server."""

    key: str = ""  # short name: folder and `--servers` value
    title: str = ""  # column heading
    setup: str = ""  # one line: how it was configured for the run (shown under the table)
    # Fields that replace compat/sdk_reads.py's request body, per kind ("tool_call", ...): what this server needs.
    read_overrides: ClassVar[dict[str, dict[str, Any]]] = {}

    def install(self, place: Place) -> None:
        """Make the server runnable from `place.cache` (a no-op when it already is); may take minutes once."""

    def version(self, place: Place) -> str:
        """The version tested, as the server's package reports it."""
        raise NotImplementedError

    @contextmanager
    def running(self, place: Place) -> Iterator[Endpoint]:
        """Start the server on 127.0.0.1, wait until it answers, yield how to reach it, and stop it."""
        raise NotImplementedError
        yield  # pragma: no cover


def new_key() -> str:
    """A fresh bearer key for one run (LiteLLM refuses well-known ones)."""
    return "sk-compat-" + secrets.token_hex(16)


def free_port() -> int:
    """A TCP port nothing listens on right now, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_quietly(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = INSTALL_LIMIT,
) -> str:
    """Run an install step; its output is returned, and shown (its tail) only when it fails or hangs."""
    try:
        done = subprocess.run(  # noqa: S603 - commands are built from fixed parts and paths we own
            list(command),
            capture_output=True,
            text=True,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ServerError(f"{' '.join(command[:4])} ... did not finish within {timeout:.0f} s") from exc
    except OSError as exc:  # the program itself is missing or not executable
        raise ServerError(f"cannot run {command[0]}: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        tail = (done.stdout + done.stderr)[-2000:]
        raise ServerError(f"{' '.join(command[:4])} ... exited with {done.returncode}:\n{tail}")
    return done.stdout


def which(program: str) -> str:
    """The path of `program` on PATH, or a ServerError naming what is missing."""
    found = shutil.which(program)
    if found is None:
        raise ServerError(f"{program} is not on PATH")
    return found


@contextmanager
def process(
    command: Sequence[str],
    *,
    log: Path,
    ready_url: str,
    ready_status: frozenset[int] = frozenset({200}),
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `command` (output to `log`), wait until `ready_url` answers one of `ready_status`, and stop it after."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - commands are built from fixed parts and paths we own
            list(command),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            start_new_session=True,  # its own process group, so stopping it reaches its children too
        )
    try:
        _wait_ready(proc, log, ready_url, ready_status)
        yield proc
    finally:
        _stop(proc)


def _wait_ready(proc: subprocess.Popen[bytes], log: Path, url: str, statuses: frozenset[int]) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while True:
        if proc.poll() is not None:
            raise ServerError(f"exited with {proc.returncode} before answering; log {log}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerError(f"no answer from {url} within {STARTUP_LIMIT:.0f} s; log {log}:\n{_tail(log)}")
        try:
            if httpx.get(url, timeout=2).status_code in statuses:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, 15)  # the group we created with start_new_session: this server and its children only
    try:
        proc.wait(timeout=STOP_LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait(timeout=STOP_LIMIT)


def _tail(log: Path, size: int = 3000) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-size:]
    except OSError:
        return "(no log)"
