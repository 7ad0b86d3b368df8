"""compat/render.py: docs/compatibility.md from small report.json fixtures, no server started."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from compat.render import Status, load_runs, render, run_from_report  # noqa: E402

PROMISES = [
    ("auth_required", "auth", "A request without a key gets 401."),
    ("choices_match_n", "completion semantics", "n=k gives k choices."),
    ("stored_list", "stored completions", "GET /chat/completions lists stored completions."),
]


def report(statuses: dict[str, str], evidence: dict[str, Any] | None = None, seed: int = 7) -> dict[str, Any]:
    entries = []
    for pid, group, statement in PROMISES:
        entry: dict[str, Any] = {"id": pid, "group": group, "statement": statement, "status": statuses[pid]}
        if evidence and pid in evidence:
            entry["evidence"] = evidence[pid]
        entries.append(entry)
    return {"seed": seed, "promises": entries}


def meta(key: str, order: int, **extra: Any) -> dict[str, Any]:
    return {"key": key, "title": key.upper(), "version": f"{key} 1.2.3", "setup": f"{key} | setup",
            "order": order, "started": "2026-11-27T18:00:00+00:00", **extra}  # fmt: skip


BROKEN_N = {
    "detail": "asked for n=3, got 1 choice(s)",
    "request": {"method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", "n": 3}},
    "response": {"status": 200, "body": '{"choices": [{"index": 0}]}'},
}


@pytest.fixture
def page() -> str:
    good = run_from_report(
        meta("ours", 0), report(dict.fromkeys(("auth_required", "choices_match_n", "stored_list"), "holds"))
    )
    other = run_from_report(
        meta("other", 1),
        report(
            {"auth_required": "not applicable", "choices_match_n": "broken", "stored_list": "not supported"},
            {"choices_match_n": BROKEN_N},
        ),
    )
    return render([good, other])


def table_rows(page: str) -> list[list[str]]:
    section = page.split("## Promises", 1)[1].split("## Evidence", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


def test_promises_go_down_and_servers_across(page: str) -> None:
    rows = table_rows(page)
    assert rows[0] == ["promise", "OURS", "OTHER"]
    labels = [row[0] for row in rows[2:]]
    assert labels == [
        "**auth**", "`auth_required`<br>A request without a key gets 401.",
        "**completion semantics**", "`choices_match_n`<br>n=k gives k choices.",
        "**stored completions**", "`stored_list`<br>GET /chat/completions lists stored completions.",
    ]  # fmt: skip


def test_each_status_gets_its_cell(page: str) -> None:
    cells = {row[0].split("<br>")[0]: row[1:] for row in table_rows(page)[2:] if row[0].startswith("`")}
    assert cells["`auth_required`"] == ["✓", "*n.a.*"]
    assert cells["`choices_match_n`"] == ["✓", "✗[^1]"]
    assert cells["`stored_list`"] == ["✓", "*not supported*"]


def test_a_broken_promise_has_a_footnote_with_request_and_answer(page: str) -> None:
    evidence = page.split("## Evidence", 1)[1]
    notes = [line for line in evidence.splitlines() if line.startswith("[^")]
    assert len(notes) == 1
    note = notes[0]
    assert note.startswith("[^1]: OTHER, `choices_match_n`: asked for n=3, got 1 choice(s)")
    assert '"n":3' in note  # the request
    assert '"status":200' in note  # the answer
    assert "choices" in note


def test_versions_and_setup_are_listed_with_pipes_escaped(page: str) -> None:
    servers = page.split("## Servers and versions tested", 1)[1].split("## Promises", 1)[0]
    assert "| OURS | ours 1.2.3 | ours \\| setup | 7 | 3 ✓ |" in servers
    assert "| OTHER | other 1.2.3 | other \\| setup | 7 | 1 ✗, 1 not supported, 1 n.a. |" in servers
    assert "Run on 2026-11-27." in page


def test_a_run_that_failed_says_why_and_its_cells_read_not_run() -> None:
    ok = run_from_report(
        meta("ours", 0), report(dict.fromkeys(("auth_required", "choices_match_n", "stored_list"), "holds"))
    )
    failed = run_from_report(meta("dead", 1, error="exited with 1 before answering"), None)
    page = render([ok, failed])
    assert "| DEAD | dead 1.2.3 | dead \\| setup |  | did not run (exited with 1 before answering) |" in page
    cells = [row[2] for row in table_rows(page)[2:] if row[0].startswith("`")]
    assert cells == ["*not run*"] * 3
    assert "No promise was broken." in page


def test_no_report_at_all_is_an_error_not_an_empty_pass() -> None:
    run = run_from_report(meta("quiet", 0), None)
    assert run.error == "the contract CLI wrote no report.json"


def test_unknown_status_words_are_not_read_as_a_verdict() -> None:
    run = run_from_report(meta("x", 0), {"promises": [{"id": "p", "group": "g", "status": "maybe"}]})
    assert run.results["p"].status is Status.NOT_RUN


def test_long_evidence_is_clipped_and_backticks_cannot_break_the_code_span() -> None:
    huge = {"detail": "bad", "request": {"body": "`" + "x" * 5000}, "response": {"body": "y"}}
    run = run_from_report(meta("x", 0), {"promises": [{"id": "p", "group": "g", "status": "broken", "evidence": huge}]})
    note = next(line for line in render([run]).splitlines() if line.startswith("[^1]"))
    assert len(note) < 1200
    assert "…" in note
    assert note.count("`") % 2 == 0


def test_promises_keyed_by_id_read_the_same_as_a_list() -> None:
    listed = run_from_report(meta("x", 0), {"promises": [{"id": "p", "group": "g", "status": "holds"}]})
    keyed = run_from_report(meta("x", 0), {"promises": {"p": {"group": "g", "status": "holds"}}})
    assert listed == keyed


def test_load_runs_reads_each_folder_in_run_order(tmp_path: Path) -> None:
    for key, order in (("zeta", 0), ("alpha", 1)):
        (tmp_path / key).mkdir()
        (tmp_path / key / "server.json").write_text(json.dumps(meta(key, order)))
    (tmp_path / "zeta" / "report.json").write_text(
        json.dumps(report(dict.fromkeys(("auth_required", "choices_match_n", "stored_list"), "holds")))
    )
    runs = load_runs(tmp_path)
    assert [run.key for run in runs] == ["zeta", "alpha"]
    assert runs[0].results["auth_required"].status is Status.HOLDS
    assert runs[1].error  # alpha left no report
    assert [run.key for run in load_runs(tmp_path, ["alpha"])] == ["alpha"]


def test_nothing_key_like_reaches_the_page_even_if_a_report_leaked_it() -> None:
    leaky = {
        "detail": "401 for key sk-live-abcdef123456",
        "request": {"headers": {"authorization": "Bearer sk-compat-0123456789abcdef"}},
        "response": {"body": "Incorrect API key provided: sk-compat-0123456789abcdef"},
    }
    run = run_from_report(
        meta("x", 0), {"promises": [{"id": "p", "group": "g", "status": "broken", "evidence": leaky}]}
    )
    page = render([run])
    assert "sk-live-abcdef123456" not in page
    assert "0123456789abcdef" not in page
    assert page.count("[redacted]") == 3
