"""What changed in the API between two trimmed, normalised specs, as a user of the SDK sees it.

`compare(old, new)` returns a list of `Change`s, each classed breaking or additive and naming the
model and field (`CreateChatCompletionResponse.system_fingerprint`) or the operation and parameter
(`listChatCompletions(limit)`). Direction decides the class:

- request side (what callers send): anything the API now refuses that it accepted is breaking (a
  parameter removed or made required, a type narrowed, an enum value removed, a bound tightened);
  anything it now also accepts is additive;
- response side (what code reading answers gets): anything readers may now meet that they could not
  before is breaking (a field removed or no longer required, made nullable, a type widened, a bound
  loosened); a new field, or a narrower type, is additive.
- A new enum value in a *response* is classed additive: the SDK's `literal_enum` template lets
  unknown values through, so reading code keeps working; the report still says "readers may now
  see it" for code that matches values exhaustively. A new union member (another model a field may
  hold, like a custom tool call beside function calls) is breaking for readers: code that reads the
  old member's attributes fails on the new one.

Each kind of change is one small function below; `compare` walks operations, parameters, bodies,
response headers and (through `$ref`s, once per model) every schema reachable from them.

    python openapi/changes.py OLD.yaml NEW.yaml [--markdown]   # two trimmed specs
    python openapi/changes.py --upstream OLD.yaml NEW.yaml     # two upstream specs, trimmed here first
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Spec = dict[str, Any]
Schema = dict[str, Any]
REQUEST, RESPONSE = "request", "response"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Bounds: (keyword, True when a larger value allows more).
BOUNDS = (
    ("minimum", False),
    ("exclusiveMinimum", False),
    ("minLength", False),
    ("minItems", False),
    ("minProperties", False),
    ("maximum", True),
    ("exclusiveMaximum", True),
    ("maxLength", True),
    ("maxItems", True),
    ("maxProperties", True),
)
EXACT = ("pattern", "format", "contentMediaType")


@dataclass(frozen=True, order=True)
class Change:
    """One change: `breaking` for SDK callers or readers of responses, `where` it is, `what` happened."""

    breaking: bool
    where: str
    what: str
    evidence: bool = field(default=False, compare=False)  # brought by a normalise step that follows recordings

    @property
    def kind(self) -> str:
        """`breaking` or `additive`."""
        return "breaking" if self.breaking else "additive"


@dataclass
class _Diff:
    old: Spec
    new: Spec
    changes: list[Change] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, breaking: bool, where: str, what: str) -> None:
        change = Change(breaking, where, what)
        if change not in self.changes:
            self.changes.append(change)


def compare(old: Spec, new: Spec) -> list[Change]:
    """Every API change from `old` to `new` (both trimmed, normalised specs), breaking ones first."""
    diff = _Diff(old, new)
    old_ops, new_ops = _operations(old), _operations(new)
    for key in sorted(old_ops.keys() | new_ops.keys()):
        operation_changes(diff, key, old_ops.get(key), new_ops.get(key))
    model_changes(diff)
    return sorted(diff.changes, key=lambda c: (not c.breaking, c.where, c.what))


# --- operations -----------------------------------------------------------------------------


def _operations(spec: Spec) -> dict[str, tuple[str, str, Schema]]:
    found = {}
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                found[op.get("operationId") or f"{method.upper()} {path}"] = (method.upper(), path, op)
    return found


def operation_changes(
    diff: _Diff, op_id: str, old: tuple[str, str, Schema] | None, new: tuple[str, str, Schema] | None
) -> None:
    """An operation added is additive; one removed breaks every caller of it."""
    if old is None and new is not None:
        diff.add(False, op_id, f"new operation {new[0]} {new[1]}")
    elif new is None and old is not None:
        diff.add(True, op_id, f"operation {old[0]} {old[1]} removed")
    elif old is not None and new is not None:
        parameter_changes(diff, op_id, old[2], new[2])
        request_body_changes(diff, op_id, old[2], new[2])
        response_changes(diff, op_id, old[2], new[2])


def _parameters(spec: Spec, op: Schema) -> dict[tuple[str, str], Schema]:
    params = (_resolve(spec, p) for p in op.get("parameters", []))
    return {(p.get("in", "?"), p.get("name", "?")): p for p in params}


def _param_where(op_id: str, location: str, name: str) -> str:
    return f"{op_id} header {name}" if location == "header" else f"{op_id}({name})"


def parameter_changes(diff: _Diff, op_id: str, old: Schema, new: Schema) -> None:
    """Path, query and header parameters: added, removed, made (not) required, schema changed."""
    before, after = _parameters(diff.old, old), _parameters(diff.new, new)
    for key in sorted(before.keys() | after.keys()):
        where = _param_where(op_id, *key)
        was, now = before.get(key), after.get(key)
        if was is None and now is not None:
            required = bool(now.get("required"))
            diff.add(required, where, f"new {'required' if required else 'optional'} {key[0]} parameter")
        elif now is None:
            diff.add(True, where, f"{key[0]} parameter removed")
        elif was is not None:
            if bool(was.get("required")) != bool(now.get("required")):
                made = bool(now.get("required"))
                diff.add(made, where, f"{key[0]} parameter now {'required' if made else 'optional'}")
            schema_changes(diff, where, was.get("schema", {}), now.get("schema", {}), REQUEST)


def request_body_changes(diff: _Diff, op_id: str, old: Schema, new: Schema) -> None:
    """The request body: added, removed, made required, or its schema changed (per media type)."""
    was, now = _resolve(diff.old, old.get("requestBody", {})), _resolve(diff.new, new.get("requestBody", {}))
    where = f"{op_id} request body"
    if bool(was.get("required")) != bool(now.get("required")):
        made = bool(now.get("required"))
        diff.add(made, where, f"request body now {'required' if made else 'optional'}")
    _content_changes(diff, where, was.get("content", {}), now.get("content", {}), REQUEST)


def response_changes(diff: _Diff, op_id: str, old: Schema, new: Schema) -> None:
    """Per status code: documented or dropped, headers, and each body's schema."""
    before, after = old.get("responses", {}), new.get("responses", {})
    for code in sorted(before.keys() | after.keys(), key=str):
        where = f"{op_id} {code} response"
        if code not in before:
            diff.add(False, where, "new response status documented")
            continue
        if code not in after:
            diff.add(str(code).startswith("2"), where, "response status no longer documented")
            continue
        shared = _ref_name(before[code])
        if shared and shared == _ref_name(after[code]):  # a shared component response: compare it once, by name
            if ("responses", shared) in diff.seen:
                continue
            diff.seen.add(("responses", shared))
            where = f"{shared} response"
        was, now = _resolve(diff.old, before[code]), _resolve(diff.new, after[code])
        header_changes(diff, where, was.get("headers", {}), now.get("headers", {}))
        _content_changes(diff, where, was.get("content", {}), now.get("content", {}), RESPONSE)


