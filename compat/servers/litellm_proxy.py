"""LiteLLM's proxy (`litellm[proxy]`, in the dev group), offline: its mock mode answers without calling a provider.

`mock_response` makes LiteLLM build every completion and stream with its own code; the upstream `api_base` is the
closed discard port on loopback, so nothing can leave the machine even if mock mode were bypassed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any, ClassVar

from ._base import Endpoint, Place, Server, ServerError, free_port, new_key, process

MODEL = "gpt-4o-mini"
ANSWER = "This is a test!"
CLOSED_PORT_API_BASE = "http://127.0.0.1:9/v1"
TOOLS_MODEL = "compat-tools"  # answers a tool call, for compat/sdk_reads.py (mock mode cannot stream one)
TOOL_CALLS = [
    {"id": "call_1", "type": "function", "function": {"name": "compat_weather", "arguments": '{"city": "Paris"}'}}
]


class LiteLLMProxy(Server):
    key = "litellm"
    title = "LiteLLM proxy"
    setup = (
        f"`litellm --config` with one model `{MODEL}` answering `mock_response: {ANSWER!r}`, a master key, "
        "and `compat-tools` answering `mock_tool_calls` (for the SDK reads), no database, retries off"
    )
    read_overrides: ClassVar[dict[str, dict[str, Any]]] = {
        "tool_call": {"model": TOOLS_MODEL},
        "streamed_tool_call": {"model": TOOLS_MODEL},
    }

    def install(self, place: Place) -> None:
        try:
            version("litellm")
            import fastapi  # noqa: F401 - the proxy extra
        except (PackageNotFoundError, ImportError) as exc:
            raise ServerError("LiteLLM's proxy is not installed: pip install 'litellm[proxy]' (dev group)") from exc

    def version(self, place: Place) -> str:
        return f"litellm {version('litellm')}"

    @contextmanager
    def running(self, place: Place) -> Iterator[Endpoint]:
        folder = place.work / "litellm"
        folder.mkdir(parents=True, exist_ok=True)
        config = {
            "model_list": [
                {
                    "model_name": MODEL,
                    "litellm_params": {
                        "model": f"openai/{MODEL}",
                        "api_key": "sk-upstream-never-called",
                        "api_base": CLOSED_PORT_API_BASE,
                        "mock_response": ANSWER,
                    },
                },
                {
                    "model_name": TOOLS_MODEL,
                    "litellm_params": {
                        "model": f"openai/{TOOLS_MODEL}",
                        "api_key": "sk-upstream-never-called",
                        "api_base": CLOSED_PORT_API_BASE,
                        "mock_response": "",
                        "mock_tool_calls": TOOL_CALLS,
                    },
                },
            ],
            "litellm_settings": {"num_retries": 0},
            "router_settings": {"num_retries": 0},
            "general_settings": {"master_key": "os.environ/LITELLM_MASTER_KEY"},
        }
        path = folder / "litellm.yaml"
        path.write_text(json.dumps(config, indent=2), encoding="utf-8")  # JSON is YAML
        key, port = new_key(), free_port()
        url = f"http://127.0.0.1:{port}"
        env = {
            "LITELLM_MASTER_KEY": key,
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # else it fetches its model-cost map from the internet
            "NO_COLOR": "1",
        }
        command = [sys.executable, "-m", "litellm.proxy.proxy_cli", "--config", str(path)]
        with process(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            log=folder / "litellm.log",
            ready_url=f"{url}/health/liveliness",
            env=env,
            cwd=folder,
        ):
            yield Endpoint(f"{url}/v1", MODEL, "required", key)
