"""schemathesis's part: generated valid and invalid requests for every operation, and the stateful run over links.

Each case is judged by each built-in check on its own (so a failure is attributed to one promise) and by
this suite's checks. Nothing is raised into Hypothesis — failures are recorded, not thrown — so a run never
shrinks or replays an example (which is what ended earlier runs in `FlakyStrategyDefinition`: a replayed
stateful example met a server whose state had moved on, so the strategies drew differently).
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import hypothesis
import hypothesis.errors
import requests
import schemathesis
from chat_completions_mock.facts import CHUNK_MEDIA_TYPE
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
    use_after_free,
)

from ._checks import judge_answer
from ._health import describe, failed_status
from ._results import Results
from ._shaping import shape_create, trim_metadata
from ._spec import spec_path
from ._target import BudgetSpent, Exchange, ServerFailed, Target

#: What a request that got no answer raises out of schemathesis's transport (its stream reader raises TimeoutError).
NO_ANSWER = (requests.RequestException, OSError)

CheckFunction = Callable[..., Any]
#: The built-in checks every case gets, by promise id.
CASE_CHECKS: dict[str, CheckFunction] = {
    "not_a_server_error": not_a_server_error,
    "status_code_conformance": status_code_conformance,
    "content_type_conformance": content_type_conformance,
    "response_schema_conformance": response_schema_conformance,
    "negative_data_rejection": negative_data_rejection,
    "positive_data_acceptance": positive_data_acceptance,
    "unsupported_method": unsupported_method,
}
AUTH_CHECK = ("ignored_auth", ignored_auth)
#: Checks only the stateful run can make (they look back at earlier steps).
STATEFUL_CHECKS: dict[str, CheckFunction] = {
    "use_after_free": use_after_free,
}
STORED_OPERATIONS = frozenset(
    {
        "listChatCompletions",
        "getChatCompletion",
        "updateChatCompletion",
        "deleteChatCompletion",
        "getChatCompletionMessages",
    }
)
#: Requests of one operation the server may fail (each after its retries) before the stateful walks stop.
MAX_FAILED_STEPS = 5


class ServerGaveUp(Exception):
    """The server failed so many steps in a row that walking on would only spend requests."""


#: Successful cases per operation that `ignored_auth` re-sends without (and with a wrong) key: 2 requests each.
AUTH_PROBES_PER_OPERATION = 2


@schemathesis.deserializer(CHUNK_MEDIA_TYPE)
def _chunk_or_done(ctx: Any, response: Any) -> Any:
    """The `data` of each stream event is one JSON chunk, or the literal [DONE] (which has no schema)."""
    text = response.content.decode("utf-8")
    if text == "[DONE]":
        raise NotImplementedError("[DONE] carries no chunk")  # schemathesis then skips this event's schema
    return json.loads(text)


def load_schema(seed: int) -> Any:
    """The trimmed spec as schemathesis sees it, set up for reproducible runs against real servers."""
    schema = schemathesis.openapi.from_path(spec_path())
    schema.config.seed = seed
    schema.config.max_stream_events = 2_000  # the default (20) stops reading a stream before [DONE]
    # Servers ignore query parameters they do not know (so does OpenAI): an extra one is no invalid request.
    schema.config.generation.update(allow_extra_parameters=False, no_shrink=True)
    return schema


def _leaves(error: BaseException) -> Iterator[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            yield from _leaves(inner)
    else:
        yield error


def _failure_line(failure: BaseException) -> str:
    title = str(getattr(failure, "title", "") or type(failure).__name__)
    message = str(getattr(failure, "message", "") or failure)
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    return f"{title}: {first}"[:300] if first and first not in title else title[:300]


def _operation_id(case: Any) -> str:
    return str(case.operation.definition.raw.get("operationId", case.operation.label))


def _is_negative(case: Any) -> bool:
    return case.meta is not None and case.meta.generation.mode.is_negative


def _negative_lost_on_the_wire(case: Any) -> bool:
    """A case made invalid in a `style: deepObject` query parameter (`metadata`), and nowhere but in query and
    headers: on the wire such values often read as a valid object again (an array `[false]` goes out as
    `metadata[]=false`, the object `{"": "false"}`), so a 2xx proves nothing (schemathesis's own exemptions miss
    this style). Likewise a list given for a scalar query parameter."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_negative:
        return False
    negative = {
        str(getattr(location, "value", location)).lower()
        for location, c in meta.components.items()
        if c.mode.is_negative
    }
    if "query" not in negative or not negative <= {"query", "header"}:  # optional string headers rarely stay invalid
        return False
    query = [p for p in _resolved_parameters(case) if p.get("in") == "query"]
    deep = {p.get("name") for p in query if p.get("style") == "deepObject"}
    sent = [str(key) for key in case.query or {}]  # deepObject values arrive serialised: `metadata[key]`
    if any(key == name or key.startswith(f"{name}[") for name in deep if name for key in sent):
        return True
    # A list given for a scalar parameter goes out form-exploded (`limit=[7]` as `limit=7`): valid again on the wire.
    scalar = {p.get("name") for p in query if (p.get("schema") or {}).get("type") != "array"}
    return any(isinstance(value, list) for key, value in (case.query or {}).items() if key in scalar)