def header_changes(diff: _Diff, where: str, old: Schema, new: Schema) -> None:
    """Response headers: a header readers relied on going away is breaking; a new one is additive."""
    before = {k.lower(): v for k, v in old.items()}
    after = {k.lower(): v for k, v in new.items()}
    spelling = {k.lower(): k for k in [*old, *new]}  # header names are case-insensitive; show one spelling
    for key in sorted(before.keys() | after.keys()):
        name = spelling[key]
        if key not in before:
            diff.add(False, f"{where} header {name}", "new response header")
        elif key not in after:
            diff.add(True, f"{where} header {name}", "response header removed")
        else:
            was, now = _resolve(diff.old, before[key]), _resolve(diff.new, after[key])
            schema_changes(diff, f"{where} header {name}", was.get("schema", {}), now.get("schema", {}), RESPONSE)


def _content_changes(diff: _Diff, where: str, old: Schema, new: Schema, side: str) -> None:
    for media in sorted(old.keys() | new.keys()):
        if media not in old:
            diff.add(False, where, f"now also {'accepts' if side == REQUEST else 'answers with'} {media}")
        elif media not in new:
            diff.add(True, where, f"no longer {'accepts' if side == REQUEST else 'answers with'} {media}")
        else:
            schema_changes(diff, where, old[media].get("schema", {}), new[media].get("schema", {}), side)


