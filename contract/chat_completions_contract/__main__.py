"""`chat-completions-contract` / `python -m chat_completions_contract`: check a server, print the verdict, write reports.

Exit status: 0 when every required promise holds, 1 otherwise, 2 for a usage error (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._health import DEFAULT_RETRIES, DEFAULT_TIMEOUT
from ._promises import GROUPS
from ._report import Report
from ._runner import DEFAULT_MODEL, DEFAULT_SEED, Options, UsageError, run


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors in one line, exit 2 (argparse's default prints the whole usage first)."""
        self.exit(2, f"chat-completions-contract: {message}\n")


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def parser() -> argparse.ArgumentParser:
    """The command line (documented in docs/contract.md)."""
    groups = ", ".join(g.slug for g in GROUPS)
    p = _Parser(
        prog="chat-completions-contract",
        description="Check an OpenAI-compatible Chat Completions server against named promises.",
        epilog=f"Groups: {groups}. Without --base-url the bundled mock is started and checked.",
    )
    p.add_argument("--base-url", help="the server's base URL, ending in /v1 (default: start the bundled mock)")
    p.add_argument("--model", default=DEFAULT_MODEL, help=f"model every request names (default: {DEFAULT_MODEL})")
    p.add_argument("--max-requests", type=int, help="the most requests this run may send (required off loopback)")
    p.add_argument(
        "--auth",
        choices=("required", "none"),
        default="required",
        help="'none': the server takes no key; auth promises are not applicable",
    )
    p.add_argument("--only", type=_names, help="check only these groups or promise ids (comma-separated)")
    p.add_argument(
        "--require", type=_names, help="groups or promise ids that must hold for exit 0 (default: all checked)"
    )
    p.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed of the generated requests (default: {DEFAULT_SEED})"
    )
    p.add_argument("--report-dir", type=Path, help="write report.json, report.md and junit.xml here")
    p.add_argument(
        "--api-key-env", default="OPENAI_API_KEY", help="environment variable holding the key (default: OPENAI_API_KEY)"
    )
    p.add_argument(
        "--azure-api-version",
        metavar="VERSION",
        help="check an Azure OpenAI endpoint: send api-version=VERSION with every request ('v1': Azure's v1 API,"
        " none) and the key in the api-key header; --base-url is the deployment's"
        " (https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT) or the v1 API's (.../openai/v1)",
    )
    p.add_argument(
        "--examples",
        type=int,
        help="schemathesis examples per operation and mode (default: 30, or a share of --max-requests)",
    )
    recorded = p.add_argument_group("recordings (docs/contract.md)")
    recorded.add_argument(
        "--cassettes", type=Path, metavar="DIR", help="judge the VCR.py cassettes under DIR instead of a server"
    )
    recorded.add_argument(
        "--against-spec",
        nargs="?",
        const="",
        metavar="SPEC",
        help="with --cassettes: list the recordings a spec (default: the project's) rejects and those that conform",
    )
    recorded.add_argument(
        "--spec-before", metavar="SPEC", help="with --against-spec: the spec before, to list what changed"
    )
    recorded.add_argument("--record-to", metavar="DIR", help="with --base-url: keep this run's traffic as a cassette")
    p.add_argument(
        "--retries",
        type=int,
        default=DEFAULT_RETRIES,
        help="times a request is sent again after a 5xx, 429, timeout or dropped connection, honouring Retry-After "
        f"(default: {DEFAULT_RETRIES})",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds to wait for an answer before counting the request as timed out (default: {DEFAULT_TIMEOUT:g})",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = parser().parse_args(argv)
    early = _recordings_first(args)
    if early is not None:
        return early
    options = Options(
        base_url=args.base_url,
        model=args.model,
        max_requests=args.max_requests,
        auth=args.auth,
        only=args.only,
        require=args.require,
        seed=args.seed,
        api_key_env=args.api_key_env,
        examples=args.examples,
        record_to=args.record_to,
        azure_api_version=args.azure_api_version,
        retries=args.retries,
        timeout=args.timeout,
    )
    if args.report_dir is not None:
        try:
            args.report_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(
                f"chat-completions-contract: cannot create --report-dir {args.report_dir}: {exc.strerror}",
                file=sys.stderr,
            )
            return 2
    try:
        report = run(options) if args.cassettes is None else _judge_cassettes(args.cassettes, options)
    except UsageError as exc:
        print(f"chat-completions-contract: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("chat-completions-contract: interrupted", file=sys.stderr)
        return 130
    for line in report.summary_lines():
        print(line)
    if args.report_dir is not None:
        try:
            paths = report.write(args.report_dir)
        except OSError as exc:
            print(
                f"chat-completions-contract: cannot write reports to {args.report_dir}: {exc.strerror}", file=sys.stderr
            )
            return 2
        print(f"reports: {', '.join(str(p) for p in paths)}")
    return report.exit_code


def _recordings_first(args: argparse.Namespace) -> int | None:
    """The exit status when the recording options settle the run (a conflict: 2; --against-spec: its own)."""
    conflict = _recorded_conflict(args)
    if conflict:
        print(f"chat-completions-contract: {conflict}", file=sys.stderr)
        return 2
    if args.cassettes is not None and args.against_spec is not None:
        return _against_spec(args)
    return None


def _recorded_conflict(args: argparse.Namespace) -> str | None:
    """The options about recordings that do not go together, in one line (None when they do)."""
    if args.cassettes is None and (args.against_spec is not None or args.spec_before is not None):
        return "--against-spec and --spec-before judge recordings: they need --cassettes DIR"
    if args.spec_before is not None and args.against_spec is None:
        return "--spec-before compares with --against-spec: pass both"
    if args.cassettes is not None and (args.base_url is not None or args.record_to is not None):
        return "--cassettes judges recordings without a server: it takes no --base-url or --record-to"
    return None


def _judge_cassettes(directory: Path, options: Options) -> Report:
    from ._recorded import judge_cassettes

    return judge_cassettes(directory, options)


def _against_spec(args: argparse.Namespace) -> int:
    from ._recorded import against_spec

    try:
        drift = against_spec(args.cassettes, args.against_spec or None, args.spec_before)
    except UsageError as exc:
        print(f"chat-completions-contract: {exc}", file=sys.stderr)
        return 2
    for line in drift.lines():
        print(line)
    return drift.exit_code


if __name__ == "__main__":
    sys.exit(main())
