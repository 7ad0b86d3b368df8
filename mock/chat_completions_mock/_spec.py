"""Load the trimmed OpenAPI spec and compile its request schemas once per process."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema_rs

# pyyaml ships no type hints (types-PyYAML is not a dependency): use it untyped.
yaml: Any = importlib.import_module("yaml")

SPEC_FILENAME = "chat-completions.yaml"


def spec_path() -> Path:
    """Path of the spec: the copy shipped in the wheel, else the repository's `openapi/` file."""
    shipped = Path(__file__).with_name(SPEC_FILENAME)
    if shipped.is_file():
        return shipped
    in_repo = Path(__file__).resolve().parents[2] / "openapi" / SPEC_FILENAME
    if in_repo.is_file():
        return in_repo
    raise FileNotFoundError(f"{SPEC_FILENAME} is neither in the package nor in the repository")


@functools.cache
def load_spec() -> dict[str, Any]:
    """The spec as a dict (parsed once per process)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with spec_path().open("rb") as handle:
        spec = yaml.load(handle, Loader=loader)
    if not isinstance(spec, dict):
        raise ValueError("the spec is not a mapping")
    return spec


def pointer(parts: Iterable[str | int]) -> str:
    """JSON pointer (`#/a/b`) for a path of keys."""
    escaped = (quote(str(p).replace("~", "~0").replace("/", "~1"), safe="~!$&'()*+,;=:@") for p in parts)
    return "#/" + "/".join(escaped)


def lookup(document: Any, parts: Iterable[str | int]) -> Any:
    """The node at a path of keys, following no `$ref` (paths from jsonschema-rs are already absolute)."""
    node = document
    for part in parts:
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, Mapping):
            node = node[part]
        else:
            raise KeyError(part)
    return node


def resolve(document: Mapping[str, Any], node: Any) -> Any:
    """Follow local `$ref`s until a node without one."""
    seen = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        parts = [p.replace("~1", "/").replace("~0", "~") for p in node["$ref"][2:].split("/")]
        node = lookup(document, parts)
        seen += 1
        if seen > 64:
            raise ValueError("$ref cycle")
    return node


class Spec:
    """The parsed spec with the validators the mock needs, compiled at construction."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.operations: dict[str, tuple[str, str, dict[str, Any]]] = {}
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    self.operations[operation["operationId"]] = (path, method, operation)
        self._validators: dict[str, jsonschema_rs.Validator] = {}
        self.create_request = self._body_validator("createChatCompletion")
        self.update_request = self._body_validator("updateChatCompletion")
        self.list_query = self._query("listChatCompletions")
        self.messages_query = self._query("getChatCompletionMessages")
        role = resolve(
            document,
            lookup(document, ["components", "schemas", "ChatCompletionMessageList", "properties", "data", "items"]),
        )["properties"]["role"]
        # The upstream spec pins listed messages to `assistant`; follow it while it does.
        self.listed_message_role: str | None = role.get("const")

    def validator(self, ref: str) -> jsonschema_rs.Validator:
        """A compiled validator for the node at JSON pointer `ref` (`#/components/schemas/X`), cached."""
        found = self._validators.get(ref)
        if found is None:
            root = dict(self.document)
            root["$ref"] = ref
            found = jsonschema_rs.Draft202012Validator(root, offline=True)
            self._validators[ref] = found
        return found

    def schema(self, name: str) -> jsonschema_rs.Validator:
        """Validator for `#/components/schemas/<name>`."""
        return self.validator(pointer(["components", "schemas", name]))

    def _body_validator(self, operation_id: str) -> jsonschema_rs.Validator:
        path, method, _ = self.operations[operation_id]
        return self.validator(pointer(["paths", path, method, "requestBody", "content", "application/json", "schema"]))

    def _query(self, operation_id: str) -> QuerySchema:
        path, method, operation = self.operations[operation_id]
        params: dict[str, tuple[dict[str, Any], str]] = {}
        for index, param in enumerate(operation.get("parameters", [])):
            resolved = resolve(self.document, param)
            if resolved.get("in") != "query":
                continue
            base: list[str | int] = ["paths", path, method, "parameters", index]
            if "$ref" in param:
                base = [p.replace("~1", "/").replace("~0", "~") for p in param["$ref"][2:].split("/")]
            ref = pointer([*base, "schema"])
            self.validator(ref)  # compile now, not on the first request
            params[resolved["name"]] = (resolve(self.document, resolved.get("schema", {})), ref)
        return QuerySchema(self, params)


class QuerySchema:
    """The query parameters of one operation: their resolved schemas and compiled validators."""

    def __init__(self, spec: Spec, params: dict[str, tuple[dict[str, Any], str]]) -> None:
        self.spec = spec
        self.params = params
        self.integers = frozenset(name for name, (schema, _) in params.items() if schema.get("type") == "integer")

    def validator_for(self, name: str) -> jsonschema_rs.Validator:
        """The compiled validator of parameter `name`."""
        return self.spec.validator(self.params[name][1])


@functools.cache
def compiled_spec() -> Spec:
    """The process-wide compiled spec."""
    return Spec(load_spec())