def model_changes(diff: _Diff) -> None:
    """Models (component schemas, i.e. generated classes): a removed one breaks every import of it."""
    before = set(diff.old.get("components", {}).get("schemas", {}))
    after = set(diff.new.get("components", {}).get("schemas", {}))
    for name in sorted(after - before):
        diff.add(False, name, "new model")
    for name in sorted(before - after):
        diff.add(True, name, "model removed (code importing it breaks)")


# --- schemas --------------------------------------------------------------------------------


def _ref_name(node: Any) -> str | None:
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _resolve(spec: Spec, node: Any) -> Schema:
    """Follow local `$ref`s to the component they name ({} when it is missing)."""
    for _ in range(10):
        if not isinstance(node, dict) or "$ref" not in node:
            break
        _, _, kind, name = [*node["$ref"].split("/"), "", "", "", ""][:4]
        node = spec.get("components", {}).get(kind, {}).get(name, {})
    return node if isinstance(node, dict) else {}


def _variants(node: Schema) -> list[Any]:
    return list(node.get("anyOf") or node.get("oneOf") or [node])


def types(node: Any) -> frozenset[str]:  # noqa: PLR0911 - one return per kind of schema
    """What a schema may be, as a set of names: JSON types, model names (for `$ref`s), `any`."""
    name = _ref_name(node)
    if name:
        return frozenset({name})
    if not isinstance(node, dict):
        return frozenset({"any"})
    if node.get("anyOf") or node.get("oneOf"):
        return frozenset().union(*(types(v) for v in _variants(node)))
    kind = node.get("type")
    if isinstance(kind, list):
        return frozenset(kind)
    if isinstance(kind, str):
        return frozenset({kind})
    if "const" in node:
        return frozenset({type(node["const"]).__name__})
    if "properties" in node:
        return frozenset({"object"})
    return frozenset({"any"})


def _covers(big: frozenset[str], small: frozenset[str]) -> bool:
    return "any" in big or all(t in big or (t == "integer" and "number" in big) for t in small)


def _show(names: frozenset[str]) -> str:
    return " | ".join(sorted(names, key=lambda n: (n == "null", n)))


def _key(node: Any) -> str:
    """How union members are matched across versions: model name, else type plus any constant tags."""
    name = _ref_name(node)
    if name:
        return name
    tags = sorted(
        f"{prop}={value['const']!r}"
        for prop, value in (node.get("properties") or {}).items()
        if isinstance(value, dict) and "const" in value
    )
    return _show(types(node)) + (f"[{', '.join(tags)}]" if tags else "")


def _keyed(variants: list[Any]) -> dict[str, Any]:
    keyed: dict[str, Any] = {}
    for variant in variants:
        key = _key(variant)
        count = sum(1 for k in keyed if k.split("#")[0] == key)
        keyed[f"{key}#{count}" if count else key] = variant
    return keyed


def schema_changes(diff: _Diff, where: str, old: Any, new: Any, side: str) -> None:
    """Compare two schemas at `where`; `$ref`s to the same model are compared once, named by the model."""
    old_name, new_name = _ref_name(old), _ref_name(new)
    if old_name and new_name:
        if old_name == new_name and (side, old_name) not in diff.seen:
            diff.seen.add((side, old_name))
            schema_changes(diff, old_name, _resolve(diff.old, old), _resolve(diff.new, new), side)
        elif old_name != new_name:
            type_change(diff, where, old, new, side)
        return
    if not isinstance(old, dict) or not isinstance(new, dict):
        return
    type_change(diff, where, old, new, side)
    before, after = _variants(old), _variants(new)  # a `$ref` beside a union (`X` -> `X | null`) is paired below
    if len(before) == 1 and len(after) == 1:
        if not (old_name or new_name):  # a model against an inline schema: the type change says it all
            _details(diff, where, before[0], after[0], side)
        return
    pairs = _keyed(after)
    for key, variant in _keyed(before).items():  # union members on both sides, matched by name, type and tags
        if key in pairs:
            schema_changes(diff, where, variant, pairs[key], side)
        elif "[" in key and len(before) > 1:  # a tagged inline member; type changes were reported above
            diff.add(side == REQUEST, where, f"union member {key} removed")
    for key in pairs.keys() - _keyed(before).keys():
        if "[" in key and len(after) > 1:
            diff.add(side == RESPONSE, where, f"union member {key} added")


