"""compat/render.py: docs/compatibility.md from small report.json fixtures (format 1, docs/contract.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from compat.render import Status, load_runs, render, run_from_report

PROMISES = [
    ("missing_key_is_401", "auth", "A request without a key gets 401."),
    ("choices_match_n", "semantics", "Asking for `n` choices gets n | exactly."),
    ("delete_confirms", "stored", "Deleting answers deleted: true."),
]
GROUPS = {"auth": "auth", "semantics": "completion semantics", "stored": "stored completions"}
ALL_HOLD = dict.fromkeys((p[0] for p in PROMISES), "holds")

BROKEN_N = {
    "detail": "asked for n=3, got 1 choice(s)",
    "where": "probe n",
    "request": {
        "method": "POST",
        "path": "/chat/completions",
        "query": "",
        "headers": {"Authorization": "[redacted]"},
        "body": {"model": "m", "n": 3},
    },
    "response": {"status": 200, "headers": {}, "body": '{"choices": [{"index": 0}]}'},
    "seed": 7,
}


def report(
    statuses: dict[str, str],
    deviations: dict[str, list[dict[str, Any]]] | None = None,
    groups: dict[str, tuple[str, str]] | None = None,
) -> dict[str, Any]:
    promises = []
    for pid, group, statement in PROMISES:
        entry = {"id": pid, "group": group, "statement": statement, "status": statuses[pid], "deviations": []}
        entry["deviations"] = (deviations or {}).get(pid, [])
        promises.append(entry)
    return {
        "format": 1,
        "tool": {"name": "chat-completions-contract", "version": "0.1.0"},
        "seed": 7,
        "max_requests": 600,
        "requests_sent": 123,
        "verdict": "pass",
        "groups": {
            slug: {
                "title": title,
                "status": (groups or {}).get(slug, ("holds", ""))[0],
                "note": (groups or {}).get(slug, ("", ""))[1],
            }
            for slug, title in GROUPS.items()
        },
        "promises": promises,
        "notes": [note for _, note in (groups or {}).values() if note],  # the CLI repeats group notes here
    }


def meta(key: str, order: int, **extra: Any) -> dict[str, Any]:
    return {"key": key, "title": key.upper(), "version": f"{key} 1.2.3", "setup": f"{key} | setup",
            "order": order, "started": "2026-11-27T18:00:00+00:00", **extra}  # fmt: skip


@pytest.fixture
def page() -> str:
    good = run_from_report(meta("ours", 0), report(ALL_HOLD))
    other = run_from_report(
        meta("other", 1),
        report(
            {"missing_key_is_401": "not applicable", "choices_match_n": "broken", "delete_confirms": "not supported"},
            {"choices_match_n": [BROKEN_N, {**BROKEN_N, "detail": "asked for n=2, got 1 choice(s)"}]},
            {
                "auth": ("not applicable", ""),
                "semantics": ("broken", ""),
                "stored": ("not supported", "GET /chat/completions answered 404"),
            },
        ),
    )
    return render([good, other])


def section(page: str, title: str) -> str:
    return page.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def table(page: str, title: str) -> list[list[str]]:
    rows = [line for line in section(page, title).splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip().removeprefix("| ").removesuffix(" |").split(" | ")] for row in rows]


def test_promises_go_down_and_servers_across_grouped(page: str) -> None:
    rows = table(page, "Promises")
    assert rows[0] == ["promise", "OURS", "OTHER"]
    assert [row[0] for row in rows[2:]] == [
        "**auth**", "`missing_key_is_401`<br>A request without a key gets 401.",
        "**completion semantics**", "`choices_match_n`<br>Asking for `n` choices gets n \\| exactly.",
        "**stored completions**", "`delete_confirms`<br>Deleting answers deleted: true.",
    ]  # fmt: skip


def test_each_status_gets_its_cell_and_each_group_its_verdict(page: str) -> None:
    cells = {row[0].split("<br>")[0]: row[1:] for row in table(page, "Promises")[2:]}
    assert cells["**auth**"] == ["✓", "*n.a.*"]
    assert cells["`missing_key_is_401`"] == ["✓", "*n.a.*"]
    assert cells["**completion semantics**"] == ["✓", "✗"]
    assert cells["`choices_match_n`"] == ["✓", "✗[^1]"]
    assert cells["**stored completions**"] == ["✓", "*not supported*"]
    assert cells["`delete_confirms`"] == ["✓", "*not supported*"]


def test_a_broken_promise_has_a_footnote_with_request_answer_and_seed(page: str) -> None:
    notes = [line for line in section(page, "Evidence for each ✗").splitlines() if line.startswith("[^")]
    assert notes == [
        "[^1]: OTHER, `choices_match_n`: asked for n=3, got 1 choice(s)"
        ' — request `POST /chat/completions {"model":"m","n":3}`'
        ' — answer `200 {"choices": [{"index": 0}]}` (probe n, seed 7); also: asked for n=2, got 1 choice(s)'
    ]


def test_versions_setup_and_counts_are_listed(page: str) -> None:
    rows = table(page, "Servers and versions tested")
    assert rows[2] == ["OURS", "ours 1.2.3", "ours \\| setup", "123", "3 ✓"]
    assert rows[3] == ["OTHER", "other 1.2.3", "other \\| setup", "123", "1 ✗, 1 not supported, 1 n.a."]
    assert "Run on 2026-11-27, with chat-completions-contract 0.1.0, seed 7, at most 600 requests per server." in page


def test_a_missing_capability_is_explained_once(page: str) -> None:
    assert (
        section(page, "Notes").strip()
        == "- **OTHER**: stored completions not supported: GET /chat/completions answered 404"
    )


def test_a_run_that_failed_says_why_and_its_cells_read_not_run() -> None:
    ok = run_from_report(meta("ours", 0), report(ALL_HOLD))
    failed = run_from_report(meta("dead", 1, error="exited with 1 before answering"), None)
    page = render([ok, failed])
    servers = table(page, "Servers and versions tested")
    assert servers[3] == ["DEAD", "dead 1.2.3", "dead \\| setup", "", "did not run: exited with 1 before answering"]
    cells = [row[2] for row in table(page, "Promises")[2:]]
    assert cells == ["", "*not run*"] * 3
    assert "No promise was broken." in page


def test_no_report_at_all_is_an_error_not_an_empty_pass() -> None:
    run = run_from_report(meta("quiet", 0), None)
    assert run.error == "the contract CLI wrote no report.json"


def test_another_report_format_is_refused_not_misread() -> None:
    run = run_from_report(meta("x", 0), {**report(ALL_HOLD), "format": 2})
    assert run.error == "report.json has format 2, this page reads 1"
    assert not run.results


def test_unknown_status_words_are_not_read_as_a_verdict() -> None:
    run = run_from_report(meta("x", 0), report({**ALL_HOLD, "choices_match_n": "mostly"}))
    assert run.results["choices_match_n"].status is Status.NOT_RUN


def test_a_promise_the_server_failed_to_answer_reads_not_judged_never_a_verdict() -> None:
    run = run_from_report(meta("x", 0), report({**ALL_HOLD, "choices_match_n": "not judged"}))
    assert run.results["choices_match_n"].status is Status.NOT_JUDGED
    assert "| *not judged* |" in render([run])


def test_long_evidence_is_clipped_and_backticks_cannot_break_the_code_span() -> None:
    huge = {**BROKEN_N, "request": {**BROKEN_N["request"], "body": {"content": "`" + "x" * 5000}}}
    run = run_from_report(meta("x", 0), report({**ALL_HOLD, "choices_match_n": "broken"}, {"choices_match_n": [huge]}))
    note = next(line for line in render([run]).splitlines() if line.startswith("[^1]"))
    assert len(note) < 900
    assert "…" in note
    assert note.count("`") % 2 == 0


def test_nothing_key_like_reaches_the_page_even_if_a_report_leaked_it() -> None:
    leaky = {
        **BROKEN_N,
        "detail": "401 for key sk-live-abcdef123456",
        "request": {**BROKEN_N["request"], "body": {"authorization": "Bearer abc.def-ghi"}},
        "response": {"status": 401, "body": "Incorrect API key provided: sk-compat-0123456789abcdef"},
    }
    run = run_from_report(meta("x", 0), report({**ALL_HOLD, "choices_match_n": "broken"}, {"choices_match_n": [leaky]}))
    page = render([run])
    for secret in ("sk-live-abcdef123456", "abc.def-ghi", "0123456789abcdef"):
        assert secret not in page
    assert page.count("[redacted]") == 3


def test_load_runs_reads_each_folder_in_run_order(tmp_path: Path) -> None:
    for key, order in (("zeta", 0), ("alpha", 1)):
        (tmp_path / key).mkdir()
        (tmp_path / key / "server.json").write_text(json.dumps(meta(key, order)))
    (tmp_path / "zeta" / "report.json").write_text(json.dumps(report(ALL_HOLD)))
    runs = load_runs(tmp_path)
    assert [run.key for run in runs] == ["zeta", "alpha"]
    assert runs[0].results["delete_confirms"].status is Status.HOLDS
    assert runs[1].error  # alpha left no report
    assert [run.key for run in load_runs(tmp_path, ["alpha"])] == ["alpha"]


def test_fuzzed_bodies_with_lone_surrogates_still_make_a_writable_page(tmp_path: Path) -> None:
    odd = {
        **BROKEN_N,
        "request": {**BROKEN_N["request"], "body": {"\udb55": "\x16"}},
        "response": {"status": 200, "body": "ok \udc53"},
    }
    run = run_from_report(meta("x", 0), report({**ALL_HOLD, "choices_match_n": "broken"}, {"choices_match_n": [odd]}))
    page = render([run])
    (tmp_path / "page.md").write_text(page, encoding="utf-8")  # raises on a lone surrogate
    assert '{"\\udb55":"\\u0016"}' in page


@pytest.mark.parametrize(
    ("headers", "shown"),
    [
        ({"Authorization": "[redacted: the run's key]"}, "request `POST /chat/completions {"),
        (
            {"Authorization": "[redacted: another value]"},
            "request `POST /chat/completions (a key other than the run's) {",
        ),
        ({"User-Agent": "x"}, "request `POST /chat/completions (no key) {"),
    ],
)
def test_the_footnote_says_when_a_request_did_not_carry_the_runs_key(headers: dict[str, str], shown: str) -> None:
    deviation = {**BROKEN_N, "request": {**BROKEN_N["request"], "headers": headers}}
    run = run_from_report(
        meta("x", 0), report({**ALL_HOLD, "choices_match_n": "broken"}, {"choices_match_n": [deviation]})
    )
    note = next(line for line in render([run]).splitlines() if line.startswith("[^1]"))
    assert shown in note


# -- the SDK reads (sdk_reads.json, written by compat/sdk_reads.py) ---------------------------------------------------


def reads(*entries: tuple[str, str, str, str]) -> dict[str, Any]:
    return {
        "format": 1,
        "reads": [{"kind": k, "verdict": v, "detail": d, "answer": a} for k, v, d, a in entries],
    }


ALL_SAME = reads(
    ("plain", "same", "", "text"),
    ("streamed", "same", "", "text, 9 chunks"),
    ("tool_call", "same", "", "tool call"),
    ("streamed_tool_call", "same", "", "tool call, 4 chunks"),
)


def test_sdk_reads_are_a_table_of_kinds_down_and_servers_across(tmp_path: Path) -> None:
    other = reads(
        ("plain", "same", "", "text"),
        ("streamed", "differs", '$[2].choices[0].delta.content: openai read "a|b", ours "a"', "text, 3 chunks"),
        ("tool_call", "ours raised", "APIResponseValidationError: sk-leaked-0123456789 was bad", ""),
        ("streamed_tool_call", "both raised", "openai: BadRequestError (400): no; ours: BadRequestError (400): no", ""),
    )
    for key, order, sdk in (("ours", 0, ALL_SAME), ("other", 1, other), ("none", 2, None)):
        (tmp_path / key).mkdir()
        (tmp_path / key / "server.json").write_text(json.dumps(meta(key, order)))
        (tmp_path / key / "report.json").write_text(json.dumps(report(ALL_HOLD)))
        if sdk is not None:
            (tmp_path / key / "sdk_reads.json").write_text(json.dumps(sdk))
    page = render(load_runs(tmp_path))
    assert table(page, "Read by the SDK") == [
        ["answer", "OURS", "OTHER", "NONE"],
        ["---", "---", "---", "---"],
        ["plain", "✓ (text)", "✓ (text)", "*not run*"],
        ["streamed", "✓ (text, 9 chunks)", "✗ (text, 3 chunks)[^read-1]", "*not run*"],
        ["tool call", "✓ (tool call)", "✗[^read-2]", "*not run*"],
        ["streamed tool call", "✓ (tool call, 4 chunks)", "*both raised*[^read-3]", "*not run*"],
    ]
    notes = section(page, "Read by the SDK")
    assert '[^read-1]: OTHER, streamed: differs: $[2].choices[0].delta.content: openai read "a|b", ours "a"' in notes
    assert "[^read-2]: OTHER, tool call: ours raised: APIResponseValidationError: [redacted] was bad" in notes
    assert "sk-leaked" not in page
    assert "[^read-3]: OTHER, streamed tool call: both raised: openai: BadRequestError (400)" in notes


def test_sdk_reads_that_did_not_run_or_have_another_format_say_so_and_read_not_run() -> None:
    failed = run_from_report(meta("a", 0), report(ALL_HOLD), {"format": 1, "error": "exited with 1 before answering"})
    future = run_from_report(meta("b", 1), report(ALL_HOLD), {**ALL_SAME, "format": 2})
    page = render([failed, future])
    rows = table(page, "Read by the SDK")
    assert all(row[1:] == ["*not run*", "*not run*"] for row in rows[2:])
    notes = section(page, "Read by the SDK")
    assert "- **A**: the reads did not run: exited with 1 before answering" in notes
    assert "- **B**: the reads did not run: sdk_reads.json has format 2, this page reads 1" in notes


def test_no_sdk_reads_anywhere_leaves_the_section_out(page: str) -> None:
    assert "## Read by the SDK" not in page
    all_same = render([run_from_report(meta("ours", 0), report(ALL_HOLD), ALL_SAME)])
    assert "Both SDKs read every answer the same." in section(all_same, "Read by the SDK")
