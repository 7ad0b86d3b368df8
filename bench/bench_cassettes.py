"""What recording and replaying cost, as ratios in one run (not timed assertions).

    python bench/bench_cassettes.py [--requests 400] [--rounds 3] [--upstream-delay 0.05] [--json]

Recording: per-request latency (one keep-alive connection, sequential plain requests) straight to an upstream, and
through a recording mock in front of it (`--record-to`, every exchange written). The upstream is the mock answering
after `--upstream-delay` seconds (`slow_first_byte`), a stand-in for a real API's answer time: a fast real answer
takes a few hundred ms, so 50 ms is a strict setting. Goal: recording adds at most 10 % to the latency.

Replay: requests per second of the mock replaying a cassette (`--replay`, one plain and one streamed exchange) next to
the mock generating its own answers, sequential and concurrent, plain and streamed. Goal: at least 80 %.

Every server runs in its own process under the same uvicorn settings; the client is bench_mock.py's minimal
keep-alive HTTP/1.1 client. Rounds alternate the contenders; the median is kept.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_mock import SEED, measure, server

RECORDING_GOAL = 0.10
REPLAY_GOAL = 0.80


def _rate(target: tuple[str, int, int], total: int, concurrency: int, stream: bool) -> float:
    host, port, pid = target
    rate, _ = asyncio.run(measure(host, port, pid, total=total, concurrency=concurrency, stream=stream))
    return rate


def _record_seed(url: str, folder: Path) -> None:
    """One plain and one streamed exchange of the seed request, recorded through a recording mock."""
    import httpx
    from chat_completions_mock import MockServer

    with MockServer(record_to=folder, upstream=url, upstream_key_env="") as recorder:
        for body in (SEED, {**SEED, "stream": True}):
            httpx.post(f"{recorder.base_url}/chat/completions", json=body, headers={"Authorization": "Bearer bench"})


def recording(args: argparse.Namespace, folder: Path) -> dict[str, float]:
    """Latency straight to the upstream and through a recorder, and the overhead ratio."""
    delay = f"slow_first_byte={args.upstream_delay}"
    with server("mock", "--fault", delay) as upstream:
        url = f"http://{upstream[0]}:{upstream[1]}/v1"
        with server("mock", "--record-to", str(folder / "recorded"), "--upstream", url) as recorder:
            samples: dict[str, list[float]] = {"direct_ms": [], "recording_ms": []}
            total = max(10, int(args.requests * args.upstream_delay / 2))  # about a second or two per sample
            for _ in range(args.rounds):
                samples["direct_ms"].append(1000 / _rate(upstream, total, 1, False))
                samples["recording_ms"].append(1000 / _rate(recorder, total, 1, False))
    direct, through = statistics.median(samples["direct_ms"]), statistics.median(samples["recording_ms"])
    return {"direct_ms": direct, "recording_ms": through, "added": through / direct - 1}


def replay(args: argparse.Namespace, folder: Path) -> dict[str, dict[str, float]]:
    """Requests per second of the replaying mock next to the generating mock, per workload."""
    with server("mock") as upstream:
        _record_seed(f"http://{upstream[0]}:{upstream[1]}/v1", folder / "seed")
    workloads = [("sequential plain", 1, False), ("sequential stream", 1, True)]
    workloads += [("concurrent plain", args.concurrency, False), ("concurrent stream", args.concurrency, True)]
    results: dict[str, dict[str, float]] = {}
    with server("mock") as mock, server("mock", "--replay", str(folder / "seed")) as replaying:
        for name, concurrency, stream in workloads:
            rates: dict[str, list[float]] = {"mock": [], "replay": []}
            for _ in range(args.rounds):
                rates["mock"].append(_rate(mock, args.requests, concurrency, stream))
                rates["replay"].append(_rate(replaying, args.requests, concurrency, stream))
            mock_rate, replay_rate = statistics.median(rates["mock"]), statistics.median(rates["replay"])
            results[name] = {"mock": mock_rate, "replay": replay_rate, "ratio": replay_rate / mock_rate}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per replay measurement (default 400)")
    parser.add_argument("--concurrency", type=int, default=16, help="connections of the concurrent runs (16)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; median kept (3)")
    parser.add_argument("--upstream-delay", type=float, default=0.05, help="the upstream's answer time, s (0.05)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {"recording": recording(args, folder), "replay": replay(args, folder)}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rec = results["recording"]
    verdict = "ok" if rec["added"] <= RECORDING_GOAL else "over"
    added_ms = rec["recording_ms"] - rec["direct_ms"]
    print(
        f"recording: {rec['direct_ms']:.1f} ms direct, {rec['recording_ms']:.1f} ms through the recorder"
        f" ({added_ms:+.1f} ms a request)"
    )
    print(f"  added latency {rec['added']:+.1%} (goal: at most +{RECORDING_GOAL:.0%}): {verdict}")
    print(f"{'replay workload':<20}{'mock req/s':>12}{'replay req/s':>14}{'replay/mock':>13}")
    for name, f in results["replay"].items():
        mark = "" if f["ratio"] >= REPLAY_GOAL else f"  (under the {REPLAY_GOAL:.0%} goal)"
        print(f"{name:<20}{f['mock']:>12.0f}{f['replay']:>14.0f}{f['ratio']:>12.0%}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
