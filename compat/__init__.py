"""The compatibility matrix (`tox -e compat`): the contract CLI against our mock and third-party servers.

`python -m compat` installs each server into a cache folder, runs it on 127.0.0.1, runs `chat-completions-contract`
against it, and renders every report into docs/compatibility.md (`compat.render`).
"""

from __future__ import annotations

from .render import ServerRun, Status, load_runs, render

__all__ = ["ServerRun", "Status", "load_runs", "render"]
