"""Stored completions: in memory, optionally written through to SQLite so they survive restarts.

Reads are served from memory. Every change is applied to memory at once (on the event loop, so changes are
atomic with respect to each other) and then, with a SQLite file, queued to one writer thread; the request
waits for its write, so an answered change is on disk, and the writes land in the order they were made.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sqlite3
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS completions (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    completion TEXT NOT NULL,
    messages TEXT NOT NULL
)
"""
_META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
#: Sequence numbers (hence ids) are reserved on disk this many at a time, so that a restart, even after a crash,
#: never hands out one already used by a completion that was not stored or was deleted.
_SEQ_BLOCK = 1000


@dataclass
class Stored:
    """One stored completion: the completion object (with `metadata`) and its request messages."""

    seq: int
    completion: dict[str, Any]
    messages: list[dict[str, Any]]


@dataclass(frozen=True)
class Page:
    """One page of a list: the items and whether more follow."""

    items: list[dict[str, Any]]
    has_more: bool


def _page(items: list[dict[str, Any]], after: str | None, limit: int, order: str) -> Page:
    ordered = items if order == "asc" else items[::-1]
    start = 0
    if after is not None:
        for index, item in enumerate(ordered):
            if item.get("id") == after:
                start = index + 1
                break
        else:
            return Page([], False)
    chosen = ordered[start : start + limit]
    return Page(chosen, start + limit < len(ordered))


class CompletionStore:
    """Stored completions by id, in creation order."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._items: dict[str, Stored] = {}
        self._lock = threading.Lock()
        self.path = Path(path) if path is not None else None
        self._writer: concurrent.futures.ThreadPoolExecutor | None = None
        self._db: sqlite3.Connection | None = None
        self._next_seq = 1
        self._reserved = 0  # sequence numbers below this one are reserved on disk
        if self.path is not None:
            self._load(self.path)
            self._writer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="chat-completions-mock-store")

    def _load(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(_SCHEMA)
        db.execute(_META)
        for seq, completion, messages in db.execute("SELECT seq, completion, messages FROM completions ORDER BY seq"):
            item = Stored(seq, json.loads(completion), json.loads(messages))
            self._items[item.completion["id"]] = item
            self._next_seq = max(self._next_seq, seq + 1)
        row = db.execute("SELECT value FROM meta WHERE key = 'next_seq'").fetchone()
        if row is not None:
            self._next_seq = max(self._next_seq, int(row[0]))
        self._db = db

    def next_seq(self) -> int:
        """A sequence number greater than any stored one (ids made from it stay unique across restarts)."""
        with self._lock:
            seq = self._next_seq
            self._next_seq += 1
            if seq >= self._reserved and self._writer is not None and self._db is not None:
                # Once per block: wait for the reservation to be written (after any queued writes).
                self._reserved = seq + _SEQ_BLOCK
                sql = "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_seq', ?)"
                self._writer.submit(self._db.execute, sql, (self._reserved,)).result()
            return seq

    def __len__(self) -> int:
        return len(self._items)

    def get(self, completion_id: str) -> Stored | None:
        """The stored completion, or None."""
        return self._items.get(completion_id)

    async def add(self, seq: int, completion: dict[str, Any], messages: list[dict[str, Any]]) -> None:
        """Store a new completion."""
        item = Stored(seq, completion, messages)
        with self._lock:
            self._items[completion["id"]] = item
        await self._write(
            "INSERT OR REPLACE INTO completions (seq, id, completion, messages) VALUES (?, ?, ?, ?)",
            lambda: (seq, completion["id"], json.dumps(completion), json.dumps(messages)),
        )

    async def update_metadata(self, completion_id: str, metadata: dict[str, str]) -> dict[str, Any] | None:
        """Replace the metadata; the updated completion, or None if unknown."""
        with self._lock:
            item = self._items.get(completion_id)
            if item is None:
                return None
            completion = {**item.completion, "metadata": metadata}
            item.completion = completion
        await self._write(
            "UPDATE completions SET completion = ? WHERE id = ?", lambda: (json.dumps(completion), completion_id)
        )
        return completion

    async def delete(self, completion_id: str) -> bool:
        """Delete; whether it existed."""
        with self._lock:
            existed = self._items.pop(completion_id, None) is not None
        if existed:
            await self._write("DELETE FROM completions WHERE id = ?", lambda: (completion_id,))
        return existed

    def list(
        self, *, model: str | None, metadata: Mapping[str, str], after: str | None, limit: int, order: str
    ) -> Page:
        """A page of completions, filtered by model and metadata."""
        with self._lock:
            items = [item.completion for item in self._items.values()]
        if model is not None:
            items = [c for c in items if c.get("model") == model]
        if metadata:
            items = [c for c in items if _has_metadata(c.get("metadata"), metadata)]
        return _page(items, after, limit, order)

    def messages(self, completion_id: str, *, after: str | None, limit: int, order: str) -> Page | None:
        """A page of a stored completion's messages, or None if unknown."""
        item = self._items.get(completion_id)
        if item is None:
            return None
        return _page(item.messages, after, limit, order)

    async def _write(self, sql: str, args: Callable[[], tuple[Any, ...]]) -> None:
        if self._writer is None or self._db is None:
            return
        db = self._db

        def run() -> None:
            db.execute(sql, args())

        await asyncio.wrap_future(self._writer.submit(run))

    def close(self) -> None:
        """Flush pending writes and close the SQLite file (no-op in memory)."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        if self._db is not None:
            self._db.close()
            self._db = None


def _has_metadata(actual: Any, wanted: Mapping[str, str]) -> bool:
    if not isinstance(actual, Mapping):
        return False
    return all(actual.get(k) == v for k, v in wanted.items())
