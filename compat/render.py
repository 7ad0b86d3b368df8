"""docs/compatibility.md from the contract CLI's report.json files: promises down, servers across.

`render` is a pure function of what the runs left behind (each server's `report.json` and the `server.json` the
runner writes beside it), so the page can be rebuilt, and tested, without starting any server.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

EVIDENCE_LIMIT = 400  # characters of a request or an answer quoted in a footnote
# Reports are redacted by the CLI; this second net keeps anything key-like out of a page that gets committed.
_KEY_LIKE = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+|\bsk-[A-Za-z0-9_-]{6,}")


class Status(Enum):
    """One cell of the matrix."""

    HOLDS = "✓"
    BROKEN = "✗"
    UNSUPPORTED = "not supported"
    NOT_APPLICABLE = "n.a."
    NOT_RUN = "not run"


# The CLI's words for a promise's status, and the few spellings a report may use for each.
_STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(("holds", "held", "passed", "pass", "ok"), Status.HOLDS),
    **dict.fromkeys(("broken", "failed", "fail", "violated"), Status.BROKEN),
    **dict.fromkeys(("not supported", "not_supported", "unsupported"), Status.UNSUPPORTED),
    **dict.fromkeys(("not applicable", "not_applicable", "n/a", "n.a.", "na"), Status.NOT_APPLICABLE),
    **dict.fromkeys(("not run", "not_run", "skipped", "skip", "unknown"), Status.NOT_RUN),
}


@dataclass(frozen=True)
class Promise:
    """A promise as the reports name it."""

    id: str
    group: str
    statement: str


@dataclass(frozen=True)
class Result:
    """One server's verdict on one promise, with what proves it when broken."""

    status: Status
    evidence: str = ""


@dataclass(frozen=True)
class ServerRun:
    """One column: the server, how it ran, and its verdicts (empty when the run itself failed: see `error`)."""

    key: str
    title: str
    version: str
    setup: str = ""
    started: str = ""  # ISO date-time of the run
    seed: int | None = None
    requests: int | None = None
    error: str = ""
    promises: tuple[Promise, ...] = ()
    results: Mapping[str, Result] = field(default_factory=dict)


def status_of(word: object) -> Status:
    """A report's status word as a cell; an unknown word reads as "not run" rather than guessing a verdict."""
    return _STATUS_WORDS.get(str(word).strip().lower(), Status.NOT_RUN)


def run_from_report(meta: Mapping[str, Any], report: Mapping[str, Any] | None) -> ServerRun:
    """A column from the runner's `server.json` (`meta`) and the CLI's `report.json` (None if it wrote none)."""
    promises: list[Promise] = []
    results: dict[str, Result] = {}
    for entry in _promise_entries(report or {}):
        promise = Promise(
            id=str(entry.get("id") or entry.get("name")),
            group=str(entry.get("group", "")),
            statement=_one_line(str(entry.get("statement", ""))),
        )
        promises.append(promise)
        status = status_of(entry.get("status"))
        results[promise.id] = Result(status, _evidence(entry) if status is Status.BROKEN else "")
    seed = (report or {}).get("seed", meta.get("seed"))
    return ServerRun(
        key=str(meta["key"]),
        title=str(meta.get("title", meta["key"])),
        version=str(meta.get("version", "")),
        setup=str(meta.get("setup", "")),
        started=str(meta.get("started", "")),
        seed=int(seed) if isinstance(seed, int) else None,
        requests=_requests_sent(report or {}),
        error=str(meta.get("error", "")) or ("" if report is not None else "the contract CLI wrote no report.json"),
        promises=tuple(promises),
        results=results,
    )


