"""Stored completions: the round trip, filters and pagination, SQLite across restarts, concurrent changes."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from chat_completions_mock import MockServer
from mock_support import KEY, assert_error, assert_valid, request, user


def store(client: httpx.Client, text: str, **fields: Any) -> dict[str, Any]:
    response = client.post("/chat/completions", json=request(messages=user(text), store=True, **fields))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def listing(client: httpx.Client, **params: Any) -> dict[str, Any]:
    response = client.get("/chat/completions", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert_valid("ChatCompletionList", body)
    return body


def test_round_trip(client: httpx.Client) -> None:
    tag = uuid.uuid4().hex
    created = store(client, "Remember me", metadata={"run": tag})
    completion_id = created["id"]

    fetched = client.get(f"/chat/completions/{completion_id}")
    assert fetched.status_code == 200
    assert_valid("CreateChatCompletionResponse", fetched.json())
    assert fetched.json()["choices"] == created["choices"]
    assert fetched.json()["metadata"] == {"run": tag}

    found = listing(client, **{"metadata[run]": tag})
    assert [c["id"] for c in found["data"]] == [completion_id]
    assert found["first_id"] == found["last_id"] == completion_id
    assert found["has_more"] is False

    updated = client.post(f"/chat/completions/{completion_id}", json={"metadata": {"run": tag, "seen": "yes"}})
    assert updated.status_code == 200
    assert_valid("CreateChatCompletionResponse", updated.json())
    assert updated.json()["metadata"] == {"run": tag, "seen": "yes"}
    assert listing(client, **{"metadata[seen]": "yes", "metadata[run]": tag})["data"][0]["id"] == completion_id

    messages = client.get(f"/chat/completions/{completion_id}/messages")
    assert messages.status_code == 200
    assert_valid("ChatCompletionMessageList", messages.json())
    assert [m["content"] for m in messages.json()["data"]] == ["Remember me"]
    assert messages.json()["data"][0]["id"] == f"{completion_id}-0"

    deleted = client.delete(f"/chat/completions/{completion_id}")
    assert deleted.status_code == 200
    assert_valid("ChatCompletionDeleted", deleted.json())
    assert deleted.json() == {"object": "chat.completion.deleted", "id": completion_id, "deleted": True}
    assert_error(client.get(f"/chat/completions/{completion_id}"), 404)
    assert_error(client.delete(f"/chat/completions/{completion_id}"), 404)
    assert listing(client, **{"metadata[run]": tag})["data"] == []


def test_unstored_completions_are_not_kept(client: httpx.Client) -> None:
    created = client.post("/chat/completions", json=request(messages=user("forget me"))).json()
    assert_error(client.get(f"/chat/completions/{created['id']}"), 404)


def test_pagination_and_order(client: httpx.Client) -> None:
    tag = uuid.uuid4().hex
    ids = [store(client, f"item {i}", metadata={"page": tag})["id"] for i in range(5)]
    selector = {"metadata[page]": tag}
    first = listing(client, limit=2, **selector)
    assert [c["id"] for c in first["data"]] == ids[:2]
    assert first["has_more"] is True
    assert (first["first_id"], first["last_id"]) == (ids[0], ids[1])
    second = listing(client, limit=2, after=first["last_id"], **selector)
    assert [c["id"] for c in second["data"]] == ids[2:4]
    third = listing(client, limit=2, after=second["last_id"], **selector)
    assert [c["id"] for c in third["data"]] == ids[4:]
    assert third["has_more"] is False
    newest = listing(client, order="desc", limit=3, **selector)
    assert [c["id"] for c in newest["data"]] == ids[::-1][:3]
    assert listing(client, after="chatcmpl-unknown", **selector)["data"] == []
    assert len(listing(client, limit=1000, **selector)["data"]) == 5
    assert len(listing(client, limit=0, **selector)["data"]) == 1  # clamped to 1..100


def test_model_filter(client: httpx.Client) -> None:
    tag = uuid.uuid4().hex
    store(client, "a", model="gpt-4o", metadata={"m": tag})
    store(client, "b", model="gpt-4.1-mini", metadata={"m": tag})
    found = listing(client, model="gpt-4.1-mini", **{"metadata[m]": tag})
    assert [c["model"] for c in found["data"]] == ["gpt-4.1-mini"]


def test_messages_are_paginated(client: httpx.Client) -> None:
    history = [
        {"role": "system", "content": "be brief"},
        *user("one"),
        {"role": "assistant", "content": "two"},
        {"role": "user", "content": [{"type": "text", "text": "three"}]},
    ]
    created = client.post("/chat/completions", json=request(messages=history, store=True)).json()
    url = f"/chat/completions/{created['id']}/messages"
    page = client.get(url, params={"limit": 2}).json()
    assert [m["content"] for m in page["data"]] == ["be brief", "one"]
    assert page["has_more"] is True
    rest = client.get(url, params={"limit": 2, "after": page["last_id"]}).json()
    assert [m["content"] for m in rest["data"]] == ["two", "three"]
    assert rest["data"][1]["content_parts"] == [{"type": "text", "text": "three"}]
    assert rest["has_more"] is False
    backwards = client.get(url, params={"order": "desc"}).json()
    assert [m["content"] for m in backwards["data"]] == ["three", "two", "one", "be brief"]
    for item in backwards["data"]:
        assert_valid("ChatCompletionMessageList", {**backwards, "data": [item]})


def test_update_with_null_metadata_clears_it(client: httpx.Client) -> None:
    created = store(client, "clear me", metadata={"a": "b"})
    updated = client.post(f"/chat/completions/{created['id']}", json={"metadata": None})
    assert updated.json()["metadata"] == {}


def test_permissive_mode_synthesizes_unknown_ids(permissive: httpx.Client) -> None:
    fetched = permissive.get("/chat/completions/chatcmpl-fixed-id")
    assert fetched.status_code == 200
    assert_valid("CreateChatCompletionResponse", fetched.json())
    assert fetched.json()["id"] == "chatcmpl-fixed-id"
    updated = permissive.post("/chat/completions/chatcmpl-fixed-id", json={"metadata": {"k": "v"}})
    assert updated.json()["metadata"] == {"k": "v"}
    deleted = permissive.delete("/chat/completions/chatcmpl-fixed-id")
    assert deleted.json() == {"object": "chat.completion.deleted", "id": "chatcmpl-fixed-id", "deleted": True}
    messages = permissive.get("/chat/completions/chatcmpl-fixed-id/messages")
    assert_valid("ChatCompletionMessageList", messages.json())
    assert messages.json()["data"]


def test_sqlite_store_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    headers = {"Authorization": f"Bearer {KEY}"}
    with MockServer(store_path=path) as first, httpx.Client(base_url=first.base_url, headers=headers) as http:
        kept = [store(http, f"keep {i}", metadata={"i": str(i)})["id"] for i in range(4)]
        http.post(f"/chat/completions/{kept[1]}", json={"metadata": {"i": "updated"}})
        http.delete(f"/chat/completions/{kept[2]}")
    with MockServer(store_path=path) as second, httpx.Client(base_url=second.base_url, headers=headers) as http:
        found = listing(http)
        assert [c["id"] for c in found["data"]] == [kept[0], kept[1], kept[3]]
        assert http.get(f"/chat/completions/{kept[1]}").json()["metadata"] == {"i": "updated"}
        assert_error(http.get(f"/chat/completions/{kept[2]}"), 404)
        assert http.get(f"/chat/completions/{kept[3]}/messages").json()["data"][0]["content"] == "keep 3"
        fresh = store(http, "after restart")["id"]
        assert fresh not in kept
        assert listing(http)["last_id"] == fresh


async def _churn(base_url: str, worker: int, rounds: int) -> tuple[list[str], list[str]]:
    """Create, update and delete; returns (kept ids, deleted ids)."""
    kept: list[str] = []
    deleted: list[str] = []
    headers = {"Authorization": f"Bearer {KEY}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as http:
        for i in range(rounds):
            body = request(messages=user(f"w{worker} r{i}"), store=True, metadata={"worker": str(worker)})
            created = (await http.post("/chat/completions", json=body)).json()["id"]
            update = await http.post(
                f"/chat/completions/{created}", json={"metadata": {"worker": str(worker), "round": str(i)}}
            )
            assert update.status_code == 200
            if i % 3 == 0:
                assert (await http.delete(f"/chat/completions/{created}")).status_code == 200
                deleted.append(created)
            else:
                kept.append(created)
    return kept, deleted


@pytest.mark.parametrize("persist", [False, True], ids=["memory", "sqlite"])
def test_concurrent_changes_lose_nothing(tmp_path: Path, persist: bool) -> None:
    path = tmp_path / "churn.sqlite3" if persist else None
    workers, rounds = 12, 9

    async def run(base_url: str) -> list[tuple[list[str], list[str]]]:
        return list(await asyncio.gather(*(_churn(base_url, w, rounds) for w in range(workers))))

    with MockServer(store_path=path) as server:
        results = asyncio.run(run(server.base_url))
        kept = {i for k, _ in results for i in k}
        deleted = {i for _, d in results for i in d}
        assert len(kept) + len(deleted) == workers * rounds
        with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {KEY}"}) as http:
            assert server.stats()["stored_completions"] == len(kept)
            listed = {c["id"]: c for c in listing(http, limit=100)["data"]}
            listed.update({c["id"]: c for c in listing(http, limit=100, order="desc")["data"]})
            assert set(listed) == kept
            for completion in listed.values():
                assert completion["metadata"]["round"] in {str(i) for i in range(rounds)}
    if path is not None:
        with (
            MockServer(store_path=path) as again,
            httpx.Client(base_url=again.base_url, headers={"Authorization": f"Bearer {KEY}"}) as http,
        ):
            listed_ids = {c["id"] for c in listing(http, limit=100)["data"]}
            listed_ids |= {c["id"] for c in listing(http, limit=100, order="desc")["data"]}
            assert listed_ids == kept
            assert all(http.get(f"/chat/completions/{i}").json()["metadata"]["worker"] for i in kept)
