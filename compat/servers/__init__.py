"""The servers of the matrix, in column order: ours first, then each third-party server."""

from __future__ import annotations

from ._base import Endpoint, Place, Server, ServerError
from .aimock import AiMock
from .litellm_proxy import LiteLLMProxy
from .llama_cpp import LlamaCpp
from .mock import BundledMock

__all__ = ["SERVERS", "Endpoint", "Place", "Server", "ServerError"]

SERVERS: dict[str, Server] = {server.key: server for server in (BundledMock(), LiteLLMProxy(), LlamaCpp(), AiMock())}
