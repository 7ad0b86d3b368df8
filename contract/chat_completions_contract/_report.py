"""The verdict of a run as data (`Report`) and in three files: report.json, report.md and junit.xml."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ._promises import Group, Promise
from ._results import Deviation

#: Bumped when report.json changes incompatibly (docs/contract.md describes it); `health`, `retries`, `timeout`,
#: each promise's `reasons` and the `not judged` status were added without a bump (readers ignore what they do not know).
REPORT_FORMAT = 1
#: How report.md shows each status.
SHOWN = {
    "holds": "✓ holds",
    "broken": "✗ broken",
    "not supported": "not supported",
    "not applicable": "n/a",
    "not run": "not run",
    "not judged": "not judged",
    "not selected": "not selected",
}


def _version() -> str:
    try:
        return metadata.version("chat-completions")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class PromiseReport:
    """One promise's verdict: `status` is holds, broken, not supported, not applicable, not judged, not run or
    not selected; `reasons` say why a promise was not judged or not run."""

    promise: Promise
    status: str
    required: bool
    judged: int
    broken: int
    deviations: list[Deviation]
    reasons: list[str] = field(default_factory=list)

    def why_not(self) -> str:
        """`not judged: the server failed 3 times: ...` / `not run: ...` (empty for other statuses)."""
        return f"{self.status}: {'; '.join(self.reasons)}" if self.reasons else ""

    def as_json(self, seed: int) -> dict[str, Any]:
        p = self.promise
        return {
            "id": p.id,
            "group": p.group,
            "statement": p.statement,
            "source": p.source,
            "checked_by": p.by,
            "status": self.status,
            "required": self.required,
            "judged": self.judged,
            "broken": self.broken,
            "reasons": self.reasons,
            "deviations": [
                {
                    "detail": d.detail,
                    "where": d.where,
                    "request": d.exchange.request if d.exchange else None,
                    "response": d.exchange.response if d.exchange else None,
                    "seed": seed,
                }
                for d in self.deviations
            ],
        }


@dataclass
class GroupResult:
    """A capability's verdict (the worst of its promises), whether it is required, and a note."""

    group: Group
    status: str
    required: bool
    note: str = ""


