"""Fixtures for the spec-pipeline tests: the committed spec, the vendored upstream, the pipeline modules."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
OPENAPI = ROOT / "openapi"
UPSTREAM = ROOT / "openapi" / "upstream" / "openapi.yaml"


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.fixture(scope="session")
def regen() -> ModuleType:
    return _module("regen")


@pytest.fixture(scope="session")
def normalise_module() -> ModuleType:
    return _module("normalise")


@pytest.fixture(scope="session")
def trim_module() -> ModuleType:
    return _module("trim")


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The committed, trimmed and normalised spec."""
    return yaml.safe_load((OPENAPI / "chat-completions.yaml").read_text())


@pytest.fixture(scope="session")
def upstream() -> dict[str, Any]:
    """OpenAI's full spec, vendored in openapi/upstream (parsed once per session)."""
    assert UPSTREAM.is_file(), f"the vendored upstream spec is missing: {UPSTREAM}"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with UPSTREAM.open("rb") as fh:
        return yaml.load(fh, Loader=loader)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def pipeline(trim_module: ModuleType, normalise_module: ModuleType) -> Any:
    """`pipeline(document) -> (spec, notes)`: trim and normalise an upstream document in-process."""

    def run(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        notes: list[str] = []
        return normalise_module.normalise(trim_module.trim(document), notes), notes

    return run
