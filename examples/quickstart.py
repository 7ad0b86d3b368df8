"""The quickstart request, end to end, with no key and no network.

Starts the bundled mock server on a free loopback port, sends the quickstart request through
`chat_completions.Client`, and prints the completion:

    python examples/quickstart.py
"""

from __future__ import annotations

from chat_completions import Client
from chat_completions_mock import running


def main() -> None:
    with running() as base_url, Client(api_key="sk-mock", base_url=base_url) as client:
        completion = client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "Say this is a test!"}],
            temperature=0.7,
        )
    print(completion.choices[0].message.content)
    print(f"({completion.id}, {completion.usage.total_tokens} tokens, request {completion._request_id})")


if __name__ == "__main__":
    main()