@dataclass
class Report:
    """Everything a run found."""

    base_url: str
    bundled_mock: bool
    model: str
    auth: str
    seed: int
    max_requests: int | None
    requests_sent: int
    promises: list[PromiseReport]
    groups: list[GroupResult]
    notes: list[str]
    passed: bool
    health: dict[str, Any] = field(default_factory=dict)
    retries: int = 0
    timeout: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every required promise holds (or was not run), 1 otherwise."""
        return 0 if self.passed else 1

    def as_json(self) -> dict[str, Any]:
        """The report.json document."""
        return {
            "format": REPORT_FORMAT,
            "tool": {"name": "chat-completions-contract", "version": _version()},
            "target": {
                "base_url": self.base_url,
                "bundled_mock": self.bundled_mock,
                "model": self.model,
                "auth": self.auth,
            },
            "seed": self.seed,
            "max_requests": self.max_requests,
            "requests_sent": self.requests_sent,
            "retries": self.retries,
            "timeout": self.timeout,
            "health": self.health,
            "verdict": "pass" if self.passed else "fail",
            "groups": {
                g.group.slug: {"title": g.group.title, "status": g.status, "required": g.required, "note": g.note}
                for g in self.groups
            },
            "promises": [p.as_json(self.seed) for p in self.promises],
            "notes": self.notes,
        }

    def deviation_lines(self) -> list[str]:
        """One line per kept deviation: promise | what happened | request -> answer."""
        return [d.line(p.promise.id) for p in self.promises if p.status == "broken" for d in p.deviations]

    def summary_lines(self) -> list[str]:
        """What the CLI prints: target, groups, deviations, verdict."""
        target = "bundled mock" if self.bundled_mock else "external server"
        budget = f" of a budget of {self.max_requests}" if self.max_requests is not None else ""
        lines = [
            f"target: {self.base_url} ({target}), model {self.model}, auth {self.auth}, seed {self.seed}",
            f"requests sent: {self.requests_sent}{budget}",
            *[f"server health: {line}" for line in health_lines(self.health)],
            "groups:",
        ]
        for g in self.groups:
            counts = [p for p in self.promises if p.promise.group == g.group.slug]
            held = sum(p.status == "holds" for p in counts)
            tail = f" — {g.note}" if g.note else ""
            required = "" if g.required or g.status == "not selected" else " (not required)"
            tally = (
                f" ({held}/{len(counts)} promises hold)"
                if g.status in ("holds", "broken", "not run", "not judged")
                else ""
            )
            lines.append(f"  {g.group.slug:<18} {g.status}{required}{tally}{tail}")
        unjudged = [p for p in self.promises if p.status in ("not judged", "not run")]
        if unjudged:
            lines.append(f"not judged or not run ({len(unjudged)}), one line each: promise | why")
            lines += [f"  {p.promise.id} | {p.why_not()}" for p in unjudged]
        deviations = self.deviation_lines()
        lines.append(
            f"deviations ({len(deviations)}), one line each: promise | what happened | request -> answer"
            if deviations
            else "deviations: none"
        )
        lines += [f"  {line}" for line in deviations]
        lines += [f"note: {n}" for n in self.notes]
        missing = [g.group.slug for g in self.groups if g.required and g.status == "not supported"]
        hint = f" ({', '.join(missing)} not supported; --require the other groups to accept that)" if missing else ""
        lines.append(f"verdict: {'pass' if self.passed else 'fail'}{hint}")
        return lines

    def markdown(self) -> str:
        """report.md: the groups and every promise in tables a person reads in a pull request."""
        lines = [
            "# Chat Completions contract report",
            "",
            f"Target `{self.base_url}`{' (bundled mock)' if self.bundled_mock else ''}, model `{self.model}`, auth {self.auth}, "
            f"seed {self.seed}, {self.requests_sent} requests. **Verdict: {'pass' if self.passed else 'fail'}.**",
            "",
            *[f"Server health: {_cell(line)}" for line in health_lines(self.health)],
            "",
            "| group | status | required | note |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {g.group.title} | {SHOWN[g.status]} | {'yes' if g.required else 'no'} | {_cell(g.note)} |"
            for g in self.groups
        ]
        lines += ["", "| promise | statement | group | status | evidence |", "|---|---|---|---|---|"]
        for p in (p for p in self.promises if p.status != "not selected"):
            evidence = (
                "<br>".join(_cell(d.line(p.promise.id).split(" | ", 1)[1]) for d in p.deviations)
                if p.status == "broken"
                else _cell(p.why_not())
            )
            statement = _cell(p.promise.statement)
            lines.append(f"| `{p.promise.id}` | {statement} | {p.promise.group} | {SHOWN[p.status]} | {evidence} |")
        if self.notes:
            lines += ["", *[f"- {_cell(n)}" for n in self.notes]]
        return "\n".join(lines) + "\n"

    def junit(self) -> str:
        """junit.xml: one test suite per group, one test case per promise."""
        suites = ET.Element("testsuites", name="chat-completions-contract")
        for g in self.groups:
            members = [p for p in self.promises if p.promise.group == g.group.slug]
            suite = ET.SubElement(
                suites,
                "testsuite",
                name=g.group.slug,
                tests=str(len(members)),
                failures=str(
                    sum(p.status == "broken" or (p.required and p.status == "not supported") for p in members)
                ),
                skipped=str(
                    sum(
                        p.status not in ("holds", "broken") and not (p.required and p.status == "not supported")
                        for p in members
                    )
                ),
            )
            for p in members:
                case = ET.SubElement(
                    suite, "testcase", classname=f"chat_completions_contract.{g.group.slug}", name=p.promise.id
                )
                if p.status == "broken":
                    failure = ET.SubElement(
                        case, "failure", message=p.deviations[0].detail if p.deviations else "broken"
                    )
                    failure.text = "\n".join(d.line(p.promise.id) for d in p.deviations)
                elif p.status == "not supported" and p.required:
                    ET.SubElement(case, "failure", message=g.note or "not supported")
                elif p.status != "holds":
                    ET.SubElement(case, "skipped", message=p.why_not() or p.status)
        ET.indent(suites)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"

    def write(self, directory: Path) -> list[Path]:
        """Write report.json, report.md and junit.xml into `directory` (created if needed)."""
        directory.mkdir(parents=True, exist_ok=True)
        files = {
            "report.json": json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n",
            "report.md": self.markdown(),
            "junit.xml": self.junit(),
        }
        paths = []
        for name, text in files.items():
            path = directory / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths


def health_lines(health: dict[str, Any]) -> list[str]:
    """The health summary (report.json's `health`) in one line."""
    if not health:
        return []
    classes = ", ".join(f"{k} {v}" for k, v in health["answers_by_status_class"].items()) or "none"
    waits = health["retry_after_seconds"]
    asked = f"; Retry-After asked: {', '.join(f'{w:g} s' for w in waits)}" if waits else ""
    latency = health["latency_ms"]
    timing = (
        f"latency median {latency['median']:g} ms, p99 {latency['p99']:g} ms"
        if latency["median"] is not None
        else "no answer timed"
    )
    return [
        f"{health['requests']} requests; answers {classes}; {health['rate_limited']} rate-limited (429){asked}; "
        f"{health['timeouts']} timed out, {health['dropped']} dropped; {health['retries']} retried; {timing}"
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
