"""`--cassettes` on the evidence corpus (openapi/evidence/, real recorded exchanges): no promise broken by a recorded
OpenAI answer, and the real deviations of the other servers' recordings named, each with its recording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import recordings
from chat_completions_contract.__main__ import main
from chat_completions_contract._recorded import SpecJudge, judge_recording, load_recordings
from chat_completions_mock._spec import compiled_spec

EVIDENCE = Path(__file__).resolve().parents[2] / "openapi" / "evidence"

pytestmark = pytest.mark.skipif(not EVIDENCE.is_dir(), reason="the evidence corpus (openapi/evidence/) is not here")


def _servers() -> dict[str, str]:
    """Cassette file -> who answered (its VCR.py `metadata.server`, read as the spec pipeline reads the corpus)."""
    return {str(path): str(recordings.load(path)["metadata"]["server"]) for path in recordings.cassettes(EVIDENCE)}


def test_recorded_openai_answers_break_no_promise_and_others_deviations_are_named() -> None:
    servers = _servers()
    judge = SpecJudge(compiled_spec())
    broken: dict[str, list[str]] = {}
    judged = 0
    for recording in load_recordings(EVIDENCE):
        server = servers[recording.interaction.source.rsplit("#", 1)[0]]
        for promise_id, problem in judge_recording(recording, judge):
            judged += 1
            if problem is not None:
                line = f"{recording.interaction.source}: {promise_id}: {problem.detail}"
                broken.setdefault(server, []).append(line)
    assert judged > 1000
    assert recordings.OPENAI in servers.values()
    assert broken.get("openai", []) == []
    assert len(broken) >= 3, broken  # other servers' recordings do deviate, and each deviation names its file


def test_the_reports_name_each_deviation_s_recording(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    servers = {Path(path).relative_to(EVIDENCE.parents[1]).as_posix(): server for path, server in _servers().items()}
    assert main(["--cassettes", str(EVIDENCE.relative_to(Path.cwd())), "--report-dir", str(tmp_path)]) == 1
    printed = capsys.readouterr().out
    report = json.loads((tmp_path / "report.json").read_text())
    wheres = [d["where"] for p in report["promises"] for d in p["deviations"]]
    assert wheres
    for where in wheres:
        file = where.removeprefix("recording ").rsplit("#", 1)[0]
        assert servers[file] != "openai", where
        assert where in printed  # the summary line names the recording too
