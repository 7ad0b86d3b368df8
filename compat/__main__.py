"""`python -m compat`: run the contract CLI against each server, one at a time, then render docs/compatibility.md.

Each server is installed into the cache folder (once), started on 127.0.0.1, checked by `chat-completions-contract`
with a fixed seed and request budget, and stopped before the next one starts. A server that cannot be installed or
started gets a column that says why; it does not stop the others. While a server runs, compat/sdk_reads.py also
checks that our SDK reads its answers as `openai` does (`sdk_reads.json`). `--sdk-only` starts each server for those
reads alone, keeping the last contract reports; `--render-only` rebuilds the page from the last reports without
starting anything.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from .render import load_runs, render
from .sdk_reads import write_reads
from .servers import SERVERS, Endpoint, Place, Server, ServerError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = Path(os.environ.get("COMPAT_CACHE") or Path.home() / ".cache" / "chat-completions-compat")
DEFAULT_SEED = 1
DEFAULT_MAX_REQUESTS = 600
CLI_TIMEOUT = 1500.0  # seconds for one server's contract run; the budget normally ends it far sooner


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        keys = _keys(args.servers)
    except ValueError as exc:
        print(f"compat: {exc}", file=sys.stderr)
        return 2
    reports: Path = args.reports or args.cache / "reports"
    if args.render_only and args.sdk_only:
        print("compat: --render-only and --sdk-only exclude each other", file=sys.stderr)
        return 2
    if args.sdk_only:
        for key in keys:
            _reads_only(SERVERS[key], Place(args.cache, reports / key))
    elif not args.render_only:
        for order, key in enumerate(keys):
            _check(SERVERS[key], order, Place(args.cache, reports / key), args.seed, args.max_requests)
    runs = load_runs(reports, keys)
    if not runs:
        print(f"compat: no reports under {reports}; run without --render-only first", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(runs), encoding="utf-8")
    print(f"compat: wrote {args.out} ({len(runs)} servers)")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m compat", description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default=",".join(SERVERS), help=f"comma-separated, of {', '.join(SERVERS)}")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "compatibility.md", help="the page to write")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="installs kept between runs ($COMPAT_CACHE)")
    parser.add_argument("--reports", type=Path, default=None, help="one folder per server (default: CACHE/reports)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the contract CLI's seed, the same for all")
    parser.add_argument("--max-requests", type=int, default=DEFAULT_MAX_REQUESTS, help="request budget per server")
    parser.add_argument("--render-only", action="store_true", help="render the last reports, start nothing")
    parser.add_argument(
        "--sdk-only", action="store_true", help="only the SDK reads (sdk_reads.json), keep the contract reports"
    )
    return parser


def _keys(servers: str) -> list[str]:
    keys = [key.strip() for key in servers.split(",") if key.strip()]
    unknown = [key for key in keys if key not in SERVERS]
    if unknown or not keys:
        raise ValueError(f"unknown server(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(SERVERS)}")
    return keys


def _check(server: Server, order: int, place: Place, seed: int, budget: int) -> None:
    """Install, start and check one server; what happened goes to place.work (server.json, report.json, logs)."""
    if place.work.exists():
        shutil.rmtree(place.work)
    place.work.mkdir(parents=True)
    meta: dict[str, object] = {
        "key": server.key,
        "title": server.title,
        "setup": server.setup,
        "order": order,
        "seed": seed,
        "max_requests": budget,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    began = time.monotonic()
    try:
        print(f"compat: {server.key}: installing into {place.cache}", flush=True)
        server.install(place)
        meta["version"] = server.version(place)
        print(f"compat: {server.key}: starting {meta['version']}", flush=True)
        with server.running(place) as endpoint:
            meta["exit_code"] = _contract(endpoint, place.work, seed, budget)
            _reads(server, endpoint, place.work)
    except ServerError as exc:
        meta["error"] = str(exc).splitlines()[0]
        print(f"compat: {server.key}: {exc}", file=sys.stderr, flush=True)
    meta["seconds"] = round(time.monotonic() - began, 1)
    (place.work / "server.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    print(f"compat: {server.key}: done in {meta['seconds']} s", flush=True)


def _reads_only(server: Server, place: Place) -> None:
    """Start one server just for the SDK reads; its logs go to a sub-folder, the contract's files stay as they are."""
    place.work.mkdir(parents=True, exist_ok=True)
    try:
        server.install(place)
        with server.running(Place(place.cache, place.work / "sdk-reads")) as endpoint:
            _reads(server, endpoint, place.work)
    except ServerError as exc:
        failed = {"format": 1, "error": str(exc).splitlines()[0]}
        (place.work / "sdk_reads.json").write_text(json.dumps(failed, indent=2), encoding="utf-8")
        print(f"compat: {server.key}: {exc}", file=sys.stderr, flush=True)


def _reads(server: Server, endpoint: Endpoint, work: Path) -> None:
    """Both SDKs read the server's four kinds of answer (compat/sdk_reads.py); the verdicts go to sdk_reads.json."""
    print(f"compat: {server.key}: reading its answers with openai and with ours", flush=True)
    result = write_reads(endpoint, work, server.read_overrides)
    verdicts = ", ".join(f"{r['kind']} {r['verdict']}" for r in result["reads"])
    print(f"compat: {server.key}: {verdicts}", flush=True)


def _contract(endpoint: Endpoint, work: Path, seed: int, budget: int) -> int:
    """Run the contract CLI against `endpoint`; its reports land in `work`. Exit 0 and 1 are verdicts; else an error."""
    command = [
        sys.executable, "-m", "chat_completions_contract",
        "--base-url", endpoint.base_url, "--model", endpoint.model, "--auth", endpoint.auth,
        "--seed", str(seed), "--max-requests", str(budget), "--report-dir", str(work),
    ]  # fmt: skip
    env = {**os.environ, "OPENAI_API_KEY": endpoint.api_key}
    with (work / "contract.log").open("wb") as log:
        try:
            done = subprocess.run(  # noqa: S603 - our own interpreter and module, arguments we built
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                timeout=CLI_TIMEOUT, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise ServerError(f"the contract CLI did not finish within {CLI_TIMEOUT:.0f} s") from exc
    if done.returncode not in (0, 1):
        tail = (work / "contract.log").read_text(encoding="utf-8", errors="replace")[-1500:]
        raise ServerError(f"the contract CLI exited with {done.returncode}: {tail.strip().splitlines()[-1:]}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