def _details(diff: _Diff, where: str, old: Schema, new: Schema, side: str) -> None:
    const_change(diff, where, old, new, side)
    enum_changes(diff, where, old, new, side)
    bound_changes(diff, where, old, new, side)
    exact_changes(diff, where, old, new, side)
    property_changes(diff, where, old, new, side)
    for key, suffix in (("items", "[]"), ("additionalProperties", ".*"), ("contentSchema", "")):
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            schema_changes(diff, where + suffix, old[key], new[key], side)


def type_change(diff: _Diff, where: str, old: Any, new: Any, side: str) -> None:
    """Types widened (accepts more / may now be more) or narrowed; `null` added is "made nullable"."""
    was, now = types(old), types(new)
    if was == now:
        return
    added, removed = now - was, was - now
    if side == REQUEST:
        breaking = not _covers(now, was)
        if not removed:
            what = f"now also accepts {_show(added)}"
        elif not added:
            what = f"no longer accepts {_show(removed)}"
        else:
            what = f"type {_show(was)} -> {_show(now)}"
    else:
        breaking = not _covers(was, now)
        if not removed:
            what = "may now be null" if added == {"null"} else f"may now be {_show(added)}"
        elif not added:
            what = f"is no longer {_show(removed)}"
        else:
            what = f"type {_show(was)} -> {_show(now)}"
    diff.add(breaking, where, what)


def const_change(diff: _Diff, where: str, old: Schema, new: Schema, side: str) -> None:
    """A constant's value changed: breaking both ways (callers send, readers compare the old value)."""
    if "const" in old and "const" in new and old["const"] != new["const"]:
        diff.add(True, where, f"constant {old['const']!r} -> {new['const']!r}")


def enum_changes(diff: _Diff, where: str, old: Schema, new: Schema, side: str) -> None:
    """Enum values added (additive both ways, see the module doc) or removed (breaking for callers only)."""
    was, now = old.get("enum"), new.get("enum")
    if isinstance(was, list) and isinstance(now, list):
        for value in [v for v in now if v not in was]:
            diff.add(False, where, f"enum value {value!r} added" + (" (readers may now see it)" * (side == RESPONSE)))
        for value in [v for v in was if v not in now]:
            diff.add(side == REQUEST, where, f"enum value {value!r} removed")
    elif isinstance(now, list) and not isinstance(was, list):
        diff.add(side == REQUEST, where, f"now limited to the values {now!r}")
    elif isinstance(was, list) and not isinstance(now, list):
        diff.add(side == RESPONSE, where, f"no longer limited to the values {was!r}")


def bound_changes(diff: _Diff, where: str, old: Schema, new: Schema, side: str) -> None:
    """Bounds (minimum, maxLength...) tightened break callers; loosened ones break readers' assumptions."""
    for keyword, larger_allows_more in BOUNDS:
        was, now = old.get(keyword), new.get(keyword)
        if was == now or isinstance(was, bool) or isinstance(now, bool):
            continue
        if was is None:
            looser = False
        elif now is None:
            looser = True
        else:
            looser = (now > was) == larger_allows_more
        tighter_breaks = side == REQUEST
        diff.add(tighter_breaks != looser, where, f"{keyword} {_bound(was)} -> {_bound(now)}")


def _bound(value: Any) -> str:
    return "none" if value is None else str(value)


def exact_changes(diff: _Diff, where: str, old: Schema, new: Schema, side: str) -> None:
    """A pattern or format changed is breaking both ways; one added narrows (breaks callers), one dropped widens."""
    for keyword in EXACT:
        was, now = old.get(keyword), new.get(keyword)
        if was == now:
            continue
        breaking = side == REQUEST if was is None else side == RESPONSE if now is None else True
        diff.add(breaking, where, f"{keyword} {_bound(was)} -> {_bound(now)}")


