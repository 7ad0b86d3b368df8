"""`openapi/params.py`: schema -> type rules on small specs, run as Python; the real spec renders deterministically."""

from __future__ import annotations

import importlib
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

OPENAPI = Path(__file__).resolve().parents[3] / "openapi"
params = importlib.import_module("params")


def emit(schemas: dict[str, Any], *names: str) -> ModuleType:
    """Write the named components and run the result as a module."""
    emitter = params.Emitter({"components": {"schemas": schemas}, "paths": {}})
    for name in names:
        emitter.component(name)
    source = "from collections.abc import Mapping, Sequence\nfrom typing import *\n\n" + "\n\n".join(emitter.blocks)
    module = ModuleType("emitted")
    exec(compile(source, "emitted", "exec", dont_inherit=True), module.__dict__)
    return module


def test_keys_python_cannot_spell_use_the_functional_form() -> None:
    module = emit({"A": {"type": "object", "properties": {"from": {"type": "string"}, "x-y": {"type": "integer"}}, "required": ["from"]}}, "A")  # fmt: skip
    assert module.AParam.__required_keys__ == {"from"}
    assert module.AParam.__optional_keys__ == {"x-y"}


def test_nullable_enums_objects_and_maps() -> None:
    schemas = {
        "Level": {"anyOf": [{"type": "string", "enum": ["low", "high"]}, {"type": "null"}]},
        "Box": {"anyOf": [{"type": "object", "properties": {"n": {"type": "number"}}}, {"type": "null"}]},
        "Holder": {
            "type": "object",
            "properties": {
                "box": {"$ref": "#/components/schemas/Box"},
                "level": {"$ref": "#/components/schemas/Level"},
                "tags": {"type": "object", "additionalProperties": {"type": "string"}},
                "any": {},
            },
        },
    }
    module = emit(schemas, "Holder")
    assert module.LevelParam == typing.Literal["low", "high"] | None
    hints = typing.get_type_hints(module.HolderParam)
    assert hints["box"] == module.BoxParam | None  # the object is the named type, nullable where used
    assert hints["tags"] == typing.Mapping[str, str]
    assert hints["any"] is object
    assert module.BoxParam.__optional_keys__ == {"n"}


def test_union_variants_inline_are_named_by_their_type_constant() -> None:
    variant = {"type": "object", "properties": {"type": {"const": "a"}}, "required": ["type"]}
    other = {"type": "object", "properties": {"type": {"const": "b"}, "v": {"type": "integer"}}, "required": ["type"]}
    module = emit({"U": {"type": "object", "properties": {"f": {"oneOf": [variant, other]}}}}, "U")
    assert typing.get_args(typing.get_type_hints(module.UParam)["f"]) == (module.UFAParam, module.UFBParam)


def test_a_recursive_schema_is_refused_with_one_line() -> None:
    schemas = {"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}}
    with pytest.raises(params.PipelineError, match="Node refers to itself"):
        emit(schemas, "Node")


def test_the_real_spec_renders_the_same_twice() -> None:
    import yaml

    spec = yaml.safe_load((OPENAPI / "chat-completions.yaml").read_text())
    first = params.render(spec)
    assert params.render(spec) == first
    assert "class ChatCompletionRequestUserMessageParam(TypedDict):" in first
