"""Cut OpenAI's full spec down to the Chat Completions paths and what they reach.

`trim(upstream)` keeps the three chat-completions paths and, transitively, exactly
the components they `$ref`; `prune(spec)` drops components nothing refers to any
more (run again after normalising, which can inline or replace references).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from problems import PipelineError

CHAT_PATHS = (
    "/chat/completions",
    "/chat/completions/{completion_id}",
    "/chat/completions/{completion_id}/messages",
)

# Components kept even where no path reaches them, because a normalise step refers to them
# (`add_error_responses` documents every error with ErrorResponse; upstream did not always use it on these paths).
EXTRA_ROOTS = ({"$ref": "#/components/schemas/ErrorResponse"},)

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
        raise PipelineError("trim", f"expected only local '#/components/<kind>/<name>' refs, found {ref!r}")
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
        target = spec.get("components", {}).get(kind, {}).get(name)
        if target is None:
            raise PipelineError("trim", f"expected components.{kind}.{name}, which is referenced, to be defined")
        pending.extend(iter_refs(target))
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
        source = spec["components"].get(kind, {})
        components[kind] = {name: source[name] for name in sorted(keep[kind]) if name in source}
    return components


def check_document(upstream: Any) -> None:
    """Refuse, in one line, anything that is not an OpenAPI 3.x document with paths and components."""
    if not isinstance(upstream, dict) or not str(upstream.get("openapi", "")).startswith("3."):
        raise PipelineError("trim", "expected an OpenAPI 3.x document (a mapping with `openapi: 3.x`)")
    for key in ("info", "paths", "components"):
        if not isinstance(upstream.get(key), dict):
            raise PipelineError("trim", f"expected the document to have a `{key}` mapping")


def trim(upstream: Spec) -> Spec:
    """A new spec holding only the chat-completions paths and the components they (and EXTRA_ROOTS) reach."""
    check_document(upstream)
    missing = [p for p in CHAT_PATHS if p not in upstream["paths"]]
    if missing:
        raise PipelineError("trim", f"expected the chat-completions paths, missing {', '.join(missing)}")
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
    extra = [ref for ref in EXTRA_ROOTS if _defined(upstream, ref["$ref"])]
    trimmed["components"] = copy.deepcopy(_select(source, [paths, extra]))
    return trimmed


def _defined(spec: Spec, ref: str) -> bool:
    kind, name = split_ref(ref)
    return name in spec.get("components", {}).get(kind, {})


def prune(spec: Spec) -> Spec:
    """Drop components that nothing reachable from the paths refers to any more."""
    spec["components"] = _select(spec, spec["paths"])
    return spec
