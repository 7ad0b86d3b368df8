"""`python -m chat_completions_mock`: serve the mock in the foreground until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

import uvicorn

from ._app import DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_BODY_BYTES, create_app
from ._faults import parse_fault
from ._matchers import DEFAULT_IGNORED_FIELDS
from ._models import PROFILE_BY_NAME, parse_model_aliases
from ._pacing import check_latency
from ._server import bind, url_of, uvicorn_config
from ._tape import RECORD_MODES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors in one line, exit 2 (argparse's default prints the whole usage first)."""
        self.exit(2, f"chat-completions-mock: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value}")
    return value


def _fault(text: str) -> str:
    try:
        parse_fault(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _alias(text: str) -> str:
    try:
        parse_model_aliases([text])
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _latency(text: str) -> str:
    try:
        check_latency(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def parser() -> argparse.ArgumentParser:
    """The command line of the mock."""
    p = _Parser(
        prog="chat-completions-mock",
        description="A deterministic mock of OpenAI's Chat Completions API (routes under /v1 and at the root).",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on; 0 picks a free one (default: 8080)")
    p.add_argument(
        "--permissive",
        action="store_true",
        help="schema checks only (no cross-field rules); unknown completion ids get synthesized objects",
    )
    p.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY",
        help="accept only this Bearer key (repeatable); default: any non-empty key",
    )
    p.add_argument("--store", metavar="PATH", help="keep stored completions in this SQLite file across restarts")
    p.add_argument(
        "--fault",
        action="append",
        default=[],
        type=_fault,
        metavar="SPEC",
        help="a server-wide fault in x-mock-fault syntax, e.g. 'status=503;every=3' (repeatable)",
    )
    p.add_argument(
        "--max-body-bytes",
        type=_positive,
        default=DEFAULT_MAX_BODY_BYTES,
        help=f"larger request bodies get 413 (default: {DEFAULT_MAX_BODY_BYTES})",
    )
    p.add_argument(
        "--context-window",
        type=_positive,
        default=None,
        help=f"longer prompts get context_length_exceeded (default: the model's own, {DEFAULT_CONTEXT_WINDOW:,} tokens"
        " for gpt-4o-mini)",
    )
    p.add_argument(
        "--models",
        action="append",
        default=[],
        type=_alias,
        metavar="NAME=PROFILE",
        help="also serve NAME (comma-separated names) as model profile PROFILE, e.g. 'my-deployment=gpt-4o-mini'"
        " (repeatable)",
    )
    p.add_argument(
        "--any-model",
        action="store_true",
        help="serve any model name (as gpt-4o-mini) instead of 404 model_not_found",
    )
    p.add_argument(
        "--latency",
        type=_latency,
        metavar="PROFILE",
        help="pace streams like a model: 'model' (each its own profile's pace) or a profile name"
        f" ({', '.join(PROFILE_BY_NAME)}); default: no pacing",
    )
    p.add_argument("--latency-seed", type=int, default=0, help="seed of the pacing jitter (default: 0)")
    tape = p.add_argument_group("record and replay (docs/mock.md)")
    tape.add_argument("--replay", metavar="DIR", help="answer from the VCR.py cassettes under DIR")
    tape.add_argument("--record-to", metavar="DIR", help="forward to --upstream and record each exchange under DIR")
    tape.add_argument(
        "--upstream", metavar="URL", help="the real server to record from, e.g. https://api.openai.com/v1"
    )
    tape.add_argument(
        "--record-mode",
        choices=RECORD_MODES,
        help="none: replay only; once: record when the cassette is missing; new_episodes: record what does not"
        " match; all: record everything (default: none with --replay, all with --record-to, new_episodes with both)",
    )
    tape.add_argument(
        "--replay-timing",
        choices=("recorded", "none"),
        default="none",
        help="replay streams at their recorded pace, or at once (default)",
    )
    tape.add_argument(
        "--replay-fallback",
        choices=("error", "generate"),
        default="error",
        help="an unmatched request gets a 400 naming the closest recording (default), or the mock's own answer",
    )
    tape.add_argument(
        "--match-ignore",
        type=lambda text: tuple(n.strip() for n in text.split(",") if n.strip()),
        default=DEFAULT_IGNORED_FIELDS,
        metavar="FIELDS",
        help=f"body fields matching ignores, comma-separated (default: {','.join(DEFAULT_IGNORED_FIELDS)})",
    )
    tape.add_argument(
        "--scrub", action="append", default=[], metavar="HEADER", help="another header never recorded (repeatable)"
    )
    tape.add_argument(
        "--upstream-key-env",
        default="OPENAI_API_KEY",
        help="environment variable with the upstream's key (default: OPENAI_API_KEY; else the caller's)",
    )
    tape.add_argument(
        "--cassette-name",
        default="chat-completions",
        help="file recorded to: DIR/NAME.yaml (default: chat-completions)",
    )
    p.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--access-log", action="store_true", help="log every request")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the mock until SIGINT/SIGTERM; exit status 0 after a clean stop."""
    args = parser().parse_args(argv)
    try:
        app = create_app(
            permissive=args.permissive,
            api_keys=args.api_key,
            store_path=args.store,
            faults=args.fault,
            max_body_bytes=args.max_body_bytes,
            context_window=args.context_window,
            models=args.models,
            any_model=args.any_model,
            latency=args.latency,
            latency_seed=args.latency_seed,
            replay=args.replay,
            record_to=args.record_to,
            upstream=args.upstream,
            record_mode=args.record_mode,
            replay_timing=args.replay_timing,
            replay_fallback=args.replay_fallback,
            match_ignore=args.match_ignore,
            scrub=args.scrub,
            upstream_key_env=args.upstream_key_env,
            cassette_name=args.cassette_name,
        )
        if args.upstream and (app.tape is None or app.tape.mode == "none"):
            raise ValueError("--upstream is only used to record: add --record-to DIR (or a --record-mode that records)")
        sock = bind(args.host, args.port)
    except (OSError, ValueError) as exc:
        print(f"chat-completions-mock: {exc}", file=sys.stderr)
        return 2
    # uvicorn stops gracefully on these signals, then re-raises them: make that second delivery a no-op.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    print(f"Chat Completions mock listening on {url_of(sock)}", flush=True)
    if app.tape is not None:
        print(app.tape.describe(), flush=True)
    server = uvicorn.Server(uvicorn_config(app, log_level=args.log_level, access_log=args.access_log))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
