"""What mypy --strict tells a user about the response fields they read: optional ones are `X | None`, never `Unset`.

Runs mypy (the pinned dev dependency) on small user programs; each takes a few seconds (mypy's cache is kept in a
temporary folder, so the runs after the first are quicker).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

PORTED_FROM_OPENAI = """
    from typing import Literal

    from chat_completions import Client

    def read(client: Client) -> int:
        completion = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "Hi"}])
        fingerprint: str | None = completion.system_fingerprint
        print(fingerprint)
        if completion.usage is not None:
            return completion.usage.total_tokens
        return 0

    def stream(client: Client) -> str:
        text = ""
        for chunk in client.chat.completions.create(model="m", messages=[], stream=True):
            for choice in chunk.choices:
                content: str | None = choice.delta.content
                if content is not None:
                    text += content
        return text

    def calls(client: Client) -> list[str]:
        completion = client.chat.completions.create(model="m", messages=[])
        names = [completion.object, completion.to_json(), completion.model_dump_json(indent=2)]
        for call in completion.choices[0].message.tool_calls or []:
            if call.type == "function":
                names.append(call.function.name + str(call.model_dump(exclude_none=True)))
        return names

    def build() -> tuple[Literal["function"], list[int] | None]:
        from chat_completions_api.models import (
            ChatCompletionMessageToolCall,
            ChatCompletionMessageToolCallFunction,
            ChatCompletionTokenLogprob,
        )

        function = ChatCompletionMessageToolCallFunction(name="add", arguments="{}")
        call = ChatCompletionMessageToolCall(id="c", type="function", function=function)
        token = ChatCompletionTokenLogprob(token="a", logprob=-0.5, bytes=[97], top_logprobs=[])
        return call.type, token.bytes
"""


def _mypy(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    program = tmp_path / "program.py"
    program.write_text(textwrap.dedent(code))
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--cache-dir",
        str(tmp_path.parent / "mypy-cache"),
        "--no-error-summary",
    ]
    return subprocess.run([*command, str(program)], cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)


def test_code_ported_from_openai_type_checks(tmp_path: Path) -> None:
    result = _mypy(tmp_path, PORTED_FROM_OPENAI)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("completion.usage", "CompletionUsage | None"),
        ("completion.system_fingerprint", "str | None"),
        ("chunk.choices[0].delta.content", "str | None"),
        ("chunk.usage", "CompletionUsage | None"),
    ],
)
def test_optional_response_fields_are_x_or_none(tmp_path: Path, expression: str, expected: str) -> None:
    code = f"""
        from chat_completions import Client

        client = Client(api_key="k")
        completion = client.chat.completions.create(model="m", messages=[])
        chunk = next(client.chat.completions.create(model="m", messages=[], stream=True))
        reveal_type({expression})
    """
    result = _mypy(tmp_path, code)
    revealed = [line for line in result.stdout.splitlines() if "Revealed type" in line]
    assert len(revealed) == 1, result.stdout + result.stderr
    names = revealed[0].split('"', 1)[1].rsplit('"', 1)[0]
    parts = {part.strip().rsplit(".", 1)[-1] for part in names.split("|")}
    assert parts == {part.strip() for part in expected.split("|")}
    assert "Unset" not in revealed[0]
