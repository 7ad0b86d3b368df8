"""Stored completions, round trip: create → retrieve → update → list → messages → delete → 404."""

from __future__ import annotations

import time
from typing import Any

import hypothesis
from harness import RUN, SCHEMA, cheap, current_target, describe_failure, leaves, satisfy_cross_field_rules, send
from promises import error_body_is_openai_shaped, list_page_is_consistent, object_names_the_type

HELLO = [{"role": "user", "content": "Say this is a test!"}]


def _eventually(fetch: Any, ready: Any, target: Any) -> Any:
    """Real servers index stored completions asynchronously: retry a read a few times before judging it."""
    attempts = 1 if target.bundled else 5
    for attempt in range(attempts):
        result = fetch()
        if ready(result) or attempt == attempts - 1:
            return result
        time.sleep(1.0)
    return None


def test_stored_completion_round_trip(target: Any) -> None:
    tag = f"contract-{time.time_ns()}"
    request = cheap(target, {"messages": HELLO, "store": True, "metadata": {"suite": tag}})
    created = send(target, "POST", "/chat/completions", json=request)
    assert created.status_code == 200, created.text[:300]
    completion_id = created.json()["id"]

    got = _eventually(
        lambda: send(target, "GET", f"/chat/completions/{completion_id}"), lambda r: r.status_code == 200, target
    )
    assert got.status_code == 200, f"retrieve of a stored completion: {got.status_code}"
    object_names_the_type("getChatCompletion", got.json())
    assert got.json()["id"] == completion_id

    updated = send(
        target, "POST", f"/chat/completions/{completion_id}", json={"metadata": {"suite": tag, "step": "updated"}}
    )
    assert updated.status_code == 200, updated.text[:300]
    object_names_the_type("updateChatCompletion", updated.json())
    assert updated.json()["metadata"] == {"suite": tag, "step": "updated"}

    def listed() -> Any:
        return send(target, "GET", "/chat/completions", params={"metadata[suite]": tag, "limit": 10})

    page = _eventually(listed, lambda r: r.status_code == 200 and r.json().get("data"), target)
    assert page.status_code == 200, f"list: {page.status_code}"
    body = page.json()
    list_page_is_consistent(body)
    assert completion_id in [item["id"] for item in body["data"]], (
        "the metadata filter does not find the stored completion"
    )

    messages = send(target, "GET", f"/chat/completions/{completion_id}/messages")
    assert messages.status_code == 200, f"messages: {messages.status_code}"
    list_page_is_consistent(messages.json())
    assert all("id" in m for m in messages.json()["data"]), "every listed message has an id"

    deleted = send(target, "DELETE", f"/chat/completions/{completion_id}")
    assert deleted.status_code == 200
    object_names_the_type("deleteChatCompletion", deleted.json())
    assert deleted.json() == {"object": "chat.completion.deleted", "id": completion_id, "deleted": True}

    gone = send(target, "GET", f"/chat/completions/{completion_id}")
    assert gone.status_code == 404, f"retrieve after delete: {gone.status_code}"
    error_body_is_openai_shaped(404, gone.json())


def test_pagination_walks_every_item_once(target: Any) -> None:
    tag = f"pages-{time.time_ns()}"
    created = []
    for _ in range(3):
        response = send(
            target,
            "POST",
            "/chat/completions",
            json=cheap(target, {"messages": HELLO, "store": True, "metadata": {"suite": tag}}),
        )
        assert response.status_code == 200, f"create with store: {response.status_code}"
        created.append(response.json()["id"])
    seen: list[str] = []
    after: str | None = None
    for _ in range(5):
        params = {"metadata[suite]": tag, "limit": 2, "order": "asc", **({"after": after} if after else {})}
        answer = send(target, "GET", "/chat/completions", params=params)
        assert answer.status_code == 200, f"list: {answer.status_code}"
        page = answer.json()
        list_page_is_consistent(page)
        seen += [item["id"] for item in page["data"]]
        if not page["has_more"]:
            break
        after = page["last_id"]
    assert sorted(seen) == sorted(created), "paging with after/limit must return each stored completion once"
    for completion_id in created:
        send(target, "DELETE", f"/chat/completions/{completion_id}")


class StoredCompletions(SCHEMA.as_state_machine()):  # type: ignore[misc]
    """schemathesis's state machine over the spec's links, with every create stored and not streamed."""

    def before_call(self, case: Any) -> None:
        if case.operation.path == "/chat/completions" and case.method.upper() == "POST" and isinstance(case.body, dict):
            case.body = satisfy_cross_field_rules({**case.body, "store": True, "stream": False})

    def get_call_kwargs(self, case: Any) -> dict[str, Any]:
        target = current_target()
        return {"base_url": target.base_url, "headers": target.headers}

    def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
        try:
            super().validate_response(response, case, **kwargs)
        except* AssertionError as group:
            for failure in leaves(group):
                title = getattr(failure, "title", type(failure).__name__)
                if not title.startswith("Custom check failed"):  # our promises recorded themselves
                    current_target().record(
                        f"stateful {case.operation.label}", title, describe_failure(failure, response)
                    )
            raise


def test_state_machine_over_links(target: Any) -> None:
    settings = hypothesis.settings(
        max_examples=max(1, RUN.max_examples // 4),
        stateful_step_count=6,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.reuse, hypothesis.Phase.generate],  # no shrinking
    )
    StoredCompletions.run(settings=settings)
