"""The benchmark runs end to end: `python -m bench --quick` (tiny workload, one round) prints its table and writes
its JSON with every contender and figure. It checks that the tool works, never how fast anything is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the benchmark in subprocesses: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[2]
CONTENDERS = ("ours", "openai", "httpx")
FIGURES = ("import", "cold", "call", "parse", "large", "stream")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    pytest.importorskip("openai", reason="the benchmark compares against the official SDK (dev dependency group)")
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout, json.loads(out.read_text())


def test_the_table_has_every_figure_and_contender(quick_run: tuple[str, dict[str, object]]) -> None:
    table, _ = quick_run
    lines = table.splitlines()
    header = next(line for line in lines if line.startswith("figure"))
    assert header.split()[1:4] == list(CONTENDERS)
    for label in ("import + construct a client", "one non-streaming create", "answer to typed models", "stream as"):
        row = next((line for line in lines if label in line), None)
        assert row is not None, f"no row for {label!r} in:\n{table}"
        assert "x openai" in row  # a ratio against the official SDK on every figure
    assert "reference: import httpx alone" in table
    assert "RSS after import + client" in table
    assert "peak RSS parsing" in table
    assert any(line.startswith("machine: ") for line in lines)


def test_the_json_has_every_figure_contender_ratio_and_the_machine(quick_run: tuple[str, dict[str, object]]) -> None:
    _, result = quick_run
    assert result["quick"] is True
    assert result["rounds"] == 1
    figures = result["figures"]
    assert isinstance(figures, dict)
    assert set(figures) == set(FIGURES)
    for name in FIGURES:
        row = figures[name]
        assert set(CONTENDERS) <= set(row["cpu_ms"]) == set(row["wall_ms"])
        assert all(value > 0 for value in row["cpu_ms"].values())
        assert "openai" in row["ratios"]
        for ratio in row["ratios"].values():
            assert set(ratio) == {"ratio", "goal", "met"}
    assert "import httpx" in figures["import"]["ratios"]
    assert "httpx" in figures["call"]["ratios"]
    assert "httpx" in figures["cold"]["ratios"]  # the cold start and the stream next to raw httpx too
    assert "httpx" in figures["stream"]["ratios"]
    memory = result["memory"]
    assert isinstance(memory, dict)
    assert set(memory) == set(CONTENDERS)
    machine = result["machine"]
    assert isinstance(machine, dict)
    assert {"python", "platform", "processor", "cpus", "packages", "load_before", "load_after"} <= set(machine)
