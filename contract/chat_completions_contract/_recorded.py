"""Judging recordings: the per-answer promises on VCR.py cassettes, without a server; drift against a new spec;
and recording a live run's own traffic (through a recording mock) for later.

`judge_cassettes(directory)` reads every cassette under `directory` (any VCR.py cassette of `/chat/completions`
traffic, whoever recorded it), judges each recorded answer as a live run judges an answer (schema, completion
semantics, tools, structured output, logprobs, streaming, headers) and returns the same `Report`, marked as
judged from recordings. `against_spec(directory, spec)` validates every recorded answer against a spec and sorts
the recordings into those it rejects and those that conform (and, given the spec before, what changed).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import socket
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from chat_completions_mock import CassetteError, Interaction, load_directory
from chat_completions_mock._spec import Spec, compiled_spec, pointer, resolve

from ._checks import BrokenPromise, Outcome, judge_answer, parse_sse
from ._report import Report
from ._results import Results
from ._runner import Options, UsageError, _expand, _report
from ._target import Target

__all__ = ["RecordedReport", "against_spec", "judge_cassettes", "judge_recording", "operation_of", "recording"]

yaml: Any = importlib.import_module("yaml")

#: The evidence of each verdict names the recording it was judged from: `recording <file>#<index>`.
JUDGED_FROM = "recordings"


#: The operation of a /chat/completions request whose method the spec does not list (a 405 is promised).
UNSUPPORTED = "unsupportedMethod"


def operation_of(method: str, path: str) -> str | None:
    """The operation a recorded request is (`createChatCompletion`..., `UNSUPPORTED` for a method the path does
    not have), or None when it is not a /chat/completions request."""
    at = path.find("/chat/completions")
    if at < 0:
        return None
    parts = [p for p in path[at + len("/chat/completions") :].split("/") if p]
    method = method.upper()
    if not parts:
        return {"POST": "createChatCompletion", "GET": "listChatCompletions"}.get(method, UNSUPPORTED)
    if len(parts) == 1:
        by_method = {"GET": "getChatCompletion", "POST": "updateChatCompletion", "DELETE": "deleteChatCompletion"}
        return by_method.get(method, UNSUPPORTED)
    if len(parts) == 2 and parts[1] == "messages":
        return "getChatCompletionMessages" if method == "GET" else UNSUPPORTED
    return None


@dataclass
class Recording:
    """One recorded exchange and the operation it is."""

    interaction: Interaction
    operation_id: str

    @property
    def headers(self) -> dict[str, str]:
        """The answer's headers, names lower-cased (the last value of each)."""
        return {name.lower(): value for name, value in self.interaction.response_headers}

    @property
    def text(self) -> str:
        """The answer's body as text."""
        return self.interaction.response_body.decode("utf-8", "replace")


def load_recordings(directory: str | Path) -> list[Recording]:
    """Every recorded `/chat/completions` exchange under `directory`; `UsageError` (one line) for bad input."""
    return recordings_and_others(directory)[0]


def recordings_and_others(directory: str | Path) -> tuple[list[Recording], list[str]]:
    """The recorded `/chat/completions` exchanges under `directory`, and the other requests recorded beside them
    (`GET /v1/models`: this tool's own `--record-to` and apps record those too), which are left out; `UsageError`
    (one line) for bad input or when no `/chat/completions` exchange is left."""
    try:
        interactions = load_directory(directory)
    except CassetteError as exc:
        raise UsageError(str(exc)) from None
    if not interactions:
        raise UsageError(f"{directory}: no cassette interactions found (*.yaml, *.yml)")
    recordings, others = [], []
    for item in interactions:
        operation_id = operation_of(item.method, item.path)
        if operation_id is None:
            others.append(f"{item.source}: {item.method} {item.path}")
        else:
            recordings.append(Recording(item, operation_id))
    if not recordings:
        rest = f" (nor are the other {len(others) - 1})" if len(others) > 1 else ""
        raise UsageError(f"{others[0]} is not a /chat/completions interaction{rest}: nothing to judge")
    return recordings, others


