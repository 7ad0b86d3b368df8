"""The trimmed spec the suite checks against: shipped in the package, or the repository's `openapi/` file."""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import Any

import jsonschema_rs

yaml: Any = importlib.import_module("yaml")  # pyyaml ships no type hints

SPEC_FILENAME = "chat-completions.yaml"


def spec_path() -> Path:
    """Path of the spec: the copy in the wheel, else the repository's `openapi/chat-completions.yaml`."""
    shipped = Path(__file__).with_name(SPEC_FILENAME)
    if shipped.is_file():
        return shipped
    in_repo = Path(__file__).resolve().parents[2] / "openapi" / SPEC_FILENAME
    if in_repo.is_file():
        return in_repo
    raise FileNotFoundError(f"{SPEC_FILENAME} is neither in the package nor in the repository")


@functools.cache
def spec() -> dict[str, Any]:
    """The spec as a dict (parsed once)."""
    loaded = yaml.safe_load(spec_path().read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError("the spec is not a mapping")
    return loaded


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
