"""Benchmark: this SDK next to the official `openai` package and raw httpx, in one run.

    python -m bench                 # every figure, 5 interleaved rounds (a few minutes on 2 cores)
    python -m bench --quick         # tiny workload, 1 round: checks the benchmark runs end to end
    python -m bench --json PATH     # where to write the table as JSON (default bench/results/latest.json)

Each measurement runs in a fresh process (`bench/worker.py`) against a loopback server that
answers with fixed bytes (`bench/server.py`). The measure is client CPU time (`time.process_time`),
with wall time beside it; the table shows medians over the rounds and their ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONTENDERS = ("ours", "openai", "httpx")


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    repeat: int
    quick_repeat: int
    goals: tuple[tuple[str, float | None], ...]  # (other contender, highest acceptable ratio ours/other, if any)


FIGURES = (
    Figure("import", "import + construct a client", 1, 1, (("openai", 0.2), ("import httpx", 1.5))),
    Figure("cold", "import + client + first create (cold start)", 1, 1, (("openai", None), ("httpx", 1.25))),
    Figure("call", "one non-streaming create (per call)", 500, 20, (("httpx", 1.3), ("openai", 0.6))),
    # raw httpx here: the plain create plus pydantic's model_validate_json of the content (the floor)
    Figure("parse", "one parse() into a small pydantic model (per call)", 500, 20, (("httpx", 1.3), ("openai", 0.6))),
    Figure("large", "7.5 MB answer to typed models (per call)", 5, 1, (("openai", 0.5),)),
    # raw httpx here: iter_lines + json.loads, untyped dicts (the floor)
    Figure("stream", "10,000-chunk stream as typed chunks", 3, 1, (("openai", 0.5), ("httpx", 2.0))),
)


def start_server(quick: bool) -> tuple[subprocess.Popen[str], str]:
    args = ["--stream-chunks", "50", "--large-choices", "2"] if quick else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.server", *args], stdout=subprocess.PIPE, text=True, cwd=HERE.parent
    )
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    return proc, f"http://127.0.0.1:{port}/v1"


def run_worker(figure: str, contender: str, url: str, repeat: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.worker", figure, contender, url, "--repeat", str(repeat)],
        capture_output=True, text=True, check=True, cwd=HERE.parent, timeout=600,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def collect(url: str, rounds: int, quick: bool) -> dict[str, dict[str, list[dict[str, Any]]]]:
    samples: dict[str, dict[str, list[dict[str, Any]]]] = {f.name: {} for f in FIGURES}
    for r in range(rounds):
        for figure in FIGURES:
            contenders = list(CONTENDERS) + (["import httpx"] if figure.name == "import" else [])
            shift = r % len(contenders)  # rotate who goes first, round by round
            for contender in contenders[shift:] + contenders[:shift]:
                repeat = figure.quick_repeat if quick else figure.repeat
                sample = run_worker(figure.name, contender, url, repeat)
                samples[figure.name].setdefault(contender, []).append(sample)
        print(f"round {r + 1}/{rounds} done", file=sys.stderr, flush=True)
    return samples


def median(samples: list[dict[str, Any]], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def summarise(samples: dict[str, dict[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for figure in FIGURES:
        by = samples[figure.name]
        row: dict[str, Any] = {"label": figure.label, "cpu_ms": {}, "wall_ms": {}, "cpu_ms_range": {}, "ratios": {}}
        for contender, runs in by.items():
            row["cpu_ms"][contender] = 1000 * median(runs, "cpu")
            row["wall_ms"][contender] = 1000 * median(runs, "wall")
            row["cpu_ms_range"][contender] = [1000 * min(r["cpu"] for r in runs), 1000 * max(r["cpu"] for r in runs)]
        for other, goal in figure.goals:
            ratio = row["cpu_ms"]["ours"] / row["cpu_ms"][other]
            row["ratios"][other] = {"ratio": ratio, "goal": goal, "met": None if goal is None else ratio <= goal}
        table[figure.name] = row
    memory = {
        contender: {
            "rss_after_import_mb": median(samples["import"][contender], "rss_after_import_mb"),
            "peak_rss_large_mb": median(samples["large"][contender], "peak_rss_mb"),
        }
        for contender in CONTENDERS
    }
    return {"figures": table, "memory": memory}


def cpu_model() -> str:
    """The CPU's model name (Linux /proc/cpuinfo), else what `platform` knows."""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(load_before: float) -> dict[str, Any]:
    packages = {name: version(name) for name in ("chat-completions", "openai", "httpx", "attrs")}
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": cpu_model(),
        "cpus": os.cpu_count(),
        "packages": packages,
        # 1-minute load averages: well above 0 means something else ran meanwhile and the figures are noisier
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }


def render(result: dict[str, Any]) -> str:
    lines = (
        ["QUICK RUN: tiny workload (2 choices, 50 chunks), one round: a smoke test, not figures"]
        if result["quick"]
        else []
    )
    lines += [
        "client CPU per unit of work, median over rounds (wall time in brackets); ratio = ours / other, lower is better",
        f"{'figure':44} {'ours':>16} {'openai':>16} {'httpx':>16}  ratios (goal)",
    ]
    for row in result["figures"].values():
        cells = []
        for contender in CONTENDERS:
            cpu, wall = row["cpu_ms"][contender], row["wall_ms"][contender]
            cells.append(f"{cpu:7.2f} ({wall:6.2f})")
        ratios = ", ".join(
            f"{r['ratio']:.2f}x {other}"
            + ("" if r["goal"] is None else f" (<= {r['goal']}{'' if r['met'] else ' MISSED'})")
            for other, r in row["ratios"].items()
        )
        lines.append(f"{row['label']:44} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16}  {ratios}")
    if "import httpx" in result["figures"]["import"]["cpu_ms"]:
        lines.append(
            f"{'  reference: import httpx alone':44} {result['figures']['import']['cpu_ms']['import httpx']:7.2f} ms"
        )
    lines.append("")
    lines.append(f"{'memory (MB)':44} {'ours':>16} {'openai':>16} {'httpx':>16}")
    for key, label in (
        ("rss_after_import_mb", "RSS after import + client"),
        ("peak_rss_large_mb", "peak RSS parsing the 7.5 MB answer"),
    ):
        cells = [f"{result['memory'][c][key]:7.1f}" for c in CONTENDERS]
        lines.append(f"{label:44} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16}")
    m = result["machine"]
    lines.append("")
    lines.append(
        f"machine: {m['processor']}, {m['cpus']} CPUs, {m['platform']}, Python {m['python']}, "
        f"openai {m['packages']['openai']}, httpx {m['packages']['httpx']}; {result['rounds']} rounds; "
        f"load average {m['load_before']:.2f} before, {m['load_after']:.2f} after"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="tiny workload and one round (a smoke run)")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else args.rounds
    load_before = os.getloadavg()[0]
    server, url = start_server(args.quick)
    try:
        samples = collect(url, rounds, args.quick)
    finally:
        server.terminate()
        server.wait(timeout=10)
    result = {"machine": machine(load_before), "rounds": rounds, "quick": args.quick, **summarise(samples)}
    print(render(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
