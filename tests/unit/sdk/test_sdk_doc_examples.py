"""The examples of docs/sdk.md's "Streaming responses" and "Azure OpenAI" sections run against the bundled mock."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[3] / "docs" / "sdk.md"
SECTIONS = ("Streaming responses", "Azure OpenAI")


def _examples(heading: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


@pytest.mark.parametrize("heading", SECTIONS)
def test_the_section_example_runs(heading: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION"):
        monkeypatch.delenv(name, raising=False)
    examples = _examples(heading)
    assert examples, heading
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for code in examples:
            exec(compile(code, f"{DOC.name}: {heading}", "exec"), {})
    printed = out.getvalue()
    assert "This is a test!" in printed
    if heading == "Azure OpenAI":
        assert "This is a test! 1" in printed  # one provider call for the one request
    else:
        assert "data: [DONE]" in printed
        assert "['Say this is a test!']" in printed