def _resolved_parameters(case: Any) -> list[dict[str, Any]]:
    """The operation's parameters with `$ref`s into `components/parameters` resolved."""
    components = case.operation.schema.raw_schema.get("components", {}).get("parameters", {})
    resolved = []
    for declared in case.operation.definition.raw.get("parameters", []):
        ref = declared.get("$ref", "") if isinstance(declared, dict) else ""
        parameter = (
            components.get(ref.rsplit("/", 1)[1], {}) if ref.startswith("#/components/parameters/") else declared
        )
        if isinstance(parameter, dict):
            resolved.append(parameter)
    return resolved


def _exchange(target: Target, case: Any, response: Any) -> Exchange:
    body = case.body if isinstance(case.body, dict | list | str | int | float | bool) else None
    sent = getattr(response, "request", None)
    wire_headers = getattr(sent, "headers", None)
    headers = (
        {k: str(v) for k, v in wire_headers.items()}  # what went out, not what was generated
        if wire_headers is not None
        else {**target.headers, **{k: str(v) for k, v in (case.headers or {}).items()}}
    )
    response_headers = {
        k: v[0] if isinstance(v, list) else v for k, v in (response.headers if response is not None else {}).items()
    }
    return target.evidence(
        str((getattr(response, "request", None) and response.request.method) or case.method),
        case.formatted_path,
        query=urlencode(case.query or {}, doseq=True),
        headers=headers,
        body=body,
        status=response.status_code if response is not None else None,
        response_headers=response_headers,
        response_text=response.text if response is not None else "",
    )


def _sent_exchange(target: Target, response: requests.Response) -> Exchange:
    """Evidence from a raw requests answer (what schemathesis's checks send themselves)."""
    sent = response.request
    url = urlsplit(str(sent.url))
    base_path = urlsplit(target.base_url).path
    body: Any = sent.body.decode("utf-8", "replace") if isinstance(sent.body, bytes) else sent.body
    if isinstance(body, str):
        with contextlib.suppress(ValueError):
            body = json.loads(body)
    return target.evidence(
        str(sent.method),
        url.path.removeprefix(base_path) or "/",
        query=url.query,
        headers={str(k): str(v) for k, v in sent.headers.items()},
        body=body,
        status=response.status_code,
        response_headers=dict(response.headers),
        response_text=response.text,
    )


