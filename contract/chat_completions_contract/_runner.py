"""A whole run: pick the target (or start the bundled mock), probe capabilities, run probes and schemathesis,
and turn what was found into a `Report`."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import httpx

from ._fuzz import CASE_CHECKS, STATEFUL_CHECKS, guarded, load_schema, run_operations, run_stateful
from ._health import DEFAULT_RETRIES, DEFAULT_TIMEOUT
from ._probes import MODELS_NOT_LISTED, PROBES, Probe
from ._promises import GROUP_OF_SLUG, GROUPS, PROMISE_BY_ID, PROMISES, Promise
from ._report import GroupResult, PromiseReport, Report
from ._results import SERVER_ERROR, PromiseResult, Results
from ._target import BudgetSpent, ServerFailed, Target, is_loopback

BUNDLED_MOCK_KEY = "sk-contract-bundled-mock"
PLACEHOLDER_KEY = "sk-placeholder-for-loopback"
DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_SEED = 42
#: schemathesis examples per operation and mode on a loopback server when no budget says otherwise.
DEFAULT_EXAMPLES = 30
#: Statuses a server answers a route it does not have with.
NOT_SUPPORTED_STATUSES = frozenset({404, 405, 501})


class UsageError(Exception):
    """A problem with the options or the target that no run can fix: the CLI prints it in one line, exit 2."""


@dataclass
class Options:
    """What to check and how; see `chat-completions-contract --help`.

    `only` and `require` take group slugs (`auth`, `streaming`, ...) or promise ids; `None` means all.
    """

    base_url: str | None = None
    model: str = DEFAULT_MODEL
    max_requests: int | None = None
    auth: str = "required"
    only: tuple[str, ...] | None = None
    require: tuple[str, ...] | None = None
    seed: int = DEFAULT_SEED
    api_key_env: str = "OPENAI_API_KEY"
    examples: int | None = None
    stateful: bool = True
    record_to: str | None = None
    #: Check an Azure OpenAI endpoint: this `api-version` on every request ("v1": the v1 API), the key as `api-key`.
    azure_api_version: str | None = None
    retries: int = DEFAULT_RETRIES
    timeout: float = DEFAULT_TIMEOUT
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ), repr=False)


def _expand(names: tuple[str, ...] | None, what: str) -> frozenset[str]:
    """Group slugs and promise ids -> the promise ids they name."""
    if names is None:
        return frozenset(PROMISE_BY_ID)
    chosen: set[str] = set()
    for name in names:
        if name in GROUP_OF_SLUG:
            chosen |= {p.id for p in PROMISES if p.group == name}
        elif name in PROMISE_BY_ID:
            chosen.add(name)
        else:
            known = ", ".join(g.slug for g in GROUPS)
            raise UsageError(f"{what}: {name!r} is neither a group ({known}) nor a promise id")
    return frozenset(chosen)


def validate(options: Options) -> None:
    """Raise `UsageError` for options no run can use."""
    if options.auth not in ("required", "none"):
        raise UsageError(f"--auth must be 'required' or 'none', not {options.auth!r}")
    if options.max_requests is not None and options.max_requests < 1:
        raise UsageError("--max-requests must be at least 1")
    if options.retries < 0:
        raise UsageError("--retries must be 0 or more")
    if not options.timeout > 0:
        raise UsageError("--timeout must be more than 0 seconds")
    _expand(options.only, "--only")
    if options.azure_api_version is not None and not options.azure_api_version.strip():
        raise UsageError("--azure-api-version needs a version: the api-version to send (2024-10-21, ...) or v1")
    _expand(options.require, "--require")
    if options.record_to is not None and options.base_url is None:
        raise UsageError("--record-to records a server's traffic: it needs --base-url")
    if options.base_url is not None:
        if not options.base_url.startswith(("http://", "https://")):
            raise UsageError(f"--base-url must be an http(s) URL ending in /v1, not {options.base_url!r}")
        try:
            loopback = is_loopback(options.base_url)
        except ValueError as exc:  # urlsplit: an unclosed IPv6 bracket, say
            raise UsageError(f"--base-url is not a valid URL ({exc}): {options.base_url!r}") from None
        if not loopback:
            if options.max_requests is None:
                raise UsageError(
                    f"{options.base_url} is not a loopback address: pass --max-requests N to cap what this run may cost"
                )
            if options.auth == "required" and not options.env.get(options.api_key_env):
                raise UsageError(f"set {options.api_key_env} to test {options.base_url}")


@contextlib.contextmanager
def open_target(options: Options) -> Iterator[Target]:
    """The target: the bundled mock (started here, with a key it requires) or the server at `base_url`."""
    if options.base_url is None:
        from chat_completions_mock import MockServer

        with MockServer(api_keys=[BUNDLED_MOCK_KEY]) as server:
            yield Target(
                _azure_base_url(server.base_url, options),
                BUNDLED_MOCK_KEY,
                options.model,
                bundled=True,
                max_requests=options.max_requests,
                azure_api_version=options.azure_api_version,
                retries=options.retries,
                timeout=options.timeout,
            )
        return
    # Without a key, a placeholder, as clients send one even to servers that check none (`api_key="EMPTY"`).
    key = options.env.get(options.api_key_env) or PLACEHOLDER_KEY
    with contextlib.ExitStack() as stack:
        via = options.base_url
        if options.record_to is not None:  # through a recording mock in front of the server
            from ._recorded import recording

            via = stack.enter_context(recording(options.base_url, options.record_to))
        yield Target(
            via,
            key,
            options.model,
            auth_required=options.auth == "required",
            max_requests=options.max_requests,
            azure_api_version=options.azure_api_version,
            retries=options.retries,
            timeout=options.timeout,
            origin=options.base_url.rstrip("/") if via != options.base_url else "",
        )


def _azure_base_url(mock_url: str, options: Options) -> str:
    """The bundled mock's base URL in Azure's shape when an Azure check is asked for (a deployment named after
    the model, or the v1 API), so that the Azure shapes are checked offline too."""
    version = options.azure_api_version
    if version is None:
        return mock_url
    root = mock_url.removesuffix("/v1")
    return f"{root}/openai/v1" if version == "v1" else f"{root}/openai/deployments/{options.model}"


def _stored_supported(target: Target) -> tuple[bool, str]:
    """Whether the server has stored completions (`GET /chat/completions` is a route), and the note to show."""
    try:
        response = target.send("GET", "/chat/completions", params={"limit": 1}, where="capabilities")
    except ServerFailed as exc:
        if isinstance(exc.last_error, httpx.ConnectError) and len(exc.failures) == target.health.requests:
            error = exc.last_error
            raise UsageError(f"cannot reach {target.base_url}: {type(error).__name__}: {error}") from None
        return True, ""  # it answers, but failed this request: the stored probes will judge what they can
    if response.status_code in NOT_SUPPORTED_STATUSES:
        return False, f"GET /chat/completions answered {response.status_code}: stored completions are not supported"
    return True, ""


def _examples(options: Options, target: Target) -> int:
    if options.examples is not None:
        return options.examples
    if target.max_requests is None:
        return DEFAULT_EXAMPLES
    remaining = target.max_requests - target.sent
    return max(
        1, remaining // 30
    )  # six operations, two modes, ~15 unsupported-method cases, the stateful run (6 steps)


def run(options: Options) -> Report:
    """Check one server; raise `UsageError` for bad options or an unreachable server."""
    validate(options)
    selected = _expand(options.only, "--only")
    required = _expand(options.require, "--require") & selected if options.require is not None else selected
    results = Results()
    with open_target(options) as target:
        target.on_failure = results.server_failed
        supported, note = _stored_supported(target)
        if note:
            results.notes.append(note)
        for spec in PROBES:
            if not spec.promises & selected or (spec.needs_auth and not target.auth_required):
                continue
            if spec.needs_store and not supported:
                continue
            try:
                spec.run(Probe(spec.name, target, results, spec.promises & selected))
            except BudgetSpent as exc:
                results.notes.append(f"{spec.name}: {exc}; the rest is not run")
                break
            except ServerFailed as exc:  # a step got no real answer after its retries: the rest of the probe waits
                results.unjudged(sorted(spec.promises & selected), exc.reason, spec.name)
        schema = load_schema(options.seed)
        examples = _examples(options, target)
        fuzz_promises = set(CASE_CHECKS) | {"ignored_auth"}
        if selected & fuzz_promises and not (target.max_requests is not None and target.sent >= target.max_requests):
            stopped = guarded(
                lambda: run_operations(
                    target,
                    results,
                    schema,
                    seed=options.seed,
                    examples=examples,
                    with_stored=supported,
                    selected=selected,
                )
            )
            if stopped:
                results.notes.append(f"generated requests: {stopped}")
        if (
            options.stateful
            and supported
            and selected & set(STATEFUL_CHECKS)
            and not (target.max_requests is not None and target.sent >= target.max_requests)
        ):
            stopped = guarded(
                lambda: run_stateful(target, results, schema, seed=options.seed, examples=examples, selected=selected),
                "stateful walk over stored completions",
            )
            if stopped:
                results.notes.append(f"stateful: {stopped}")
        return _report(options, target, results, selected=selected, required=required, supported=supported)


def _promise_status(
    promise: Promise, tally: PromiseResult | None, *, selected: bool, auth: bool, stored: bool, models: bool = True
) -> str:
    """holds / broken / not supported / not applicable / not run / not selected."""
    if not selected:
        return "not selected"
    if promise.group == "auth" and not auth:
        return "not applicable"
    if (promise.group == "stored" and not stored) or (promise.group == "models" and not models):
        return "not supported"
    if tally is not None and tally.broken:
        return "broken"
    if tally is not None and tally.judged:
        return "holds"
    return "not judged" if tally is not None and tally.not_judged else "not run"


#: A group's status is the first of these its promises have.
GROUP_PRECEDENCE = ("not applicable", "not supported", "broken", "not judged", "holds", "not run")


def _not_run_reason(promise: Promise, budget_spent: bool) -> str:
    """Why a selected promise was never judged although the server answered."""
    if budget_spent:
        return "the request budget (--max-requests) was spent before a request for it was sent"
    if promise.id in STATEFUL_CHECKS:
        return "no walk of the stateful run read a completion after deleting it"
    return "no answer this run got was one it applies to"


def _reasons(status: str, promise: Promise, tally: PromiseResult | None, spent: bool) -> list[str]:
    if status == "not judged" and tally is not None:
        return list(tally.not_judged)
    if status == "not run":
        return [_not_run_reason(promise, spent)]
    return []


def _report(
    options: Options,
    target: Target,
    results: Results,
    *,
    selected: frozenset[str],
    required: frozenset[str],
    supported: bool,
) -> Report:
    promises = []
    models = not any(MODELS_NOT_LISTED in n for n in results.notes)
    spent = any("request budget of" in n for n in results.notes)
    for promise in PROMISES:
        tally = results.promises.get(promise.id)
        status = _promise_status(
            promise, tally, selected=promise.id in selected, auth=target.auth_required, stored=supported, models=models
        )
        promises.append(
            PromiseReport(
                promise,
                status,
                promise.id in required,
                tally.judged if tally else 0,
                tally.broken if tally else 0,
                [replace(d, detail=target.redact(d.detail)) for d in tally.deviations] if tally else [],
                [target.redact(r) for r in _reasons(status, promise, tally, spent)],
            )
        )
    groups = []
    for group in GROUPS:
        members = [p for p in promises if p.promise.group == group.slug and p.status != "not selected"]
        statuses = {p.status for p in members}
        status = next((s for s in GROUP_PRECEDENCE if s in statuses), "not selected")
        note = next((n for n in results.notes if group.slug == "stored" and "stored completions" in n), "")
        note = note or next((n for n in results.notes if group.slug == "models" and MODELS_NOT_LISTED in n), "")
        if status == "not applicable":
            note = "--auth none: the server is declared to take no key"
        groups.append(GroupResult(group, status, any(p.required for p in members), note))
    failing = [p for p in promises if p.required and p.status in ("broken", "not supported")]
    server_failures = results.promises[SERVER_ERROR].broken if SERVER_ERROR in results.promises else 0
    if options.require is None and server_failures and SERVER_ERROR not in selected:
        # `--only` left the server's failures out of the verdict, but nobody chose to accept them: they still fail it
        results.notes.append(
            f"the server failed {server_failures} request(s) (5xx, timeout or dropped connection): the run fails; "
            "--require the promises that must hold to accept server failures"
        )
        failing.append(next(p for p in promises if p.promise.id == SERVER_ERROR))
    if results.rate_limited:
        results.notes.append(
            f"the server rate-limited {len(results.rate_limited)} request(s) (429); each was sent again after the "
            "wait it asked for: a 429 breaks no promise"
        )
    return Report(
        base_url=target.origin or target.base_url,
        bundled_mock=target.bundled,
        model=target.model,
        auth="required" if target.auth_required else "none",
        seed=options.seed,
        max_requests=options.max_requests,
        requests_sent=target.sent,
        promises=promises,
        groups=groups,
        notes=[target.redact(n) for n in results.notes],
        passed=not failing,
        health=target.health.as_json(),
        retries=target.retries,
        timeout=target.timeout,
    )
