"""compat's runner (`python -m compat`): a server that cannot start gets a column saying why, the others still run,
and bad options are one line and exit 2. No real server is started here."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import compat.__main__ as runner
from compat.servers import Endpoint, Place, Server, ServerError
from compat.servers._base import free_port, process


class Uninstallable(Server):
    key, title, setup = "broken", "Broken server", "cannot be installed"

    def install(self, place: Place) -> None:
        raise ServerError("npm install exited with 1\nnpm ERR! lots of detail")


class Dies(Server):
    key, title, setup = "dies", "Dies at start", "exits at once"

    def version(self, place: Place) -> str:
        return "dies 0.0.1"

    @contextmanager
    def running(self, place: Place) -> Iterator[Endpoint]:
        port = free_port()
        with process([sys.executable, "-c", "raise SystemExit(3)"], log=place.work / "dies.log",
                     ready_url=f"http://127.0.0.1:{port}/"):  # fmt: skip
            yield Endpoint(f"http://127.0.0.1:{port}/v1", "m", "none", "")


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "SERVERS", {"broken": Uninstallable(), "dies": Dies()})


@pytest.mark.usefixtures("servers")
def test_servers_that_fail_get_a_column_that_says_why(tmp_path: Path) -> None:
    out = tmp_path / "compatibility.md"
    code = runner.main(["--servers", "broken,dies", "--cache", str(tmp_path / "cache"), "--out", str(out)])
    assert code == 0
    broken = json.loads((tmp_path / "cache" / "reports" / "broken" / "server.json").read_text())
    assert broken["error"] == "npm install exited with 1"  # the first line only
    dies = json.loads((tmp_path / "cache" / "reports" / "dies" / "server.json").read_text())
    assert dies["version"] == "dies 0.0.1"
    assert dies["error"].startswith("exited with 3 before answering")
    page = out.read_text()
    assert "| Broken server |  | cannot be installed |  | did not run: npm install exited with 1 |" in page
    assert "| Dies at start | dies 0.0.1 | exits at once |  | did not run: exited with 3 before answering" in page


@pytest.mark.usefixtures("servers")
def test_render_only_rebuilds_the_page_from_the_last_runs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    runner.main(["--servers", "broken", "--cache", str(cache), "--out", str(tmp_path / "first.md")])
    code = runner.main(
        ["--servers", "broken", "--cache", str(cache), "--out", str(tmp_path / "again.md"), "--render-only"]
    )
    assert code == 0
    assert (tmp_path / "again.md").read_text() == (tmp_path / "first.md").read_text()


@pytest.mark.usefixtures("servers")
def test_render_only_without_runs_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = runner.main(["--cache", str(tmp_path), "--out", str(tmp_path / "x.md"), "--render-only"])
    assert code == 1
    assert "no reports under" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()


@pytest.mark.usefixtures("servers")
def test_an_unknown_server_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = runner.main(["--servers", "broken,vllm", "--cache", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert err == "compat: unknown server(s) vllm; choose from broken, dies\n"


def test_every_registered_server_has_a_column_title_and_setup() -> None:
    from compat.servers import SERVERS

    assert list(SERVERS) == ["mock", "litellm", "llama-cpp", "aimock"]
    for server in SERVERS.values():
        assert server.title
        assert server.setup


def test_a_server_process_is_stopped_with_its_children(tmp_path: Path) -> None:
    """The group kill reaches a child the server started (npm and uvicorn workers do that)."""
    port = free_port()
    child_pid = tmp_path / "child.pid"
    script = (
        "import http.server, subprocess, sys, pathlib\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"pathlib.Path({str(child_pid)!r}).write_text(str(child.pid))\n"
        f"http.server.HTTPServer(('127.0.0.1', {port}), http.server.SimpleHTTPRequestHandler).serve_forever()\n"
    )
    with process([sys.executable, "-c", script], log=tmp_path / "s.log", ready_url=f"http://127.0.0.1:{port}/",
                 cwd=tmp_path) as proc:  # fmt: skip
        pid = int(child_pid.read_text())
    assert proc.poll() is not None
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    import os
    import time

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # a killed child stays a zombie until its parent (gone) is reaped by init; /proc tells the state
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return False
        except OSError:
            return False
        time.sleep(0.1)
    return True


def test_an_install_step_that_hangs_is_stopped_and_named(tmp_path: Path) -> None:
    """npm without the machine's CA bundle retries for ever; the run must go on to the next server."""
    from compat.servers._base import run_quietly

    with pytest.raises(ServerError, match=r"did not finish within 1 s"):
        run_quietly([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1)


def test_a_missing_program_is_a_server_error_not_a_traceback(tmp_path: Path) -> None:
    from compat.servers._base import run_quietly

    with pytest.raises(ServerError, match=r"cannot run .*/no-such-python"):
        run_quietly([str(tmp_path / "no-such-python"), "-c", "pass"])