class SpecJudge:
    """Validates recorded answers against one spec's response schemas (each stream chunk against its chunk's)."""

    def __init__(self, spec: Spec, name: str = "the spec") -> None:
        self.spec = spec
        self.name = name

    def _validator(self, ref: str) -> Any:
        """The spec's compiled validator at `ref`; `UsageError` (one line) for a schema that does not compile."""
        try:
            return self.spec.validator(ref)
        except ValueError as exc:  # jsonschema-rs: a dangling $ref, an invalid keyword value
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UsageError(
                f"{self.name}: not a usable spec: the schema at {ref} does not compile ({first})"
            ) from None

    @classmethod
    def from_path(cls, path: str | Path) -> SpecJudge:
        """A judge for the spec file at `path`; `UsageError` when it is no spec."""
        try:
            with Path(path).open("rb") as handle:
                document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except OSError as exc:
            raise UsageError(f"{path}: cannot read ({exc.strerror})") from None
        except yaml.YAMLError as exc:  # worded as the cassette loader words it: the line and the problem
            mark = getattr(exc, "problem_mark", None)
            at = f" (line {mark.line + 1})" if mark is not None else ""
            raise UsageError(f"{path}: not YAML{at}: {getattr(exc, 'problem', None) or type(exc).__name__}") from None
        try:
            return cls(Spec(document), str(path))
        except KeyError as exc:
            raise UsageError(f"{path}: not a usable spec (no {exc} in it)") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise UsageError(
                f"{path}: not a usable spec ({type(exc).__name__}: {' '.join(str(exc).split())})"
            ) from None

    def outcomes(self, recording: Recording) -> list[Outcome]:
        """The spec's own per-answer promises (schemathesis's, on a live run) on one recorded answer."""
        status = recording.interaction.status
        responses = self.spec.operations[recording.operation_id][2].get("responses", {})
        documented = str(status) in responses or f"{str(status)[0]}XX" in responses or "default" in responses
        out: list[Outcome] = [
            _outcome("not_a_server_error", None if status < 500 else f"the recorded answer is a {status}"),
            _outcome("status_code_conformance", None if documented else f"{status} is not documented"),
        ]
        found = self._response(recording)
        media = (recording.headers.get("content-type") or "").split(";")[0].strip()
        if documented and found is None and media:
            out.append(_outcome("content_type_conformance", f"{media} is not documented for {status}"))
        elif found is not None:
            out.append(_outcome("content_type_conformance", None))
        problem = self.problem(recording)
        out.append(_outcome("response_schema_conformance", problem))
        return out

    def _response(self, recording: Recording) -> tuple[str, dict[str, Any]] | None:
        found = self.spec.operations.get(recording.operation_id)
        if found is None:  # a method the path does not have, or an operation this spec lacks: no schema to apply
            return None
        path, method, operation = found
        responses = operation.get("responses", {})
        status = str(recording.interaction.status)
        key = status if status in responses else f"{status[0]}XX" if f"{status[0]}XX" in responses else "default"
        if key not in responses:
            return None
        node = responses[key]
        base = pointer(["paths", path, method, "responses", key])
        if isinstance(node.get("$ref"), str):
            base = node["$ref"]
        content = resolve(self.spec.document, node).get("content", {})
        media = "text/event-stream" if recording.interaction.is_stream else "application/json"
        if media not in content:
            return None
        return f"{base}/content/{media.replace('/', '~1')}/schema", content[media]

    def problem(self, recording: Recording) -> str | None:
        """The first way the recorded answer breaks the spec's schema, or None when it conforms."""
        found = self._response(recording)
        if found is None:
            return None  # the spec documents no body for this status: nothing to validate
        ref, media = found
        if recording.interaction.is_stream:
            return self._stream_problem(recording, media)
        try:
            body = json.loads(recording.text)
        except ValueError:
            return "the body is not JSON"
        return _first_error(self._validator(ref), body)

    def _stream_problem(self, recording: Recording, media: Mapping[str, Any]) -> str | None:
        event = resolve(self.spec.document, media.get("schema", {}))
        chunk = event.get("properties", {}).get("data", {}).get("contentSchema")
        if not isinstance(chunk, Mapping) or "$ref" not in chunk:
            return None
        validator = self._validator(chunk["$ref"])
        for index, sse in enumerate(parse_sse(recording.text)):
            if sse.data == "[DONE]" or not sse.data:
                continue
            try:
                data = json.loads(sse.data)
            except ValueError:
                return f"event {index}: data is not JSON"
            problem = _first_error(validator, data)
            if problem:
                return f"event {index}: {problem}"
        return None


