"""Options and state of one mock server."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._errors import SchemaErrors
from ._faults import Fault, FaultBook
from ._models import Models
from ._spec import Spec, compiled_spec
from ._store import CompletionStore
from ._traffic import RequestLog

if TYPE_CHECKING:
    from ._tape import CassetteOptions

#: Default limit of a request body (bigger bodies get 413).
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
#: Default context window, in approximate tokens (of the fallback profile; each model profile has its own).
DEFAULT_CONTEXT_WINDOW = 128_000


@dataclasses.dataclass(frozen=True)
class MockOptions:
    """Options of one mock server (the CLI's flags; see `create_app`)."""

    permissive: bool = False
    api_keys: frozenset[str] = frozenset()
    store_path: str | None = None
    faults: tuple[Fault, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    #: None: each model's own window (its profile's); a number: that window for every model.
    context_window: int | None = None
    #: Extra model names served, each with the profile it answers as (`--models NAME=PROFILE`).
    models: Mapping[str, str] = dataclasses.field(default_factory=dict)
    #: Serve any model name (as gpt-4o-mini) instead of answering 404 `model_not_found`.
    any_model: bool = False
    #: `--latency`: None (no pacing), `model` (each model's own pace) or a profile name (that pace for all).
    latency: str | None = None
    #: Seed of the pacing jitter.
    latency_seed: int = 0
    request_log: int = 0
    cassettes: CassetteOptions | None = None


class MockState:
    """The running mock's state: spec, store, faults and counters (`app.state.mock`)."""

    def __init__(self, options: MockOptions) -> None:
        self.options = options
        self.spec: Spec = compiled_spec()
        self.errors = SchemaErrors(self.spec)
        self.store = CompletionStore(options.store_path)
        self.faults = FaultBook(options.faults)
        self.models = Models(options.models, any_model=options.any_model)
        self.requests = RequestLog(options.request_log)
        self.requests_total = 0
        self.active_requests = 0
        self.active_streams = 0
        self.streams_total = 0
        #: Answers sent, by status class (index 2 for 2xx ... 5 for 5xx): a dropped or abandoned request has none.
        self.answers_by_class = [0] * 6

    def stats(self) -> dict[str, int]:
        """Counters for tests: requests and streams (total and in flight), stored completions, answers by status class
        (`answers_2xx` ... `answers_5xx`: a request dropped or left before its status line counts in none)."""
        return {
            "requests_total": self.requests_total,
            "active_requests": self.active_requests,
            "streams_total": self.streams_total,
            "active_streams": self.active_streams,
            "stored_completions": len(self.store),
            **{f"answers_{n}xx": self.answers_by_class[n] for n in range(2, 6)},
        }