def _promise_entries(report: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The per-promise entries of a report: a list of objects, or an object keyed by promise id."""
    entries = report.get("promises", [])
    if isinstance(entries, Mapping):
        return [{"id": key, **value} for key, value in entries.items()]
    return [entry for entry in entries if isinstance(entry, Mapping)]


def _requests_sent(report: Mapping[str, Any]) -> int | None:
    for key in ("requests_sent", "requests"):
        value = report.get(key)
        if isinstance(value, int):
            return value
    return None


def _evidence(entry: Mapping[str, Any]) -> str:
    """One line: what was broken, the request (as the CLI redacted it) and the answer, each cut to a readable size."""
    parts: list[str] = []
    detail = entry.get("detail") or entry.get("message")
    evidence: Any = entry.get("evidence")
    if isinstance(evidence, list):
        evidence = evidence[0] if evidence else None
    if isinstance(evidence, Mapping):
        detail = detail or evidence.get("detail") or evidence.get("message")
    if detail:
        parts.append(_redact(_one_line(str(detail))))
    if isinstance(evidence, Mapping):
        for label in ("request", "response", "answer"):
            if evidence.get(label) is not None:
                parts.append(f"{label}: `{_clip(_compact(evidence[label]))}`")
    elif evidence:
        parts.append(f"`{_clip(_compact(evidence))}`")
    return "; ".join(parts) or "(the report gives no evidence)"


def _compact(value: Any) -> str:
    if isinstance(value, str):
        return _one_line(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def _redact(text: str) -> str:
    return _KEY_LIKE.sub(lambda m: (m.group(1) or "") + "[redacted]", text)


def _clip(text: str) -> str:
    text = _redact(text).replace("`", "'")  # keep inline code intact
    return text if len(text) <= EVIDENCE_LIMIT else text[: EVIDENCE_LIMIT - 1] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


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


def _counts(run: ServerRun) -> str:
    if run.error:
        return "did not run"
    counts = {status: 0 for status in Status}
    for result in run.results.values():
        counts[result.status] += 1
    return ", ".join(f"{counts[s]} {s.value}" for s in Status if counts[s])


def render(runs: Sequence[ServerRun]) -> str:
    """The whole page, in Markdown (GitHub footnotes for the evidence of each ✗)."""
    promises = _all_promises(runs)
    dates = sorted(run.started[:10] for run in runs if run.started)
    lines = [
        "# Compatibility matrix",
        "",
        "<!-- Generated by `tox -e compat` (compat/render.py) from the contract CLI's reports: do not edit by hand. -->",
        "",
        "How OpenAI-compatible servers keep the promises of the Chat Completions API, as "
        "`chat-completions-contract` checks them. Every server was installed offline from a package registry and "
        "run on 127.0.0.1 on this project's CI machine (2 cores).",
        "",
        "✓ the promise holds · ✗ broken (the footnote quotes the request and the answer) · "
        "*not supported* the server lacks the capability (say, no stored completions) · "
        "*n.a.* not applicable to this server · *not run* no request reached it (budget, or an earlier failure)",
        "",
    ]
    if dates:
        lines += [f"Run on {dates[-1] if dates[0] == dates[-1] else f'{dates[0]} to {dates[-1]}'}.", ""]
    lines += ["## Servers and versions tested", ""]
    lines += ["| server | version | configuration | seed | result |", "| --- | --- | --- | --- | --- |"]
    for run in runs:
        seed = "" if run.seed is None else str(run.seed)
        outcome = _counts(run) + (f" ({_one_line(run.error)})" if run.error else "")
        lines.append(f"| {run.title} | {run.version} | {_one_line(run.setup)} | {seed} | {outcome} |")
    lines += ["", "## Promises", ""]
    if not promises:
        lines += ["No report named any promise.", ""]
        return "\n".join(lines)
    header = ["promise", *[run.title for run in runs]]
    lines += ["| " + " | ".join(header) + " |", "| " + " | ".join(["---"] * len(header)) + " |"]
    notes: list[str] = []
    group = None
    for promise in promises:
        if promise.group != group:
            group = promise.group
            lines.append("| " + " | ".join([f"**{group or 'other'}**", *[""] * len(runs)]) + " |")
        cells = []
        for run in runs:
            result = run.results.get(promise.id, Result(Status.NOT_RUN))
            cell = result.status.value
            if result.status is Status.BROKEN:
                notes.append(f"[^{len(notes) + 1}]: {run.title}, `{promise.id}`: {result.evidence}")
                cell += f"[^{len(notes)}]"
            elif result.status is not Status.HOLDS:
                cell = f"*{cell}*"
            cells.append(cell)
        statement = f"<br>{promise.statement}" if promise.statement else ""
        lines.append(f"| `{promise.id}`{statement} | " + " | ".join(cells) + " |")
    lines += ["", "## Evidence", ""]
    lines += notes or ["No promise was broken."]
    lines.append("")
    return "\n".join(lines)


def load_runs(folder: Path, keys: Iterable[str] | None = None) -> list[ServerRun]:
    """The runs under `folder` (one sub-folder per server, with `server.json` and maybe `report.json`), in `keys`
    order when given, else in the order of the `order` each `server.json` records."""
    metas: list[tuple[Path, dict[str, Any]]] = []
    for meta_path in folder.glob("*/server.json"):
        metas.append((meta_path.parent, json.loads(meta_path.read_text(encoding="utf-8"))))
    if keys is not None:
        wanted = list(keys)
        metas = [m for m in metas if m[1]["key"] in wanted]
        metas.sort(key=lambda m: wanted.index(m[1]["key"]))
    else:
        metas.sort(key=lambda m: (int(m[1].get("order", 0)), str(m[1]["key"])))
    runs = []
    for where, meta in metas:
        report_path = where / "report.json"
        report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else None
        runs.append(run_from_report(meta, report))
    return runs