def property_changes(diff: _Diff, where: str, old: Schema, new: Schema, side: str) -> None:
    """Object fields added, removed or made (not) required; the fields on both sides are compared in turn."""
    before, after = old.get("properties") or {}, new.get("properties") or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return
    req_before, req_after = set(old.get("required") or []), set(new.get("required") or [])
    for name in after.keys() - before.keys():
        required = name in req_after
        if side == REQUEST:
            diff.add(required, f"{where}.{name}", f"new {'required' if required else 'optional'} request field")
        else:
            diff.add(False, f"{where}.{name}", "new response field")
    for name in before.keys() - after.keys():
        what = "request field removed" if side == REQUEST else "response field removed"
        diff.add(True, f"{where}.{name}", what)
    for name in sorted(before.keys() & after.keys()):
        now_required, was_required = name in req_after, name in req_before
        if now_required != was_required:
            if side == REQUEST:
                what = "request field now required" if now_required else "request field now optional"
                diff.add(now_required, f"{where}.{name}", what)
            else:
                what = "response field now always present" if now_required else "response field may now be missing"
                diff.add(not now_required, f"{where}.{name}", what)
        schema_changes(diff, f"{where}.{name}", before[name], after[name], side)


# --- output ---------------------------------------------------------------------------------


def from_evidence(change: Change) -> Change:
    """`change`, marked as brought by recorded real answers (an evidence step), not by OpenAI's document."""
    return Change(change.breaking, change.where, change.what, evidence=True)


def _what(change: Change) -> str:
    return f"{change.what} (from recorded answers, not upstream)" if change.evidence else change.what


def summary(changes: list[Change]) -> str:
    """`3 changes (1 breaking, 2 additive)` or `no API change`."""
    if not changes:
        return "no API change"
    breaking = sum(c.breaking for c in changes)
    return f"{len(changes)} API change{'s' * (len(changes) != 1)} ({breaking} breaking, {len(changes) - breaking} additive)"


def as_text(changes: list[Change]) -> str:
    """The report as plain lines, for the terminal."""
    lines = [summary(changes) + (":" if changes else "")]
    width = max((len(c.where) for c in changes), default=0)
    lines += [f"  {c.kind:<8}  {c.where:<{width}}  {_what(c)}" for c in changes]
    return "\n".join(lines)


def as_markdown(changes: list[Change], title: str = "API changes", notes: list[str] | None = None) -> str:
    """The report as a Markdown section (a table), e.g. for a pull request's text; `notes` from the pipeline's
    steps (a defect gone upstream) follow as a list, since such a step may now be dropped."""
    lines = [f"## {title}", "", summary(changes) + "."]
    if changes:
        lines += ["", "| | where | change |", "| --- | --- | --- |"]
        lines += [f"| **{c.kind}** | `{c.where}` | {_what(c).replace('|', '&#124;')} |" for c in changes]
    if notes:
        lines += ["", "Normalise steps that found nothing to do (upstream fixed the defect; the step may go):", ""]
        lines += [f"- `{note.split(':', 1)[0]}`:{note.split(':', 1)[1]}" for note in notes]
    return "\n".join(lines) + "\n"


def _load(path: Path, upstream: bool) -> Spec:
    from fetch import parse
    from normalise import normalise
    from trim import trim

    document = parse(path.read_bytes(), str(path))
    return normalise(trim(document)) if upstream else document


def main(argv: list[str] | None = None) -> int:
    """CLI: print the changes between two specs; exit 0 (even with breaking changes: use regen for gates)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--upstream", action="store_true", help="both files are OpenAI's full spec: trim them first")
    parser.add_argument("--markdown", action="store_true", help="print Markdown instead of plain lines")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from problems import PipelineError

    try:
        changes = compare(_load(args.old, args.upstream), _load(args.new, args.upstream))
    except (OSError, PipelineError) as exc:
        print(f"changes: {exc}", file=sys.stderr)
        return 2
    print(as_markdown(changes) if args.markdown else as_text(changes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
