"""The trimmed spec the suite checks against, and validators for its component schemas.

The wheel ships the spec once, inside `chat_completions_mock` (hatch's force-include maps one source file to one
place), and this package requires the mock anyway: it reads the spec from there.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jsonschema_rs
from chat_completions_mock import load_spec
from chat_completions_mock import spec_path as _mock_spec_path


def spec_path() -> Path:
    """Path of the trimmed spec (in the installed mock package, or the repository's `openapi/` file)."""
    return _mock_spec_path()


def spec() -> dict[str, Any]:
    """The spec as a dict (parsed once per process)."""
    return load_spec()


@functools.cache
def component_validator(name: str) -> jsonschema_rs.Validator:
    """A validator for one component schema (its `$ref`s resolved inside the spec)."""
    root = {"$ref": f"#/components/schemas/{name}", "components": spec()["components"]}
    return jsonschema_rs.Draft202012Validator(root)


def schema_errors(name: str, instance: Any, limit: int = 3) -> list[str]:
    """Up to `limit` errors of `instance` against component `name`, each `path: message`."""
    errors = []
    for error in component_validator(name).iter_errors(instance):
        where = "/".join(str(p) for p in error.instance_path) or "(root)"
        errors.append(f"{where}: {error.message}")
        if len(errors) >= limit:
            break
    return errors