class CaseJudge:
    """Judges one sent case: each built-in check alone, then the suite's checks on the answer."""

    def __init__(self, target: Target, results: Results, checks: dict[str, CheckFunction], where: str) -> None:
        self.target, self.results, self.checks, self.where = target, results, checks, where
        self.auth_probes: dict[str, int] = {}
        self.observed: list[requests.Response] = []
        self.auth = True
        #: Cases sent per operation: no try got a real answer / one did.
        self.failed: Counter[str] = Counter()
        self.answered: Counter[str] = Counter()

    def shape(self, case: Any, *, store: bool = False) -> None:
        """Make a valid create request answerable (and cheap); invalid cases go out exactly as generated."""
        if _is_negative(case) or not isinstance(case.body, dict) or case.method.upper() != "POST":
            return
        if case.operation.path == "/chat/completions":
            body = {**case.body, "store": True, "stream": False} if store else case.body
            model = None if self.target.bundled else self.target.model
            case.body = shape_create(body, model=model, loopback=self.target.loopback)
        elif "metadata" in case.body:  # update: the API's limits on metadata keys and values
            case.body = {**case.body, "metadata": trim_metadata(case.body["metadata"])}

    def transport_kwargs(self) -> dict[str, Any]:
        """What every request schemathesis sends for this run carries: the timeout, a hook counting its answer, and the
        target's own query (Azure's `api-version`)."""
        kwargs: dict[str, Any] = {"timeout": self.target.timeout, "hooks": {"response": [self.observe]}}
        if self.target.query:  # Azure's api-version
            kwargs["params"] = self.target.query
        return kwargs

    def observe(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        """requests' response hook: count the answer in the run's health, keep it for `ignored_auth`'s evidence."""
        self.target.health.answered(response.status_code, response.elapsed.total_seconds(), response.headers)
        self.observed.append(response)

    def call(self, case: Any, send: Callable[[], Any] | None = None) -> Any:
        """Send `case` (retried on a server failure); None when no try got a real answer: its checks are not judged."""

        def attempt() -> Any:
            self.target.spend()
            if send is not None:
                return send()
            return case.call(base_url=self.target.base_url, headers=self.target.headers, **self.transport_kwargs())

        where = f"{self.where} {case.operation.label}"
        try:
            response = self.target.retrying(
                attempt,
                lambda response: (response.status_code, response.headers, response.text),
                lambda response: _exchange(self.target, case, response),
                NO_ANSWER,
                where,
            )
        except ServerFailed as exc:
            self.results.unjudged(self.checks, exc.reason, where)
            self.failed[case.operation.label] += 1
            return None
        self.answered[case.operation.label] += 1
        return response

    def given_up(self) -> str | None:
        """An operation whose requests the server failed `MAX_FAILED_STEPS` times (each after its retries), if any."""
        return next((op for op, n in self.failed.items() if n >= MAX_FAILED_STEPS), None)

    def _check(
        self, name: str, func: CheckFunction, case: Any, response: Any, *, where: str, exchange: Exchange, validate: Any
    ) -> None:
        """One built-in check alone on one answer (so a failure is attributed to it)."""
        self.observed = []
        try:
            case.validate_response(response, checks=[func], headers=self.target.headers, **validate)
        except (AssertionError, FailureGroup) as error:
            if name == AUTH_CHECK[0] and self._auth_probe_failed(where):
                return
            for failure in _leaves(error):
                self.results.broke(name, _failure_line(failure), where, self._own_exchange(exchange))
        except NO_ANSWER as lost:  # a request ignored_auth re-sent got no answer
            unanswered = describe(None, lost, self.target.timeout)
            self.target.health.unanswered(unanswered)
            self.results.server_failed(unanswered, where, None)
            self.results.unjudged([name], f"the server failed 1 time: {unanswered}", where)
        else:
            self.results.held(name)

    def _auth_probe_failed(self, where: str) -> bool:
        """Whether a request `ignored_auth` re-sent got a 5xx or 429: the server failing, not ignoring auth."""
        failed = [r for r in self.observed if failed_status(r.status_code)]
        for response in failed:
            self.results.server_failed(
                describe(response.status_code, None, self.target.timeout, response.headers, response.text),
                where,
                _sent_exchange(self.target, response),
            )
        if failed:
            self.results.unjudged(
                [AUTH_CHECK[0]], f"the server failed {len(failed)} time(s) on its re-sent request", where
            )
        return bool(failed)

    def _own_exchange(self, exchange: Exchange) -> Exchange:
        """The evidence of a check's failure: the last request the check itself sent (ignored_auth's), else the case's."""
        return _sent_exchange(self.target, self.observed[-1]) if self.observed else exchange

    def judge(self, case: Any, response: Any, **validate: Any) -> None:
        exchange = _exchange(self.target, case, response)
        where = f"{self.where} {case.operation.label}"
        checks = dict(self.checks)
        if (
            self.auth
            and self.target.auth_required
            and 200 <= response.status_code < 300
            and self.auth_probes.get(case.operation.label, 0) < AUTH_PROBES_PER_OPERATION
        ):
            try:
                self.target.spend(2)
            except BudgetSpent:
                pass
            else:
                self.auth_probes[case.operation.label] = self.auth_probes.get(case.operation.label, 0) + 1
                checks[AUTH_CHECK[0]] = AUTH_CHECK[1]
        if _negative_lost_on_the_wire(case):
            checks.pop("negative_data_rejection", None)
        if not validate.get("transport_kwargs"):
            validate["transport_kwargs"] = self.transport_kwargs()
        for name, func in checks.items():
            self._check(name, func, case, response, where=where, exchange=exchange, validate=validate)
        headers = {k.lower(): v[0] if isinstance(v, list) else v for k, v in response.headers.items()}
        if getattr(response, "stream_cut_short", False):  # read only up to max_stream_events: no whole answer to judge
            return
        if case.operation.path.startswith("/chat/completions") and response.request.method == case.method.upper():
            outcomes = judge_answer(_operation_id(case), case.body, response.status_code, headers, response.text)
            self.results.record(outcomes, where, exchange)


def _settings(examples: int, **extra: Any) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        report_multiple_bugs=False,
        **extra,
    )


