"""aimock (npm `@copilotkit/aimock`), a fixture-driven mock of many LLM APIs, run with Node from a cache folder.

Its fixtures give it the best chance a canned server has: JSON for `response_format: json_object`, plain text for
everything else. Inbound keys are checked (`AIMOCK_API_KEYS`), so the auth promises apply.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ._base import Endpoint, Place, Server, ServerError, free_port, new_key, process, run_quietly, which

PACKAGE = "@copilotkit/aimock"
PIN = "1.43.0"
MODEL = "gpt-4o-mini"
TOOL_NAME = "compat_weather"  # the tool compat/sdk_reads.py offers; nothing else sends this name
FIXTURES = {
    "fixtures": [
        {
            "match": {"toolName": TOOL_NAME},
            "response": {"toolCalls": [{"name": TOOL_NAME, "arguments": '{"city": "Paris"}'}]},
        },
        {"match": {"responseFormat": "json_object"}, "response": {"content": '{"answer": "This is a test!"}'}},
        {"match": {}, "response": {"content": "This is a test!"}},
    ]
}


class AiMock(Server):
    key = "aimock"
    title = "aimock"
    setup = (
        "`llmock -f FIXTURES` with `AIMOCK_API_KEYS`; fixtures: a JSON object for `response_format: json_object`, "
        "a call of `compat_weather` when that tool is offered, `This is a test!` for anything else"
    )

    def _root(self, place: Place) -> Path:
        return place.cache / "aimock"

    def _package(self, place: Place) -> Path:
        return self._root(place) / "node_modules" / "@copilotkit" / "aimock"

    def install(self, place: Place) -> None:
        which("node")
        if self._installed(place) == PIN:
            return
        root = self._root(place)
        root.mkdir(parents=True, exist_ok=True)
        npm = which("npm")
        run_quietly([npm, "install", "--prefix", str(root), "--no-audit", "--no-fund", f"{PACKAGE}@{PIN}"])
        if self._installed(place) != PIN:
            raise ServerError(f"npm did not install {PACKAGE}@{PIN} under {root}")

    def _installed(self, place: Place) -> str | None:
        manifest = self._package(place) / "package.json"
        if not manifest.exists():
            return None
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])

    def version(self, place: Place) -> str:
        node = run_quietly([which("node"), "--version"]).strip()
        return f"{PACKAGE} {self._installed(place)} (Node {node})"

    @contextmanager
    def running(self, place: Place) -> Iterator[Endpoint]:
        folder = place.work / "aimock"
        (folder / "fixtures").mkdir(parents=True, exist_ok=True)
        (folder / "fixtures" / "compat.json").write_text(json.dumps(FIXTURES, indent=2), encoding="utf-8")
        key, port = new_key(), free_port()
        url = f"http://127.0.0.1:{port}"
        cli = self._package(place) / "dist" / "cli.js"
        with process(
            [
                which("node"),
                str(cli),
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
                "--fixtures",
                str(folder / "fixtures"),
            ],
            log=folder / "aimock.log",
            ready_url=f"{url}/health",
            env={"AIMOCK_API_KEYS": key},
            cwd=folder,
        ):
            yield Endpoint(f"{url}/v1", MODEL, "required", key)
