"""A test suite that runs offline in CI on answers recorded from the real API once.

The `chat_completions_cassette` fixture (from the `chat_completions_mock` pytest plugin) serves this test's
cassette directory, `examples/cassettes/<module>.<test>/`, through the mock:

    pytest examples/test_recorded_answers.py            # replays the committed cassettes: no key, no network
    OPENAI_API_KEY=sk-... pytest examples/test_recorded_answers.py --chat-completions-record-mode all
                                                         # records them afresh from https://api.openai.com/v1

Needs `pip install 'chat-completions[mock]' openai` (the mock extra does not bring `openai`). The committed
cassettes were recorded from the bundled mock standing in for the real API, so this example runs anywhere.
"""

from __future__ import annotations

import pytest
from chat_completions import Client
from openai import OpenAI


def test_openai_reads_the_recorded_answer(chat_completions_cassette):
    client = OpenAI(api_key="sk-anything", base_url=chat_completions_cassette.base_url)
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Say this is a test!"}]
    )
    assert completion.choices[0].message.content
    (sent,) = chat_completions_cassette.requests  # what the application sent, and who answered it
    assert sent.body["messages"][0]["content"] == "Say this is a test!"
    assert sent.served_by in ("replay", "upstream")


@pytest.mark.chat_completions_cassette("streamed")
def test_our_sdk_reads_the_recorded_stream(chat_completions_cassette):
    with Client(api_key="sk-anything", base_url=chat_completions_cassette.base_url) as client:
        stream = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Count to three."}], stream=True
        )
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert text
