"""Structured outputs against the bundled mock (no key, no network): `parse()` into a dataclass, a typed function
tool, and `stream()` with its events; the mock answers with JSON that fits the schema sent.

python examples/structured.py
"""

from __future__ import annotations

from dataclasses import dataclass

from chat_completions import Client, function_tool
from chat_completions_mock import running


@dataclass
class Step:
    explanation: str
    output: str


@dataclass
class MathReasoning:
    steps: list[Step]
    final_answer: str


@dataclass
class GetWeather:
    city: str
    unit: str | None = None


def main() -> None:
    messages = [{"role": "user", "content": "Solve 8x + 7 = -23"}]
    with running() as base_url, Client(api_key="sk-mock", base_url=base_url) as client:
        completion = client.chat.completions.parse(
            model="gpt-4o-mini", messages=messages, response_format=MathReasoning
        )
        message = completion.choices[0].message
        if message.parsed is not None:  # a MathReasoning (None when the model refused: see message.refusal)
            print("parsed:", message.parsed.final_answer, f"({len(message.parsed.steps)} steps)")

        calls = client.chat.completions.parse(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Weather in Paris?"}],
            tools=[function_tool(GetWeather)],
            tool_choice="required",
        )
        for call in calls.choices[0].message.tool_calls or []:
            print("tool call:", call.function.name, call.function.parsed_arguments)

        with client.chat.completions.stream(
            model="gpt-4o-mini", messages=messages, response_format=MathReasoning
        ) as stream:
            for event in stream:
                if event.type == "content.delta":
                    print(event.delta, end="", flush=True)
                elif event.type == "content.done":
                    print("\ndone:", type(event.parsed).__name__)
            final = stream.get_final_completion()
        print("final:", final.choices[0].message.parsed is not None, final.to_json(indent=None)[:60], "...")


if __name__ == "__main__":
    main()
