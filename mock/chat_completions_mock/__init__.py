"""A realistic, deterministic mock of OpenAI's Chat Completions API (ASGI, starlette + uvicorn).

`create_app(**options)` builds the ASGI app; `running(**options)` serves it on a free loopback port in a
background thread and yields its base URL (ending in `/v1`); `MockServer` does the same and also scripts faults.
`python -m chat_completions_mock` runs it from a shell. docs/mock.md documents the behaviour.

Names are imported on first use, so the pytest plugin (loaded by every pytest run where this package is
installed) costs nothing and needs none of the `mock` extra's packages until a fixture is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_BODY_BYTES, MockApp, MockState, create_app
    from ._cassette import CassetteError, Interaction, load_cassette, load_directory
    from ._faults import FAULT_HEADER, Fault, parse_fault
    from ._models import PROFILES, Profile, find_profile
    from ._rules import REQUEST_FIELDS
    from ._server import MockServer, running
    from ._spec import load_spec, spec_path
    from ._tokens import count_tokens, tokenize
    from ._traffic import Received

__all__ = [
    "DEFAULT_CONTEXT_WINDOW",
    "DEFAULT_MAX_BODY_BYTES",
    "FAULT_HEADER",
    "PROFILES",
    "REQUEST_FIELDS",
    "CassetteError",
    "Fault",
    "Interaction",
    "MockApp",
    "MockServer",
    "MockState",
    "Profile",
    "Received",
    "count_tokens",
    "create_app",
    "find_profile",
    "load_cassette",
    "load_directory",
    "load_spec",
    "parse_fault",
    "running",
    "spec_path",
    "tokenize",
]

_HOMES = {
    "DEFAULT_CONTEXT_WINDOW": "_app",
    "DEFAULT_MAX_BODY_BYTES": "_app",
    "MockApp": "_app",
    "MockState": "_app",
    "create_app": "_app",
    "FAULT_HEADER": "_faults",
    "Fault": "_faults",
    "parse_fault": "_faults",
    "PROFILES": "_models",
    "Profile": "_models",
    "find_profile": "_models",
    "REQUEST_FIELDS": "_rules",
    "CassetteError": "_cassette",
    "Interaction": "_cassette",
    "load_cassette": "_cassette",
    "load_directory": "_cassette",
    "Received": "_traffic",
    "MockServer": "_server",
    "running": "_server",
    "load_spec": "_spec",
    "spec_path": "_spec",
    "count_tokens": "_tokens",
    "tokenize": "_tokens",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
