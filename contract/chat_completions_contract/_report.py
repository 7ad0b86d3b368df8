"""The verdict of a run as data (`Report`) and in three files: report.json, report.md and junit.xml."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ._promises import Group, Promise
from ._results import Deviation

#: Bumped when report.json changes incompatibly (docs/contract.md describes it).
REPORT_FORMAT = 1
#: How report.md shows each status.
SHOWN = {
    "holds": "✓ holds",
    "broken": "✗ broken",
    "not supported": "not supported",
    "not applicable": "n/a",
    "not run": "not run",
    "not selected": "not selected",
}


def _version() -> str:
    try:
        return metadata.version("chat-completions")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class PromiseReport:
    """One promise's verdict: `status` is holds, broken, not supported, not applicable, not run or not selected."""

    promise: Promise
    status: str
    required: bool
    judged: int
    broken: int
    deviations: list[Deviation]

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
            "groups:",
        ]
        for g in self.groups:
            counts = [p for p in self.promises if p.promise.group == g.group.slug]
            held = sum(p.status == "holds" for p in counts)
            tail = f" — {g.note}" if g.note else ""
            required = "" if g.required or g.status == "not selected" else " (not required)"
            tally = f" ({held}/{len(counts)} promises hold)" if g.status in ("holds", "broken", "not run") else ""
            lines.append(f"  {g.group.slug:<18} {g.status}{required}{tally}{tail}")
        not_run = [p.promise.id for p in self.promises if p.status == "not run"]
        if not_run:
            lines.append(f"not run ({len(not_run)}): {', '.join(not_run)}")
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
            "| group | status | required | note |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {g.group.title} | {SHOWN[g.status]} | {'yes' if g.required else 'no'} | {_cell(g.note)} |"
            for g in self.groups
        ]
        lines += ["", "| promise | group | status | evidence |", "|---|---|---|---|"]
        for p in (p for p in self.promises if p.status != "not selected"):
            evidence = (
                "<br>".join(_cell(d.line(p.promise.id).split(" | ", 1)[1]) for d in p.deviations)
                if p.status == "broken"
                else ""
            )
            lines.append(f"| `{p.promise.id}` | {p.promise.group} | {SHOWN[p.status]} | {evidence} |")
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
                skipped=str(sum(p.status not in ("holds", "broken") for p in members)),
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
                    ET.SubElement(case, "skipped", message=p.status)
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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
