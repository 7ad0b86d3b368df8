"""Model profiles: each refusal sent as OpenAI refused it and in the form it accepts, unknown models, answers per model."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from chat_completions_mock import PROFILES, MockServer, Profile, create_app
from chat_completions_mock._models import Models, parse_model_aliases
from mock_support import KEY, assert_error, assert_valid, request, sse_data, user

AUDIO_PART = {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}
IMAGE_PART = {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}
WITH_IMAGE = [{"role": "user", "content": [{"type": "text", "text": "What is this?"}, IMAGE_PART]}]
WITH_AUDIO = [{"role": "user", "content": [{"type": "text", "text": "Transcribe this."}, AUDIO_PART]}]
AUDIO_OUT = {"modalities": ["text", "audio"], "audio": {"voice": "alloy", "format": "wav"}}

#: refusal name -> (refused request, (status, param, code, message), accepted request). Requests are fields of the
#: seed request; each message is OpenAI's own, as recorded where the refusal's `source` says.
CASES: dict[str, tuple[dict[str, Any], tuple[int, str | None, str | None, str], dict[str, Any]]] = {
    "max_tokens_renamed": (
        {"model": "o1-mini", "max_tokens": 5},
        (
            400,
            "max_tokens",
            "unsupported_parameter",
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens'"
            " instead.",
        ),
        {"model": "o1-mini", "max_completion_tokens": 5},
    ),
    "temperature_only_default": (
        {"model": "gpt-5", "temperature": 0.2},
        (
            400,
            "temperature",
            "unsupported_value",
            "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is"
            " supported.",
        ),
        {"model": "gpt-5", "temperature": 1},
    ),
    "temperature_not_supported": (
        {"model": "o3-mini", "temperature": 0.5},
        (
            400,
            "temperature",
            "unsupported_parameter",
            "Unsupported parameter: 'temperature' is not supported with this model.",
        ),
        {"model": "o3-mini"},
    ),
    "top_p_not_supported": (
        {"model": "o3", "top_p": 0.5},
        (400, "top_p", "unsupported_parameter", "Unsupported parameter: 'top_p' is not supported with this model."),
        {"model": "o3", "top_p": 1},
    ),
    "logprobs_forbidden": (
        {"model": "o4-mini", "logprobs": True},
        (403, None, None, "You are not allowed to request logprobs from this model"),
        {"model": "o4-mini", "logprobs": False},
    ),
    "web_search_options_unknown": (
        {"model": "gpt-4o-mini", "web_search_options": {}},
        (400, "web_search_options", "unknown_parameter", "Unknown parameter: 'web_search_options'."),
        {"model": "gpt-4o-mini-search-preview", "web_search_options": {}},
    ),
    "reasoning_effort_unrecognized": (
        {"model": "gpt-4o", "reasoning_effort": "low"},
        (400, None, None, "Unrecognized request argument supplied: reasoning_effort"),
        {"model": "o3-mini", "reasoning_effort": "low"},
    ),
    "sampling_incompatible": (
        {"model": "gpt-4o-search-preview", "temperature": 0.5, "top_p": 0.9},
        (400, None, None, "Model incompatible request arguments supplied: temperature, top_p"),
        {"model": "gpt-4o-search-preview"},
    ),
    "roles_refused": (
        {"model": "o1-mini", "messages": [{"role": "developer", "content": "Be brief."}, *user("Say hi")]},
        (
            400,
            "messages[0].role",
            "unsupported_value",
            "Unsupported value: 'messages[0].role' does not support 'developer' with this model.",
        ),
        {"model": "o1-mini", "messages": user("Be brief. Say hi")},
    ),
    "images_refused": (
        {"model": "o1-mini", "messages": WITH_IMAGE},
        (
            400,
            "messages.[0].content.[1].type",
            None,
            "Invalid content type. image_url is only supported by certain models.",
        ),
        {"model": "gpt-4o", "messages": WITH_IMAGE},
    ),
    "audio_input_refused": (
        {"model": "gpt-4o", "messages": WITH_AUDIO},
        (
            400,
            "messages[0]",
            "invalid_value",
            "Invalid 'messages[0]'. Content blocks are expected to be either text or image_url type.",
        ),
        {"model": "gpt-4o-audio-preview", "messages": WITH_AUDIO},
    ),
    "audio_required": (
        {"model": "gpt-4o-audio-preview"},
        (
            400,
            "model",
            "invalid_value",
            "This model requires that either input content or output modality contain audio.",
        ),
        {"model": "gpt-4o-audio-preview", **AUDIO_OUT},
    ),
    "output_limit": (
        {"model": "gpt-4o-mini", "max_completion_tokens": 20_000},
        (
            400,
            "max_completion_tokens",
            "invalid_value",
            "max_completion_tokens is too large: 20000. This model supports at most 16384 completion tokens, whereas"
            " you provided 20000.",
        ),
        {"model": "gpt-4.1", "max_completion_tokens": 20_000},
    ),
}


def test_every_kind_of_refusal_has_a_case() -> None:
    declared = {refusal.name for profile in PROFILES for refusal in profile.refusals}
    assert declared == set(CASES), f"give each refusal a case in CASES ({__file__}): {sorted(declared ^ set(CASES))}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_refused_request_gets_openais_error_and_the_accepted_form_an_answer(client: httpx.Client, name: str) -> None:
    refused, (status, param, code, message), accepted = CASES[name]
    error = assert_error(client.post("/chat/completions", json=request(**refused)), status, param, code)
    assert (error["type"], error["message"]) == ("invalid_request_error", message)
    answer = client.post("/chat/completions", json=request(**accepted))
    assert answer.status_code == 200, answer.text
    assert answer.json()["model"] == accepted["model"]


def test_unknown_models_get_model_not_found(client: httpx.Client) -> None:
    error = assert_error(client.post("/chat/completions", json=request(model="no-such-model")), 404, None)
    assert error == {
        "message": "The model `no-such-model` does not exist or you do not have access to it.",
        "type": "invalid_request_error",
        "param": None,
        "code": "model_not_found",
    }
    assert_error(client.get("/models/no-such-model"), 404, None, "model_not_found")


def test_snapshots_resolve_to_their_profile_and_are_echoed(client: httpx.Client) -> None:
    answer = client.post("/chat/completions", json=request(model="gpt-5-mini-2025-08-07")).json()
    assert answer["model"] == "gpt-5-mini-2025-08-07"
    assert answer["usage"]["completion_tokens_details"]["reasoning_tokens"] > 0
    error = client.post("/chat/completions", json=request(model="gpt-5-mini-2025-08-07", max_tokens=9)).json()
    assert error["error"]["code"] == "unsupported_parameter"


def test_models_are_listed(client: httpx.Client) -> None:
    listed = client.get("/models").json()
    assert listed["object"] == "list"
    ids = [m["id"] for m in listed["data"]]
    assert {"gpt-4o-mini", "gpt-4o-mini-2024-07-18", "o1-mini", "gpt-5-nano-2025-08-07"} <= set(ids)
    assert all(m["object"] == "model" and m["owned_by"] == "system" for m in listed["data"])
    assert client.get("/models/o3").json() == {
        "id": "o3",
        "object": "model",
        "created": 1_700_000_000,
        "owned_by": "system",
    }


def test_models_adds_names_and_any_model_serves_every_name() -> None:
    app = create_app(models=["my-deployment,other=o1-mini"])
    with (
        MockServer(models={"my-deployment": "o1-mini"}) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {KEY}"}) as http,
    ):
        answer = http.post("/chat/completions", json=request(model="my-deployment"))
        assert answer.json()["model"] == "my-deployment"
        refused = http.post("/chat/completions", json=request(model="my-deployment", max_tokens=3))
        assert refused.json()["error"]["code"] == "unsupported_parameter"  # it answers as o1-mini
        assert http.get("/models/my-deployment").json()["owned_by"] == "user"
        assert http.post("/chat/completions", json=request(model="unlisted")).status_code == 404
    assert set(app.mock.models.aliases) == {"my-deployment", "other"}
    assert Models(any_model=True).resolve("anything").name == "gpt-4o-mini"


@pytest.mark.parametrize("spec", ["no-equals", "x=no-such-profile", "=gpt-4o"])
def test_bad_model_aliases_are_refused_in_one_line(spec: str) -> None:
    with pytest.raises(ValueError, match="--models"):
        parse_model_aliases([spec])


def test_reasoning_models_answer_as_recorded(client: httpx.Client) -> None:
    answer = client.post("/chat/completions", json=request(model="gpt-5")).json()
    usage = answer["usage"]
    reasoning = usage["completion_tokens_details"]["reasoning_tokens"]
    visible = len(answer["choices"][0]["message"]["content"].split())  # "\n\nThis is a test!": a few tokens
    assert reasoning > visible
    assert usage["completion_tokens"] > reasoning  # reasoning tokens count as completion tokens
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert answer["system_fingerprint"] is None
    assert "logprobs" not in answer["choices"][0]
    low = client.post("/chat/completions", json=request(model="gpt-5", reasoning_effort="low")).json()
    assert low["usage"]["completion_tokens_details"]["reasoning_tokens"] < reasoning
    capped = client.post("/chat/completions", json=request(model="gpt-5", max_completion_tokens=8)).json()
    assert capped["usage"]["completion_tokens"] <= 8


def test_chat_models_answer_as_before(client: httpx.Client) -> None:
    answer = client.post("/chat/completions", json=request(model="gpt-4o-mini")).json()
    assert answer["system_fingerprint"].startswith("fp_")
    assert answer["choices"][0]["logprobs"] is None
    assert answer["usage"]["completion_tokens_details"]["reasoning_tokens"] == 0


def test_streams_carry_obfuscation_and_the_profile_usage(client: httpx.Client) -> None:
    body = request(model="o3-mini", stream=True, stream_options={"include_usage": True})
    chunks = [json.loads(d) for d in sse_data(client.post("/chat/completions", json=body).text) if d != "[DONE]"]
    assert all(isinstance(c["obfuscation"], str) and c["obfuscation"] for c in chunks)
    assert len({c["obfuscation"] for c in chunks}) > 1
    assert all("logprobs" not in choice for c in chunks for choice in c["choices"])
    plain = client.post("/chat/completions", json=request(model="o3-mini")).json()
    assert chunks[-1]["usage"] == plain["usage"]
    quiet = request(model="o3-mini", stream=True, stream_options={"include_obfuscation": False})
    assert "obfuscation" not in client.post("/chat/completions", json=quiet).text


def test_audio_models_split_usage_by_modality(client: httpx.Client) -> None:
    usage = client.post("/chat/completions", json=request(model="gpt-4o-audio-preview", **AUDIO_OUT)).json()["usage"]
    assert usage["prompt_tokens_details"]["text_tokens"] == usage["prompt_tokens"]
    assert usage["completion_tokens_details"]["text_tokens"] == usage["completion_tokens"]


def test_each_model_has_its_own_context_window(client: httpx.Client) -> None:
    long = user("hello " * 150_000)  # past o1-mini's 128k, within gpt-5's 400k
    assert_error(
        client.post("/chat/completions", json=request(model="o1-mini", messages=long)),
        400,
        "messages",
        "context_length_exceeded",
    )
    assert client.post("/chat/completions", json=request(model="gpt-5", messages=long)).status_code == 200


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_every_models_answers_are_valid_against_the_spec(client: httpx.Client, profile: Profile) -> None:
    body = profile.repair(request(model=profile.name, messages=user("Tell me a story")))
    answer = client.post("/chat/completions", json=body)
    assert answer.status_code == 200, answer.text
    assert_valid("CreateChatCompletionResponse", answer.json())
    streamed = client.post(
        "/chat/completions", json={**body, "stream": True, "stream_options": {"include_usage": True}}
    )
    for data in sse_data(streamed.text)[:-1]:
        assert_valid("CreateChatCompletionStreamResponse", json.loads(data))


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_each_model_takes_the_parts_and_roles_its_profile_lists(client: httpx.Client, profile: Profile) -> None:
    parts = {"image_url": IMAGE_PART, "input_audio": AUDIO_PART}
    for kind, part in parts.items():
        messages = [{"role": "user", "content": [{"type": "text", "text": "Say hi"}, part]}]
        body = request(model=profile.name, messages=messages)
        if profile.name == "gpt-4o-audio-preview" and kind != "input_audio":
            body.update(AUDIO_OUT)  # audio out, so that only the part decides
        status = client.post("/chat/completions", json=body).status_code
        assert (status == 200) == (kind in profile.parts), (kind, status)
    for role in ("system", "developer"):
        body = profile.repair(
            request(model=profile.name, messages=[{"role": role, "content": "Be brief."}, *user("Hi")])
        )
        body["messages"][0]["role"] = role  # repair may have changed it: send it as the test means
        status = client.post("/chat/completions", json=body).status_code
        assert (status == 200) == (role in profile.roles), (role, status)
