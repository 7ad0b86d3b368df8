"""`regen.py --fetch` and `--upstream URL` against a local HTTP server (127.0.0.1 only, never the internet).

A changed upstream is served; regen vendors it, updates the lock, regenerates and prints the change
report. Any failure (HTTP status, not YAML, not OpenAPI, network, a spec the pipeline refuses) is one
line, exit code 2, and nothing is written.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

SHA = "0123456789abcdef0123456789abcdef01234567"


class Server:
    """A loopback HTTP server answering each path from `routes` (path -> (status, body)); 404 otherwise."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.requests: list[str] = []
        routes, requests = self.routes, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                status, body = routes.get(self.path, (404, b"404: Not Found"))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


@pytest.fixture
def tree(regen: Any, fetch_module: Any, server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point regen at copies of everything it writes, and OpenAI's GitHub hosts at the local server."""
    (tmp_path / "upstream").mkdir()
    for name in ("openapi.yaml", "lock.json"):
        shutil.copy(regen.DEFAULT_UPSTREAM.parent / name, tmp_path / "upstream" / name)
    shutil.copy(regen.SPEC, tmp_path / "chat-completions.yaml")
    shutil.copytree(regen.GENERATED, tmp_path / "chat_completions_api", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(regen, "ROOT", tmp_path)
    monkeypatch.setattr(regen, "pinned_tools", lambda: {})  # pyproject.toml is not copied
    monkeypatch.setattr(regen, "DEFAULT_UPSTREAM", tmp_path / "upstream" / "openapi.yaml")
    monkeypatch.setattr(regen, "LOCK", tmp_path / "upstream" / "lock.json")
    monkeypatch.setattr(regen, "SPEC", tmp_path / "chat-completions.yaml")
    monkeypatch.setattr(regen, "GENERATED", tmp_path / "chat_completions_api")
    monkeypatch.setattr(fetch_module, "GITHUB_RAW", server.url)
    monkeypatch.setattr(fetch_module, "GITHUB_API", server.url)
    return tmp_path


@pytest.fixture(scope="session")
def fetch_module() -> Any:
    import importlib

    return importlib.import_module("fetch")


@pytest.fixture(scope="session")
def small_upstream(upstream: dict[str, Any], trim_module: Any) -> dict[str, Any]:
    """The vendored upstream cut to the chat paths: a valid upstream, and quick to serve and parse."""
    return trim_module.trim(upstream)  # type: ignore[no-any-return]


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def encoded(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()  # JSON is YAML


@pytest.mark.slow  # runs the whole generator
def test_fetch_resolves_the_commit_vendors_regenerates_and_reports(
    regen: Any, tree: Path, server: Server, small_upstream: dict[str, Any], capsys: Any
) -> None:
    changed = copy.deepcopy(small_upstream)
    schemas = changed["components"]["schemas"]
    schemas["CreateChatCompletionResponse"]["properties"].pop("system_fingerprint")
    schemas["CreateChatCompletionResponse"]["properties"]["created"]["type"] = "number"  # recordings still valid
    schemas["CreateChatCompletionRequest"]["allOf"][1]["properties"]["verbosity_level"] = {"type": "integer"}
    schemas["CreateChatCompletionResponse"]["properties"]["choices"]["items"]["properties"]["finish_reason"][
        "enum"
    ].append("paused")
    body = encoded(changed)
    commit = {"sha": SHA, "commit": {"committer": {"date": "2026-09-01T10:00:00Z"}}}
    server.routes["/repos/openai/openai-openapi/commits/main"] = (200, json.dumps(commit).encode())
    server.routes[f"/openai/openai-openapi/{SHA}/openapi.yaml"] = (200, body)
    report = tree / "report.md"

    assert regen.main(["--fetch", "--report", str(report), "--fail-on-breaking"]) == regen.EXIT_BREAKING

    out = capsys.readouterr().out
    assert f"wrote upstream/openapi.yaml ({SHA}) and upstream/lock.json" in out
    assert "wrote chat-completions.yaml" in out
    lines = [" ".join(line.split()) for line in out.splitlines()]  # the report aligns its columns
    start = lines.index("4 API changes (2 breaking, 2 additive):")
    assert lines[start + 1 : start + 5] == [
        "breaking CreateChatCompletionResponse.created type integer -> number",
        "breaking CreateChatCompletionResponse.system_fingerprint response field removed",
        "additive CreateChatCompletionRequest.verbosity_level new optional request field",
        "additive CreateChatCompletionResponse.choices[].finish_reason enum value 'paused' added (readers may now see it)",
    ]
    assert "breaking API changes found (--fail-on-breaking): exit 3" in out
    assert (tree / "upstream" / "openapi.yaml").read_bytes() == body
    lock = json.loads((tree / "upstream" / "lock.json").read_text())
    assert lock["repository"] == "openai/openai-openapi"
    assert lock["ref"] == "main"
    assert (lock["commit"], lock["commit_date"]) == (SHA, "2026-09-01T10:00:00Z")
    assert lock["sha256"] == hashlib.sha256(body).hexdigest()
    assert lock["url"] == f"{server.url}/openai/openai-openapi/{SHA}/openapi.yaml"
    model = (tree / "chat_completions_api" / "models" / "create_chat_completion_response.py").read_text()
    assert "system_fingerprint" not in model
    assert (
        "verbosity_level"
        in (tree / "chat_completions_api" / "models" / "create_chat_completion_request.py").read_text()
    )
    markdown = report.read_text()
    assert "| **breaking** | `CreateChatCompletionResponse.system_fingerprint` | response field removed |" in markdown

    # The fetched state is now the committed one: the drift check agrees, and a second fetch changes nothing.
    assert regen.main(["--check"]) == 0
    capsys.readouterr()
    lock_before = (tree / "upstream" / "lock.json").read_bytes()
    assert regen.main(["--fetch", "--fail-on-breaking"]) == 0
    out = capsys.readouterr().out
    assert "the fetched spec is the vendored one" in out
    assert (tree / "upstream" / "lock.json").read_bytes() == lock_before, "no new lock for the same spec"
    assert "API change" not in out
    assert "wrote chat-completions.yaml" not in out


def test_fetch_from_a_mirror_records_the_url_and_passes_an_additive_change(
    regen: Any, tree: Path, server: Server, small_upstream: dict[str, Any], capsys: Any
) -> None:
    changed = copy.deepcopy(small_upstream)
    changed["components"]["schemas"]["CompletionUsage"]["properties"]["audio_seconds"] = {"type": "number"}
    for param in changed["paths"]["/chat/completions"]["get"]["parameters"]:  # upstream fixes one defect
        if param.get("name") == "metadata":
            param.update(
                style="deepObject", explode=True, schema={"type": "object", "additionalProperties": {"type": "string"}}
            )
    server.routes["/mirror/openapi.yaml"] = (200, encoded(changed))
    report = tree / "report.md"

    url = f"{server.url}/mirror/openapi.yaml"
    assert regen.main(["--fetch", "--from", url, "--fail-on-breaking", "--report", str(report)]) == 0

    out = capsys.readouterr().out
    note = "metadata_filter_as_deep_object: the metadata filter is a deepObject upstream: nothing to fix"
    assert f"regen: {note}" in out
    assert f"- `metadata_filter_as_deep_object`:{note.split(':', 1)[1]}" in report.read_text()
    assert "wrote upstream/openapi.yaml (commit unknown)" in out
    assert (
        "1 API change (0 breaking, 1 additive):\n  additive  CompletionUsage.audio_seconds  new response field" in out
    )
    lock = json.loads((tree / "upstream" / "lock.json").read_text())
    assert lock["url"] == f"{server.url}/mirror/openapi.yaml"
    assert lock["commit"] is None
    assert lock["repository"] is None
    assert server.requests == ["/mirror/openapi.yaml"], "a mirror is not looked up on GitHub's API"


def test_fetch_records_the_ref_when_the_api_cannot_resolve_it(
    regen: Any, tree: Path, server: Server, small_upstream: dict[str, Any], capsys: Any
) -> None:
    server.routes["/repos/openai/openai-openapi/commits/v2"] = (403, b'{"message": "API rate limit exceeded"}')
    server.routes["/openai/openai-openapi/v2/openapi.yaml"] = (200, encoded(small_upstream))

    assert regen.main(["--fetch", "--ref", "v2"]) == 0

    lock = json.loads((tree / "upstream" / "lock.json").read_text())
    assert (lock["ref"], lock["commit"], lock["commit_date"]) == ("v2", None, None)
    assert "API change" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (404, b"404: Not Found", "answered HTTP 404, expected 200 with the spec"),
        (200, b"openapi: 3.1.0\npaths: {\n  - broken", "is not YAML: while parsing a flow node (line 3)"),
        (200, b"<html><body>Sign in</body></html>\n", "is not an OpenAPI 3.x document"),
        (200, b'{"swagger": "2.0", "paths": {}}', "is not an OpenAPI 3.x document"),
        (
            200,
            b'{"openapi": "3.1.0", "info": {}, "paths": {}, "components": {}}',
            "trim: expected the chat-completions",
        ),
    ],
    ids=["404", "not-yaml", "html", "swagger-2", "no-chat-paths"],
)
def test_a_failed_fetch_is_one_line_and_writes_nothing(  # noqa: PLR0917 - fixtures and parameters
    regen: Any, tree: Path, server: Server, capsys: Any, status: int, body: bytes, expected: str
) -> None:
    server.routes["/m/openapi.yaml"] = (status, body)
    before = snapshot(tree)
    assert regen.main(["--fetch", "--from", f"{server.url}/m/openapi.yaml"]) == regen.EXIT_PROBLEM
    out, err = capsys.readouterr()
    assert expected in err, err
    assert err.startswith("regen: ")
    assert err.count("\n") == 1, err
    assert "Traceback" not in out + err
    assert snapshot(tree) == before


def test_an_oversized_answer_is_refused_without_reading_it_all(  # noqa: PLR0917 - fixtures
    regen: Any, fetch_module: Any, tree: Path, server: Server, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 1000)
    server.routes["/m/openapi.yaml"] = (200, b"openapi: 3.1.0\n" + b"#" * 5000)
    before = snapshot(tree)
    assert regen.main(["--fetch", "--from", f"{server.url}/m/openapi.yaml"]) == regen.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert "sent more than 1000 bytes" in err
    assert err.count("\n") == 1
    assert snapshot(tree) == before


def test_a_network_failure_is_one_line_and_writes_nothing(regen: Any, tree: Path, capsys: Any) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    before = snapshot(tree)
    assert regen.main(["--fetch", "--from", f"http://127.0.0.1:{port}/openapi.yaml"]) == regen.EXIT_PROBLEM
    err = capsys.readouterr().err
    assert err.startswith(f"regen: fetch: could not download http://127.0.0.1:{port}/openapi.yaml: Connect")
    assert err.count("\n") == 1
    assert snapshot(tree) == before


def test_upstream_accepts_a_url(
    regen: Any, tree: Path, server: Server, small_upstream: dict[str, Any], capsys: Any
) -> None:
    server.routes["/copy/openapi.yaml"] = (200, encoded(small_upstream))
    assert regen.main(["--check", "--upstream", f"{server.url}/copy/openapi.yaml"]) == 0
    assert capsys.readouterr().out == "regen: up to date\n"


def test_fetch_options_need_fetch(regen: Any, capsys: Any) -> None:
    with pytest.raises(SystemExit):
        regen.main(["--ref", "v2"])
    with pytest.raises(SystemExit):
        regen.main(["--fetch", "--check"])
    with pytest.raises(SystemExit):
        regen.main(["--fetch", "--from", "ftp://example.invalid/x"])
    assert "--ref and --from only go with --fetch" in capsys.readouterr().err
