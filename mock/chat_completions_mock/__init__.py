"""A realistic, deterministic mock of OpenAI's Chat Completions API (ASGI, starlette + uvicorn).

`create_app(**options)` builds the ASGI app; `running(**options)` serves it on a free loopback port in a
background thread and yields its base URL (ending in `/v1`); `MockServer` does the same and also scripts faults.
`python -m chat_completions_mock` runs it from a shell. The README's mock section documents the behaviour.
"""

from ._app import DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_BODY_BYTES, MockApp, MockState, create_app
from ._faults import FAULT_HEADER, Fault, parse_fault
from ._server import MockServer, running
from ._spec import load_spec, spec_path
from ._tokens import count_tokens, tokenize

__all__ = [
    "DEFAULT_CONTEXT_WINDOW",
    "DEFAULT_MAX_BODY_BYTES",
    "FAULT_HEADER",
    "Fault",
    "MockApp",
    "MockServer",
    "MockState",
    "count_tokens",
    "create_app",
    "load_spec",
    "parse_fault",
    "running",
    "spec_path",
    "tokenize",
]