def _unsupported(recording: Recording) -> list[Outcome]:
    """A method the path does not have: 405 with an `Allow` header, as a live run's `unsupported_method`."""
    status, allow = recording.interaction.status, recording.headers.get("allow")
    problem = None if status == 405 and allow else f"{recording.interaction.method} answered {status}"
    if status == 405 and not allow:
        problem = "405 without an Allow header"
    return [_outcome("unsupported_method", problem)]


def _outcome(promise_id: str, problem: str | None) -> Outcome:
    return promise_id, None if problem is None else BrokenPromise(promise_id, problem)


def _first_error(validator: Any, value: Any) -> str | None:
    for error in validator.iter_errors(value):
        where = "/".join(str(p) for p in error.instance_path) or "(root)"
        return f"at {where}: {error.message[:200]}"
    return None


@dataclass
class RecordedReport(Report):
    """A `Report` judged from recordings: report.json says so at the top and on every promise."""

    directory: str = ""
    recordings: int = 0
    deviations_by_server: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        document = super().as_json()
        document["judged_from"] = JUDGED_FROM
        document["target"]["cassettes"] = self.directory
        document["recordings"] = self.recordings
        for promise in document["promises"]:
            promise["judged_from"] = JUDGED_FROM
        return document

    def deviation_lines(self) -> list[str]:
        """One line per kept deviation: promise | what happened | the recording it was judged from."""
        return [
            f"{p.promise.id} | {d.detail} | {d.where}"
            for p in self.promises
            if p.status == "broken"
            for d in p.deviations
        ]

    def summary_lines(self) -> list[str]:
        lines = super().summary_lines()
        lines[0] = f"judged from recordings: {self.recordings} exchanges under {self.directory}, no server contacted"
        lines[1] = "requests sent: 0"
        return [
            line.replace("| request -> answer", "| recording") if line.startswith("deviations (") else line
            for line in lines
        ]

    def markdown(self) -> str:
        text = super().markdown()
        return text.replace(
            "# Chat Completions contract report\n",
            f"# Chat Completions contract report\n\nJudged from {self.recordings} recordings under"
            f" `{self.directory}`: every verdict below comes from a recorded answer, not a live server.\n",
            1,
        )


#: Promises that an answer carries a header: a recording cannot show one missing, since recorders drop headers
#: (pydantic-ai's cassettes of OpenAI keep `access-control-expose-headers: X-Request-ID` but not the header itself).
HEADER_PROMISES = frozenset({"x_request_id_on_every_answer"})


def judge_recording(recording: Recording, schema: SpecJudge) -> list[Outcome]:
    """Every per-answer promise on one recorded exchange but those about a header's presence (`HEADER_PROMISES`)."""
    item = recording.interaction
    if recording.operation_id == UNSUPPORTED:
        return _unsupported(recording)
    outcomes = judge_answer(recording.operation_id, item.json_body(), item.status, recording.headers, recording.text)
    outcomes += schema.outcomes(recording)
    return [o for o in outcomes if o[0] not in HEADER_PROMISES]


