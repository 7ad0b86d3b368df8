"""Cut OpenAI's full spec down to the Chat Completions paths and what they reach.

`trim(upstream)` keeps the three chat-completions paths and, transitively, exactly
the components they `$ref`; `prune(spec)` drops components nothing refers to any
more (run again after normalising, which can inline or replace references).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

CHAT_PATHS = (
    "/chat/completions",
    "/chat/completions/{completion_id}",
    "/chat/completions/{completion_id}/messages",
)

Spec = dict[str, Any]


def iter_refs(node: Any) -> Iterator[str]:
    """Yield every `$ref` string found anywhere below `node`."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                yield ref
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def split_ref(ref: str) -> tuple[str, str]:
    """`#/components/schemas/Foo` -> (`schemas`, `Foo`); only local component refs are allowed."""
    parts = ref.split("/")
    if len(parts) != 4 or parts[:2] != ["#", "components"]:
        raise ValueError(f"unsupported $ref {ref!r}: only '#/components/<kind>/<name>' is handled")
    return parts[2], parts[3]


def reachable_components(spec: Spec, roots: Any) -> dict[str, set[str]]:
    """Components reachable from `roots` (plus the security schemes in use), by kind."""
    found: dict[str, set[str]] = {}
    pending = list(iter_refs(roots))
    while pending:
        kind, name = split_ref(pending.pop())
        names = found.setdefault(kind, set())
        if name in names:
            continue
        names.add(name)
        pending.extend(iter_refs(spec["components"][kind][name]))
    return found


def _security_scheme_names(spec: Spec) -> set[str]:
    names: set[str] = set()
    requirements = list(spec.get("security", []))
    for item in spec.get("paths", {}).values():
        for op in item.values():
            if isinstance(op, dict):
                requirements.extend(op.get("security", []))
    for requirement in requirements:
        names.update(requirement)
    return names


def _select(spec: Spec, roots: Any) -> dict[str, dict[str, Any]]:
    keep = reachable_components(spec, roots)
    schemes = _security_scheme_names(spec)
    if schemes:
        keep.setdefault("securitySchemes", set()).update(schemes)
    components: dict[str, dict[str, Any]] = {}
    for kind in sorted(keep):
        source = spec["components"][kind]
        components[kind] = {name: source[name] for name in sorted(keep[kind])}
    return components


def trim(upstream: Spec) -> Spec:
    """A new spec holding only the chat-completions paths and the components they reach."""
    missing = [p for p in CHAT_PATHS if p not in upstream.get("paths", {})]
    if missing:
        raise ValueError(f"upstream spec lacks the chat-completions paths {missing}")
    paths = {p: copy.deepcopy(upstream["paths"][p]) for p in CHAT_PATHS}
    trimmed: Spec = {
        "openapi": upstream["openapi"],
        "info": copy.deepcopy(upstream["info"]),
        "servers": copy.deepcopy(upstream.get("servers", [])),
        "security": copy.deepcopy(upstream.get("security", [])),
        "paths": paths,
        "components": {},
    }
    source = {**upstream, "paths": paths}
    trimmed["components"] = copy.deepcopy(_select(source, paths))
    return trimmed


def prune(spec: Spec) -> Spec:
    """Drop components that nothing reachable from the paths refers to any more."""
    spec["components"] = _select(spec, spec["paths"])
    return spec
