"""A small, deterministic generator of JSON values that satisfy a JSON Schema.

Supports `type` (one or a list), `enum`, `const`, `properties`, `required`, `additionalProperties`,
`minProperties`, `items`, `prefixItems`, `minItems`/`maxItems`, `uniqueItems`, `minimum`/`maximum` and their
exclusive forms, `multipleOf`, `minLength`/`maxLength`, `pattern` (best effort), common `format`s, `anyOf`,
`oneOf`, `allOf`, local `$ref`s (`#/$defs/...`, `#/definitions/...`) and boolean schemas. Every declared
property is emitted (past 8 levels only the required ones, and arrays at their minimum length, so recursive
schemas end). Work is bounded: nesting past 48 levels, arrays past 64 items and strings past 4,096
characters are cut, and a node budget caps the size of the value, so hostile schemas cannot hang the server.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Mapping
from typing import Any

import jsonschema_rs

WORDS = (  # noqa: SIM905 - easier to read as text
    "time year people way day man thing woman life child world school state family student group country "
    "problem hand part place case week company system program question work government number night point "
    "home water room mother area money story fact month lot right study book eye job word business issue "
    "side kind head house service friend father power hour game line end member law car city community name "
    "president team minute idea kid body information back parent face others level office door health person "
    "art war history party result change morning reason research girl guy moment air teacher force education "
    "sun river garden music light stone bread cloud window paper table letter tree field"
).split()

_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00Z",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/",
    "iri": "https://example.com/",
    "uri-reference": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "duration": "P1D",
}

_MAX_DEPTH = 48
_SOFT_DEPTH = 8  # past this, arrays get their minimum length and objects their required properties only
_MAX_ITEMS = 64
_MAX_STRING = 4096
_BUDGET = 5000


class _Generator:
    def __init__(self, root: Any, rng: random.Random, *, explore: bool = False) -> None:
        self.root = root
        self.rng = rng
        self.budget = _BUDGET
        self.explore = explore  # retries pick among anyOf/oneOf branches and listed types at random

    def value(self, schema: Any, depth: int) -> Any:  # noqa: PLR0911, PLR0912
        self.budget -= 1
        if schema is True or schema is None:
            return self.word()
        if schema is False or not isinstance(schema, Mapping) or depth > _MAX_DEPTH:
            return None
        if "$ref" in schema:
            target = self.ref(schema["$ref"])
            if target is not None:
                merged = {k: v for k, v in schema.items() if k != "$ref"}
                return self.value({**target, **merged} if merged else target, depth + 1)
        if "const" in schema:
            return schema["const"]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return enum[self.rng.randrange(len(enum))]
        if isinstance(schema.get("allOf"), list):
            return self.value(_merge_all(schema), depth + 1)
        for keyword in ("anyOf", "oneOf"):
            options = schema.get(keyword)
            if isinstance(options, list) and options:
                rest = {k: v for k, v in schema.items() if k != keyword}
                picked = options[self.rng.randrange(len(options))] if self.explore else None
                branch = dict(picked) if isinstance(picked, Mapping) else _pick(options, self)
                return self.value({**rest, **branch}, depth + 1)
        kind = _type(schema)
        if self.explore and isinstance(schema.get("type"), list) and schema["type"]:
            listed = schema["type"]
            kind = str(listed[self.rng.randrange(len(listed))])
        if kind == "object":
            return self.obj(schema, depth)
        if kind == "array":
            return self.array(schema, depth)
        if kind == "integer":
            return self.number(schema, integer=True)
        if kind == "number":
            return self.number(schema, integer=False)
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == "null":
            return None
        return self.string(schema)

    def ref(self, ref: Any) -> Any:
        if not isinstance(ref, str) or not ref.startswith("#"):
            return None
        node = self.root
        for raw in ref[1:].split("/"):
            if not raw:
                continue
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def word(self) -> str:
        return WORDS[self.rng.randrange(len(WORDS))]

    def obj(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        properties = schema.get("properties")
        declared = schema.get("required")
        required: list[Any] = declared if isinstance(declared, list) else []
        names: list[str] = []
        if isinstance(properties, Mapping):
            names.extend(str(n) for n in properties)
        names.extend(str(n) for n in required if n not in names)
        for name in names:
            if (self.budget <= 0 or depth > _SOFT_DEPTH) and name not in required:
                continue
            sub = properties.get(name, True) if isinstance(properties, Mapping) else True
            if sub is True and schema.get("additionalProperties") not in (None, True, False):
                sub = schema["additionalProperties"]
            out[name] = self.value(sub, depth + 1)
        wanted = _int(schema.get("minProperties"), 0)
        extra = schema.get("additionalProperties", True)
        index = 0
        while len(out) < min(wanted, _MAX_ITEMS) and extra is not False:
            index += 1
            out.setdefault(f"{self.word()}_{index}", self.value(extra, depth + 1))
        return out

    def array(self, schema: Mapping[str, Any], depth: int) -> list[Any]:
        low = _int(schema.get("minItems"), 0)
        high = _int(schema.get("maxItems"), max(low, 2))
        size = min(max(low, min(high, 1 + self.rng.randrange(2))), _MAX_ITEMS)
        if self.budget <= 0 or depth > _SOFT_DEPTH:
            size = min(low, _MAX_ITEMS)
        declared = schema.get("prefixItems")
        prefix: list[Any] = declared if isinstance(declared, list) else []
        items = schema.get("items", True)
        out: list[Any] = []
        for index in range(size):
            sub = prefix[index] if index < len(prefix) else items
            value = self.value(sub, depth + 1)
            if schema.get("uniqueItems"):
                for _ in range(8):
                    if value not in out:
                        break
                    value = self.value(sub, depth + 1)
                else:
                    break
            out.append(value)
        return out

    def number(self, schema: Mapping[str, Any], *, integer: bool) -> int | float:
        low, high = _num(schema.get("minimum")), _num(schema.get("maximum"))
        ex_low, ex_high = _num(schema.get("exclusiveMinimum")), _num(schema.get("exclusiveMaximum"))
        step = _num(schema.get("multipleOf"))
        if integer:
            return self.integer(low, high, ex_low, ex_high, step)
        top = high if high is not None else ex_high
        bottom = low if low is not None else ex_low
        flo: float = bottom if bottom is not None else (top - 100.0 if top is not None else 0.0)
        fhi: float = top if top is not None else flo + 100.0
        if not (math.isfinite(flo) and math.isfinite(fhi)) or fhi < flo:
            return flo if math.isfinite(flo) else 0.0
        if step and step > 0:
            first = math.ceil(flo / step) * step
            if ex_low is not None and first <= ex_low:
                first += step
            return int(first) if float(first).is_integer() else first
        share = 0.25 + 0.5 * self.rng.random()
        value = round(flo * (1 - share) + fhi * share, 2)  # no overflow for bounds near the float limits
        if (ex_low is not None and value <= ex_low) or (ex_high is not None and value >= ex_high):
            value = flo / 2 + fhi / 2
        return value

    def integer(
        self, low: float | None, high: float | None, ex_low: float | None, ex_high: float | None, step: float | None
    ) -> int:
        bounds_low = [math.ceil(low)] if low is not None else []
        bounds_high = [math.floor(high)] if high is not None else []
        if ex_low is not None:
            bounds_low.append(math.floor(ex_low) + 1)
        if ex_high is not None:
            bounds_high.append(math.ceil(ex_high) - 1)
        lo = max(bounds_low) if bounds_low else (min(bounds_high) - 100 if bounds_high else 0)
        hi = min(bounds_high) if bounds_high else lo + 100
        if hi < lo:
            return lo
        if step and step >= 1 and float(step).is_integer():
            unit = int(step)
            first = -(-lo // unit) * unit
            if first > hi:
                return first
            return first + unit * self.rng.randrange(min((hi - first) // unit, 10**6) + 1)
        return lo + self.rng.randrange(min(hi - lo, 10**9) + 1)

    def string(self, schema: Mapping[str, Any]) -> str:
        low = min(_int(schema.get("minLength"), 0), _MAX_STRING)
        high = min(_int(schema.get("maxLength"), _MAX_STRING), _MAX_STRING)
        fmt = schema.get("format")
        if fmt == "uuid":
            text = "%08x-%04x-4%03x-8%03x-%012x" % (  # noqa: UP031 - fixed-width hex fields
                self.rng.getrandbits(32),
                self.rng.getrandbits(16),
                self.rng.getrandbits(12),
                self.rng.getrandbits(12),
                self.rng.getrandbits(48),
            )
        elif isinstance(fmt, str) and fmt in _FORMATS:
            text = _FORMATS[fmt]
        else:
            text = self.word()
        pattern = schema.get("pattern")
        if isinstance(pattern, str):
            text = self.matching(pattern, text)
        while len(text) < low:
            text += " " + self.word() if text else self.word()
        return text[: max(high, low)] if len(text) > high else text

    def matching(self, pattern: str, text: str) -> str:
        try:
            compiled = re.compile(pattern)
        except (re.error, RecursionError, OverflowError):
            return text
        for candidate in (text, text.lower(), text.upper(), "a", "A", "1", "abc", "ABC", "123", "a1", ""):
            try:
                if compiled.search(candidate):
                    return candidate
            except (RecursionError, OverflowError):
                break
        return text


def _type(schema: Mapping[str, Any]) -> str:
    declared = schema.get("type")
    if isinstance(declared, list):
        non_null = [t for t in declared if t != "null"]
        declared = non_null[0] if non_null else "null"
    if isinstance(declared, str):
        return declared
    if "properties" in schema or "required" in schema or "additionalProperties" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema or "minItems" in schema:
        return "array"
    if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
        return "number"
    return "string"


def _pick(options: list[Any], gen: _Generator) -> dict[str, Any]:
    for option in options:
        if isinstance(option, Mapping):
            resolved = gen.ref(option["$ref"]) if "$ref" in option else option
            if isinstance(resolved, Mapping) and resolved.get("type") != "null":
                return dict(option)
    first = options[0]
    return dict(first) if isinstance(first, Mapping) else {}


def _merge_all(schema: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema.get("allOf") or []:
        if not isinstance(part, Mapping):
            continue
        for key, value in part.items():
            if key == "properties" and isinstance(value, Mapping):
                merged["properties"] = {**merged.get("properties", {}), **value}
            elif key == "required" and isinstance(value, list):
                merged["required"] = [*merged.get("required", []), *value]
            else:
                merged.setdefault(key, value)
    return merged


def _int(value: Any, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return default
    return max(0, int(value))


def _num(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def schema_depth(value: Any, limit: int) -> int:
    """Nesting depth of a JSON value, counted up to `limit + 1` (iterative: safe for any depth)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return depth
        deepest = max(deepest, depth)
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in node.values() if isinstance(child, (dict, list)))
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node if isinstance(child, (dict, list)))
    return deepest


