"""Stored completions under concurrent create/update/delete, and across restarts of `--store PATH` (SQLite).

The unit tests already churn disjoint completions per worker; here many workers race on the *same* completions,
every answer is checked against what was written (nothing lost, nothing mixed, no update after a delete), the
store is compared before and after a graceful restart and after a crash (SIGKILL during a burst of writes: every
answered change must be there), and ids are never handed out twice across restarts.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import signal
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from reliability_support import KEY, SEED, MockProcess

pytestmark = pytest.mark.slow  # reliability: `pytest -m "not slow"` skips it

HEADERS = {"Authorization": f"Bearer {KEY}"}
WORKERS, OPS, COMPLETIONS = 16, 40, 120


@dataclasses.dataclass
class Op:
    """One operation as the client saw it: what was sent, what came back, and when."""

    worker: int
    kind: str
    cid: str
    start: float
    end: float = 0.0
    status: int = 0
    sent: dict[str, str] | None = None
    got: Any = None


def _without_metadata(completion: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in completion.items() if k != "metadata"}


async def _create(http: httpx.AsyncClient, i: int) -> str:
    fields: dict[str, Any] = {
        "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": f"Tell me about {i}"}],
        "store": True,
        "metadata": {"i": str(i)},
    }
    if i % 4 == 3:  # streamed and stored
        async with http.stream("POST", "/chat/completions", json={**SEED, **fields, "stream": True}) as response:
            assert response.status_code == 200
            data = [line[6:] async for line in response.aiter_lines() if line.startswith("data: ")]
        assert data[-1] == "[DONE]"
        return str(httpx.Response(200, content=data[0]).json()["id"])
    response = await http.post("/chat/completions", json={**SEED, **fields})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


async def _all_pages(http: httpx.AsyncClient, path: str, order: str = "asc") -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 100, "order": order}
        if after:
            params["after"] = after
        page = (await http.get(path, params=params)).json()
        items += page["data"]
        if not page["has_more"]:
            return items
        after = page["last_id"]


async def snapshot(base_url: str) -> dict[str, Any]:
    """Every stored completion (as listed, retrieved, and with its messages), keyed by id."""
    async with httpx.AsyncClient(base_url=base_url, headers=HEADERS, timeout=30) as http:
        listed = await _all_pages(http, "/chat/completions")
        backwards = await _all_pages(http, "/chat/completions", "desc")
        assert [c["id"] for c in backwards] == [c["id"] for c in reversed(listed)]
        assert len({c["id"] for c in listed}) == len(listed)
        result: dict[str, Any] = {}
        for completion in listed:
            cid = completion["id"]
            retrieved = (await http.get(f"/chat/completions/{cid}")).json()
            assert retrieved == completion
            result[cid] = (completion, await _all_pages(http, f"/chat/completions/{cid}/messages"))
        return result


async def _worker(
    http: httpx.AsyncClient, worker: int, ids: list[str], originals: dict[str, Any], log: list[Op]
) -> None:
    rng = random.Random(1000 + worker)
    for n in range(OPS):
        cid = rng.choice(ids)
        kind = rng.choices(["update", "retrieve", "delete", "list", "messages"], [8, 4, 1, 2, 2])[0]
        op = Op(worker, kind, cid, time.monotonic())
        if kind == "update":
            op.sent = {"w": str(worker), "n": str(n)}
            response = await http.post(f"/chat/completions/{cid}", json={"metadata": op.sent})
        elif kind == "retrieve":
            response = await http.get(f"/chat/completions/{cid}")
        elif kind == "delete":
            response = await http.delete(f"/chat/completions/{cid}")
        elif kind == "messages":
            response = await http.get(f"/chat/completions/{cid}/messages", params={"limit": 100})
        else:
            params = {"limit": 20, "order": rng.choice(["asc", "desc"]), "after": cid}
            response = await http.get("/chat/completions", params=params)
        op.end, op.status, op.got = time.monotonic(), response.status_code, response.json()
        log.append(op)
        assert op.status in (200, 404), (kind, op.status, op.got)
        if kind == "list":
            assert op.status == 200
            page = op.got["data"]
            assert len({c["id"] for c in page}) == len(page)
            for completion in page:
                assert _without_metadata(completion) == _without_metadata(originals[completion["id"]][0])


def check_log(log: list[Op], originals: dict[str, Any], final: dict[str, Any]) -> dict[str, int]:
    """Every answer agrees with what was written; the final state is what the acknowledged changes imply."""
    by_id: dict[str, list[Op]] = {}
    for op in log:
        by_id.setdefault(op.cid, []).append(op)
    counts = {"deleted": 0, "updates acknowledged": 0, "404 after delete": 0}
    deleted_when = {op.cid: op.end for op in log if op.kind == "delete" and op.status == 200}
    for op in log:
        if op.kind == "list":  # a page never shows a completion whose delete was answered before it was asked for
            gone = [c["id"] for c in op.got["data"] if deleted_when.get(c["id"], op.start) < op.start]
            assert not gone, f"listed after their delete: {gone}"
            if deleted_when.get(op.cid, op.start) < op.start:
                assert op.got["data"] == []  # `after` an unknown id: an empty page
    for cid, ops in by_id.items():
        original, messages = originals[cid]
        deletes = [op for op in ops if op.kind == "delete" and op.status == 200]
        assert len(deletes) <= 1, f"{cid} deleted {len(deletes)} times"
        deleted_at = deletes[0].end if deletes else None
        assert (cid not in final) == bool(deletes), f"{cid}: deleted={bool(deletes)}, stored={cid in final}"
        counts["deleted"] += bool(deletes)
        updates = [op for op in ops if op.kind == "update"]
        for op in ops:
            if op.kind == "list":
                continue
            if deleted_at is not None and op.start > deleted_at:  # began after the delete was answered
                assert op.status == 404, f"{cid}: {op.kind} after its delete got {op.status}"
                counts["404 after delete"] += 1
            if op.status == 404:
                assert deletes, f"{cid}: {op.kind} got 404 but it was never deleted"
                continue
            if op.kind in ("update", "retrieve"):
                assert _without_metadata(op.got) == _without_metadata(original), f"{cid}: corrupted answer"
                seen = op.got["metadata"]
                possible = [original["metadata"]] + [u.sent for u in updates if u.start < op.end]
                assert seen in possible, f"{cid}: metadata {seen} was never written"
            if op.kind == "update":
                assert op.got["metadata"] == op.sent
            if op.kind == "messages":
                assert op.got["data"] == messages
        acked = [u for u in updates if u.status == 200]
        counts["updates acknowledged"] += len(acked)
        if cid in final:
            last = [u.sent for u in acked if not any(v.start > u.end for v in acked)]
            expected = last or [original["metadata"]]
            assert final[cid][0]["metadata"] in expected, f"{cid}: final {final[cid][0]['metadata']} not in {expected}"
            assert final[cid][1] == messages
    return counts


TAIL = [  # created last before a restart, then again after it: the same requests must get new ids
    {**SEED, "messages": [{"role": "user", "content": "Say unstored"}]},
    {**SEED, "messages": [{"role": "user", "content": "Say deleted"}], "store": True},
    {**SEED, "messages": [{"role": "user", "content": "Say unstored too"}]},
]


async def _tail(base_url: str) -> list[str]:
    """Create the `TAIL` requests (deleting the stored one); their ids."""
    async with httpx.AsyncClient(base_url=base_url, headers=HEADERS, timeout=30) as http:
        ids = [(await http.post("/chat/completions", json=body)).json()["id"] for body in TAIL]
        assert (await http.delete(f"/chat/completions/{ids[1]}")).status_code == 200
        return ids


async def _crash_burst(proc: MockProcess, ids: list[str]) -> tuple[dict[str, dict[str, str]], set[str], list[str]]:
    """Updates on distinct ids, deletes and creates, all at once; SIGKILL once half of them are answered."""
    acked_updates: dict[str, dict[str, str]] = {}
    acked_deletes: set[str] = set()
    acked_creates: list[str] = []
    answered = 0
    enough = asyncio.Event()
    total = len(ids)

    async def one(http: httpx.AsyncClient, index: int, cid: str) -> None:
        nonlocal answered
        try:
            if index % 5 == 4:
                response = await http.delete(f"/chat/completions/{cid}")
                if response.status_code == 200:
                    acked_deletes.add(cid)
            elif index % 5 == 3:
                response = await http.post(
                    "/chat/completions", json={**SEED, "store": True, "metadata": {"crash": str(index)}}
                )
                if response.status_code == 200:
                    acked_creates.append(response.json()["id"])
            else:
                metadata = {"crash": str(index)}
                response = await http.post(f"/chat/completions/{cid}", json={"metadata": metadata})
                if response.status_code == 200:
                    acked_updates[cid] = metadata
        except httpx.TransportError:
            return  # killed before answering: this change may or may not have been kept
        answered += 1
        if answered >= total // 2:
            enough.set()

    limits = httpx.Limits(max_connections=64)
    async with httpx.AsyncClient(base_url=proc.base_url, headers=HEADERS, timeout=30, limits=limits) as http:
        tasks = [asyncio.create_task(one(http, i, cid)) for i, cid in enumerate(ids)]
        await asyncio.wait_for(enough.wait(), 30)
        proc.stop(signal.SIGKILL)
        await asyncio.gather(*tasks)
    return acked_updates, acked_deletes, acked_creates


@pytest.mark.timeout(150)
def test_concurrent_changes_restart_and_crash_lose_nothing(tmp_path: Path, figure: Any) -> None:
    path = str(tmp_path / "store.sqlite3")
    seen_ids: set[str] = set()
    proc = MockProcess("--store", path).start()
    try:

        async def phase_one() -> tuple[dict[str, Any], list[Op]]:
            limits = httpx.Limits(max_connections=WORKERS)
            async with httpx.AsyncClient(base_url=proc.base_url, headers=HEADERS, timeout=30, limits=limits) as http:
                sem = asyncio.Semaphore(WORKERS)

                async def create(i: int) -> str:
                    async with sem:
                        return await _create(http, i)

                ids = list(await asyncio.gather(*(create(i) for i in range(COMPLETIONS))))
                originals = await snapshot(proc.base_url)
                assert set(originals) == set(ids)
                log: list[Op] = []
                await asyncio.gather(*(_worker(http, w, ids, originals, log) for w in range(WORKERS)))
                return originals, log

        originals, log = asyncio.run(phase_one())
        seen_ids |= set(originals)
        final = asyncio.run(snapshot(proc.base_url))
        counts = check_log(log, originals, final)
        assert len(log) == WORKERS * OPS
        assert proc.stats()["stored_completions"] == len(final)
        assert counts["deleted"] >= 5, counts  # the race really ran
        assert counts["updates acknowledged"] >= 100, counts

        # A graceful restart keeps everything exactly, and hands out no id twice.
        seen_ids |= set(asyncio.run(_tail(proc.base_url)))
        assert proc.stop(signal.SIGTERM) == 0
        proc = MockProcess("--store", path).start()
        assert asyncio.run(snapshot(proc.base_url)) == final
        fresh = asyncio.run(_tail(proc.base_url))
        assert not set(fresh) & seen_ids, f"ids reused after a restart: {sorted(set(fresh) & seen_ids)}"
        seen_ids |= set(fresh)

        # A crash in the middle of a burst of writes keeps every change that was answered.
        before_crash = asyncio.run(snapshot(proc.base_url))
        targets = list(before_crash)[:100]
        acked_updates, acked_deletes, acked_creates = asyncio.run(_crash_burst(proc, targets))
        proc = MockProcess("--store", path).start()
        after = asyncio.run(snapshot(proc.base_url))
        for cid, metadata in acked_updates.items():
            assert cid in after, cid
            assert after[cid][0]["metadata"] == metadata, cid
        for cid in acked_deletes:
            assert cid not in after, cid
        for cid in acked_creates:
            assert after[cid][0]["metadata"]["crash"], cid
        for cid, (completion, messages) in after.items():  # nothing else changed, nothing corrupted
            if cid in before_crash:
                assert _without_metadata(completion) == _without_metadata(before_crash[cid][0])
                assert messages == before_crash[cid][1]
                assert completion["metadata"] == before_crash[cid][0]["metadata"] or "crash" in completion["metadata"]
            else:
                assert "crash" in completion["metadata"]
        fresh = asyncio.run(_tail(proc.base_url))
        assert not set(fresh) & (seen_ids | set(before_crash)), f"ids reused after a crash: {fresh}"
    finally:
        proc.stop()
    figure("mock store: concurrent operations checked", len(log))
    figure(
        "mock store: updates acknowledged / completions deleted in the race",
        f"{counts['updates acknowledged']} / {counts['deleted']}",
    )
    kept = len(acked_updates) + len(acked_deletes) + len(acked_creates)
    figure("mock store: answered changes checked after SIGKILL (all kept)", kept)
