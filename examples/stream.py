"""A streamed completion printed as it arrives, then rebuilt whole, against the bundled mock (no key, no network):

python examples/stream.py
"""

from __future__ import annotations

from chat_completions import ChatCompletionAccumulator, Client
from chat_completions_mock import running


def main() -> None:
    accumulator = ChatCompletionAccumulator()
    with (
        running() as base_url,
        Client(api_key="sk-mock", base_url=base_url) as client,
        client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Say this is a test!"}],
            stream=True,
            stream_options={"include_usage": True},
        ) as stream,
    ):
        for chunk in stream:
            accumulator.add(chunk)
            for choice in chunk.choices:
                print(choice.delta.content or "", end="", flush=True)
    final = accumulator.completion()
    usage = final.usage.total_tokens if final.usage else "?"
    print(
        f"\n({final.id}: finish_reason={final.choices[0].finish_reason}, {usage} tokens, request {stream.request_id})"
    )


if __name__ == "__main__":
    main()