def judge_cassettes(directory: str | Path, options: Options | None = None) -> RecordedReport:
    """Judge every recorded answer under `directory` on every per-answer promise; no server is contacted."""
    options = options or Options()
    selected = _expand(options.only, "--only")
    required = _expand(options.require, "--require") & selected if options.require is not None else selected
    recordings, others = recordings_and_others(directory)
    target = Target(f"cassettes:{directory}", "", options.model)
    results = Results()
    schema = SpecJudge(compiled_spec())
    for recording in recordings:
        item = recording.interaction
        request = item.json_body()
        where = f"recording {item.source}"
        exchange = target.evidence(
            item.method,
            item.path,
            query=item.query,
            headers=dict(item.request_headers),
            body=request,
            status=item.status,
            response_headers=recording.headers,
            response_text=recording.text,
        )
        outcomes = judge_recording(recording, schema)
        results.record([o for o in outcomes if o[0] in selected], where, exchange)
    models = sorted(
        {str(r.interaction.json_body().get("model")) for r in recordings if isinstance(r.interaction.json_body(), dict)}
    )
    target.model = ", ".join(models) or options.model
    results.notes.append(
        "judged from recordings: promises that need the suite's own requests (auth, reading back what was"
        " stored, rejecting invalid requests) are not run"
    )
    if others:
        results.notes.append(f"left out {len(others)} recorded request(s) not to /chat/completions, e.g. {others[0]}")
    report = _report(options, target, results, selected=selected, required=required, supported=True)
    fields = {f: getattr(report, f) for f in report.__dataclass_fields__}
    return RecordedReport(**fields, directory=str(directory), recordings=len(recordings))


@dataclass
class Drift:
    """What `--against-spec` found: recordings the spec rejects, and those that conform (each `source: why`)."""

    rejected: list[str]
    conform: list[str]
    newly_rejected: list[str] | None = None  # None: no spec before to compare with
    newly_conform: list[str] | None = None

    def lines(self) -> list[str]:
        """The printed verdict, one recording a line."""
        out = [f"recordings the spec rejects: {len(self.rejected)}", *[f"  {r}" for r in self.rejected]]
        out.append(f"recordings that conform: {len(self.conform)}")
        if self.newly_rejected is not None and self.newly_conform is not None:
            out.append(f"rejected now, conformed to the spec before: {len(self.newly_rejected)}")
            out += [f"  {r}" for r in self.newly_rejected]
            out.append(f"conform now, rejected by the spec before: {len(self.newly_conform)}")
            out += [f"  {r}" for r in self.newly_conform]
        return out

    @property
    def exit_code(self) -> int:
        """1 when the spec rejects a recording (that conformed before, when a spec before is given)."""
        rejected = self.newly_rejected if self.newly_rejected is not None else self.rejected
        return 1 if rejected else 0


def against_spec(directory: str | Path, spec: str | Path | None = None, before: str | Path | None = None) -> Drift:
    """Validate every recorded answer against `spec` (default: the project's spec), compared with `before`."""
    recordings = load_recordings(directory)
    judge = SpecJudge.from_path(spec) if spec is not None else SpecJudge(compiled_spec())
    now = {r.interaction.source: judge.problem(r) for r in recordings}
    rejected = [f"{source}: {problem}" for source, problem in now.items() if problem]
    conform = [source for source, problem in now.items() if not problem]
    if before is None:
        return Drift(rejected, conform)
    old = SpecJudge.from_path(before)
    then = {r.interaction.source: old.problem(r) for r in recordings}
    newly_rejected = [f"{s}: {p}" for s, p in now.items() if p and not then[s]]
    newly_conform = [f"{s} (was: {then[s]})" for s, p in now.items() if not p and then[s]]
    return Drift(rejected, conform, newly_rejected, newly_conform)


@contextlib.contextmanager
def recording(base_url: str, directory: str | Path) -> Iterator[str]:
    """A recording mock in front of `base_url` writing to `directory`; yields the URL to send to instead.

    The caller's own headers go through untouched (no key from the environment): the run's auth probes, which
    send no key or a wrong one, reach the server as sent. Credentials are never written.
    """
    from chat_completions_mock import MockServer

    parts = urlsplit(base_url)
    try:  # a server that is not there is a usage error, as without --record-to (not a 502 from the recorder)
        socket.create_connection(
            (parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)), 10
        ).close()
    except OSError as exc:
        raise UsageError(f"cannot reach {base_url}: {type(exc).__name__}: {exc}") from None
    try:
        server = MockServer(record_to=directory, upstream=base_url, upstream_key_env="", request_log=0)
    except (OSError, ValueError) as exc:
        raise UsageError(f"--record-to {directory}: {exc}") from None
    with server:
        yield server.base_url