def _checks_for(selected: frozenset[str] | None, available: dict[str, CheckFunction]) -> dict[str, CheckFunction]:
    return {name: func for name, func in available.items() if selected is None or name in selected}


def run_operations(
    target: Target,
    results: Results,
    schema: Any,
    *,
    seed: int,
    examples: int,
    with_stored: bool,
    selected: frozenset[str] | None = None,
) -> None:
    """Generated valid and invalid requests for each operation, then schemathesis's unsupported-method cases.

    Only what `selected` needs is sent: with none of the case checks selected (`--only auth`: `ignored_auth` alone),
    a few valid requests per operation, enough for `ignored_auth` to re-send without and with a wrong key.
    """
    checks = _checks_for(selected, CASE_CHECKS)
    judge = CaseJudge(target, results, checks, "fuzz")
    judge.auth = selected is None or AUTH_CHECK[0] in selected
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if checks else (GenerationMode.POSITIVE,)
    if not checks:
        examples = min(examples, AUTH_PROBES_PER_OPERATION + 1)
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [
        op for op in operations if with_stored or op.definition.raw.get("operationId") not in STORED_OPERATIONS
    ]
    for operation in operations:
        for mode in modes:

            def one(case: Any) -> None:
                judge.shape(case)
                response = judge.call(case)
                if response is not None:
                    judge.judge(case, response)

            test = hypothesis.given(case=operation.as_strategy(generation_mode=mode))(one)
            test = _settings(examples)(test)
            test = hypothesis.seed(seed)(test)
            test()
    if not checks:
        return
    for operation in operations:  # unsupported methods: schemathesis's coverage phase makes these cases
        config = schema.config.generation_for(operation=operation)
        for case in schema.iter_coverage_cases(
            operation, generation_modes=[GenerationMode.NEGATIVE], generation_config=config
        ):
            scenario = str(getattr(case.meta.phase.data, "scenario", "")).lower()
            if "unspecified_http_method" not in scenario or case.method.upper() in ("OPTIONS", "TRACE", "QUERY"):
                continue
            response = judge.call(case)
            if response is not None:
                judge.judge(case, response)


def run_stateful(
    target: Target,
    results: Results,
    schema: Any,
    *,
    seed: int,
    examples: int,
    steps: int = 6,
    selected: frozenset[str] | None = None,
) -> None:
    """schemathesis's state machine over the spec's links, every valid create stored and not streamed.

    A step whose request gets no real answer after its retries ends its walk unjudged (Hypothesis discards the
    walk instead of replaying it against a server whose state has moved on); the next walk starts afresh."""
    checks = _checks_for(selected, {**CASE_CHECKS, **STATEFUL_CHECKS})
    judge = CaseJudge(target, results, checks, "stateful")
    judge.auth = selected is None or AUTH_CHECK[0] in selected

    class StoredCompletions(schema.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            judge.shape(case, store=True)

        def call(self, case: Any, **kwargs: Any) -> Any:
            dead = judge.given_up()
            if dead:  # raised again on Hypothesis's replay: a steady failure, not a flaky one
                raise ServerGaveUp(
                    f"walks stopped: the server failed {MAX_FAILED_STEPS} requests of {dead}, each after its retries"
                )
            parent = super().call
            response = judge.call(case, lambda: parent(case, **kwargs))
            hypothesis.assume(response is not None)
            return response

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": target.base_url, "headers": target.headers, **judge.transport_kwargs()}

        def validate_response(self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any) -> None:
            judge.judge(case, response, transport_kwargs=kwargs or None, recorder=self.recorder)

    machine = hypothesis.seed(seed)(StoredCompletions)
    machine.run(settings=_settings(examples, stateful_step_count=steps))


#: What a part of the run that stopped early says, in words for whoever runs the server (never the engine's own).
ENGINE_STOPPED = (
    "the {part} stopped early: the server's answers changed between two runs of the same generated requests "
    "(it failed some of them), so the generator could not repeat them; what it judged before stands"
)


def guarded(run: Callable[[], None], part: str = "generated requests") -> str | None:
    """Run one part; return why it stopped early (budget spent, the server's answers varied), else None."""
    try:
        run()
    except (BudgetSpent, ServerGaveUp) as exc:
        return str(exc)
    except NO_ANSWER:  # never expected: every request is retried and its failure recorded
        return f"the {part} stopped early: the server stopped answering"
    except (hypothesis.errors.HypothesisException, AssertionError):  # never expected: nothing raises into Hypothesis
        return ENGINE_STOPPED.format(part=part)
    except Exception:  # never expected either; the promises it judged stand, and the engine's words stay out
        return f"the {part} stopped early on an error of the request generator; what it judged before stands"
    return None
