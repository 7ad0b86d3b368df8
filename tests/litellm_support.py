"""LiteLLM's proxy started offline on a loopback port, for the tests that use it as a server nobody here wrote."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from loopback import free_port

STARTUP_LIMIT = 90.0  # seconds; LiteLLM's proxy takes ~8 s to import and start on this machine


@contextmanager
def running_litellm(config: Path, folder: Path, **env: str) -> Iterator[tuple[str, str]]:
    """Start the proxy on `config` (its master key from `LITELLM_MASTER_KEY`), yield (base URL …/v1, key), stop it."""
    key = "sk-" + secrets.token_hex(24)  # LiteLLM refuses to start with a well-known master key
    port = free_port()
    environ = {
        **os.environ,
        "LITELLM_MASTER_KEY": key,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # else it fetches the model-cost map from the internet at import
        "NO_COLOR": "1",
        **env,
    }
    log_path = folder / "litellm.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "litellm.proxy.proxy_cli", "--config", str(config),
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environ, cwd=folder,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_LIMIT
        while True:
            if process.poll() is not None:
                pytest.fail(f"LiteLLM exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"LiteLLM did not answer within {STARTUP_LIMIT:.0f} s:\n{log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{url}/health/liveliness", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield f"{url}/v1", key
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