#: Deepest schema (in JSON nesting levels) the mock compiles; deeper ones are refused.
MAX_SCHEMA_DEPTH = 64
_COMPILED: dict[str, jsonschema_rs.Validator | str] = {}
_ENCODE = json.JSONEncoder(separators=(",", ":"), sort_keys=True).encode


def compile_schema(schema: Any) -> jsonschema_rs.Validator:
    """A validator for a user's JSON Schema (cached, no network); `ValueError` saying why if it is invalid."""
    if schema_depth(schema, MAX_SCHEMA_DEPTH) > MAX_SCHEMA_DEPTH:
        raise ValueError(f"the schema is nested more than {MAX_SCHEMA_DEPTH} levels deep")
    key = _ENCODE(schema)
    found = _COMPILED.get(key)
    if found is None:
        try:
            found = jsonschema_rs.validator_for(schema, offline=True)
        except (jsonschema_rs.ValidationError, ValueError, TypeError, OverflowError) as exc:
            found = (str(exc).strip().splitlines() or ["invalid schema"])[0]
        if len(_COMPILED) >= 1024:
            _COMPILED.clear()
        _COMPILED[key] = found
    if isinstance(found, str):
        raise ValueError(found)
    return found


def generate(schema: Any, rng: random.Random) -> Any:
    """A value valid against `schema`, chosen deterministically from `rng`.

    Values are checked with jsonschema-rs; when the first try breaks the schema (say, a `oneOf` whose first
    branch also matches another), up to 7 more tries explore other branches. An unsatisfiable or invalid
    schema still gets the first try.
    """
    first = _Generator(schema, rng).value(schema, 0)
    try:
        validator = compile_schema(schema)
        if validator.is_valid(first):
            return first
        for _ in range(7):
            retry = random.Random(rng.getrandbits(64))  # noqa: S311 - deterministic values, not secrets
            candidate = _Generator(schema, retry, explore=True).value(schema, 0)
            if validator.is_valid(candidate):
                return candidate
    except (ValueError, OverflowError, TypeError):
        pass
    return first
