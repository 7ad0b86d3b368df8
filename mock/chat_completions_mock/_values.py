"""A small, deterministic generator of JSON values that satisfy a JSON Schema.

Supports `type` (one or a list), `enum`, `const`, `properties`, `required`, `additionalProperties`,
`minProperties`, `items`, `prefixItems`, `minItems`/`maxItems`, `uniqueItems`, `minimum`/`maximum` and their
exclusive forms, `multipleOf`, `minLength`/`maxLength`, `pattern` (best effort), common `format`s, `anyOf`,
`oneOf`, `allOf`, local `$ref`s (`#/$defs/...`, `#/definitions/...`) and boolean schemas. Every declared
property is emitted (past 8 levels, or past a budget of 5,000 values, only the required ones, and arrays at their
minimum length, so recursive schemas end).

Work is bounded, so that hostile schemas cannot hang the server. Sizes are counted in elements: one per JSON value,
plus one per 16 characters of a string. Optional sizes stop at 64 items and 4,096 characters, and nesting at 48
levels. A value may not exceed `MAX_VALUE_SIZE` elements: when the first try does, a second one builds the
smallest value it can (minimum sizes, required properties only, the smallest `anyOf`/`oneOf` branch, `null` when
allowed), and if that is still too large the schema is refused (`SchemaTooLarge`). All the values of one request
share a `Work` allowance (a unit is about 3 µs of work), so that `n` choices times many tools cannot add up either.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Mapping
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
_CHARS_PER_ELEMENT = 16

#: Largest value generated for one schema, in elements (one per JSON value, plus one per 16 string characters).
MAX_VALUE_SIZE = 10_000
#: Work one request may do generating values and answer text (about 3 µs a unit: 1.2 s or so).
REQUEST_WORK = 400_000
#: Work done on the event loop; a request that needs more is planned again in a worker thread.
INLINE_WORK = 4_000


class SchemaTooLarge(ValueError):
    """The smallest value the generator can build for a schema has more than `MAX_VALUE_SIZE` elements."""


class WorkExhausted(Exception):
    """A request's `Work` ran out (`inline`: the small allowance of the event loop, so plan it in a thread)."""

    def __init__(self, inline: bool) -> None:
        super().__init__("inline work exhausted" if inline else "request work exhausted")
        self.inline = inline


class Work:
    """The work a request may still do, shared by all its generated values (and its answer text, see `spend`)."""

    __slots__ = ("inline", "left", "memo")

    def __init__(self, left: int = REQUEST_WORK, *, inline: bool = False) -> None:
        self.left = left
        self.inline = inline
        # Per-request memos (made when first needed: most requests generate nothing), by kind and id or pattern.
        # Each entry holds its object, so that its id cannot be reused by another one meanwhile.
        self.memo: dict[tuple[str, Any], tuple[Any, Any]] | None = None

    def spend(self, units: int) -> None:
        """Take `units`; `WorkExhausted` when there are not that many left."""
        self.left -= units
        if self.left < 0:
            raise WorkExhausted(self.inline)

    def _memo(self, key: tuple[str, Any], keep: Any, compute: Callable[[], Any]) -> Any:
        """`compute()`, once per request and `key`; the entry keeps `keep` alive, so that its id is not reused."""
        memo = self.memo
        if memo is None:
            memo = self.memo = {}
        found = memo.get(key)
        if found is None or found[0] is not keep:
            found = memo[key] = (keep, compute())
        return found[1]

    def size_of(self, value: Any) -> int:
        """Elements of a JSON value (`json_size`), once per request and value."""
        size: int = self._memo(("size", id(value)), value, lambda: json_size(value))
        return size

    def pattern(self, pattern: str) -> jsonschema_rs.Validator | None:
        """A validator of strings matching `pattern` (ECMA 262, as jsonschema-rs checks it), None if invalid."""
        found: jsonschema_rs.Validator | None = self._memo(
            ("pattern", pattern), None, lambda: _validator({"type": "string", "pattern": pattern})
        )
        return found

    def validator(self, schema: Any) -> jsonschema_rs.Validator | None:
        """`schema`'s validator, compiled once per request (None when it is not a valid schema)."""
        found: jsonschema_rs.Validator | None = self._memo(("schema", id(schema)), schema, lambda: _validator(schema))
        return found


class _TooLarge(Exception):
    """This try's value went past `MAX_VALUE_SIZE`."""


class _Generator:
    def __init__(
        self, root: Any, rng: random.Random, work: Work, *, explore: bool = False, minimal: bool = False
    ) -> None:
        self.root = root
        self.rng = rng
        self.work = work
        self.budget = 0 if minimal else _BUDGET  # values past the budget get only what the schema requires
        self.explore = explore  # retries pick among anyOf/oneOf branches and listed types at random
        self.minimal = minimal  # the smallest value: smallest branches, null when allowed
        self.size = 0

    def charge(self, size: int, extra: int = 0) -> None:
        """Count `size` elements of the value (and `extra` units of work that add nothing to it)."""
        self.size += size
        if self.size > MAX_VALUE_SIZE:  # before taking the work: a huge minimum is refused, not worked on
            raise _TooLarge
        work = self.work
        work.left -= size + extra
        if work.left < 0:
            raise WorkExhausted(work.inline)

    def value(self, schema: Any, depth: int) -> Any:  # noqa: PLR0911, PLR0912
        self.budget -= 1
        self.charge(1)
        if schema is True or schema is None:
            return self.word()
        if schema is False or not isinstance(schema, Mapping) or depth > _MAX_DEPTH:
            return None
        if "$ref" in schema:
            target = self.ref(schema["$ref"])
            if isinstance(target, Mapping):
                self.charge(0, (len(target) + len(schema)) // 8)
                merged = {k: v for k, v in schema.items() if k != "$ref"}
                return self.value({**target, **merged} if merged else target, depth + 1)
            # A $ref to no object (a boolean schema, or no schema at all) is ignored, like one that does not resolve.
        if "const" in schema:
            return self.given(schema["const"])
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return self.given(enum[self.rng.randrange(len(enum))])
        if isinstance(schema.get("allOf"), list):
            return self.value(self.merge_all(schema), depth + 1)
        for keyword in ("anyOf", "oneOf"):
            options = schema.get(keyword)
            if isinstance(options, list) and options:
                self.charge(0, (len(schema) + len(options)) // 8)
                rest = {k: v for k, v in schema.items() if k != keyword}
                if self.minimal:
                    return self.smallest(rest, options, depth)
                picked = options[self.rng.randrange(len(options))] if self.explore else None
                branch = dict(picked) if isinstance(picked, Mapping) else _pick(options, self)
                return self.value({**rest, **branch}, depth + 1)
        kind = _type(schema)
        listed = schema.get("type")
        if isinstance(listed, list) and listed:
            self.charge(0, len(listed) // 8)
            if self.minimal and "null" in listed:
                return None
            if self.explore:
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

    def given(self, value: Any) -> Any:
        """A `const` or `enum` value of the schema, counted at its size (each use is serialized again)."""
        if isinstance(value, str):
            self.charge(len(value) // _CHARS_PER_ELEMENT)
        elif isinstance(value, (dict, list)):
            self.charge(self.work.size_of(value))
        return value

    def merge_all(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        merged, cost = _merge_all(schema)
        self.charge(0, cost // 8)
        return merged

    def smallest(self, rest: dict[str, Any], options: list[Any], depth: int) -> Any:
        """The first branch whose smallest value fits (the ones that do not are given up, their size returned)."""
        size = self.size
        for option in options:
            branch = dict(option) if isinstance(option, Mapping) else {}
            try:
                return self.value({**rest, **branch}, depth + 1)
            except _TooLarge:
                self.size = size
        raise _TooLarge

    def ref(self, ref: Any) -> Any:
        if not isinstance(ref, str) or not ref.startswith("#"):
            return None
        self.charge(0, len(ref) // 64)
        node = self.root
        for raw in ref[1:].split("/"):
            if not raw:
                continue
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isascii() and part.isdigit() and int(part) < len(node):
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
        listed: list[Any] = declared if isinstance(declared, list) else []
        required = {n for n in listed if isinstance(n, str)}
        names: list[str] = [str(n) for n in properties] if isinstance(properties, Mapping) else []
        if required:
            seen = set(names)
            for name in listed:
                if isinstance(name, str) and name not in seen:
                    seen.add(name)
                    names.append(name)
        self.charge(0, len(names) // 8)
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
        while len(out) < wanted and extra is not False:
            index += 1
            out.setdefault(f"{self.word()}_{index}", self.value(extra, depth + 1))
        return out

    def array(self, schema: Mapping[str, Any], depth: int) -> list[Any]:
        low = _int(schema.get("minItems"), 0)
        high = _int(schema.get("maxItems"), max(low, 2))
        size = max(low, min(high, 1 + self.rng.randrange(2), _MAX_ITEMS))
        if self.budget <= 0 or depth > _SOFT_DEPTH:
            size = low
        declared = schema.get("prefixItems")
        prefix: list[Any] = declared if isinstance(declared, list) else []
        items = schema.get("items", True)
        unique = bool(schema.get("uniqueItems"))
        out: list[Any] = []
        for index in range(size):
            sub = prefix[index] if index < len(prefix) else items
            before = self.size
            value = self.value(sub, depth + 1)
            if unique:
                for _ in range(8):
                    self.charge(0, len(out) * (self.size - before))  # comparing with the items so far
                    if value not in out:
                        break
                    before = self.size
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
        try:
            return self.decimal(low, high, ex_low, ex_high, step)
        except OverflowError:  # integer bounds past the float range (hundreds of digits): a bound will do
            return next((b for b in (low, high, ex_low, ex_high) if b is not None), 0)

    def decimal(
        self, low: float | None, high: float | None, ex_low: float | None, ex_high: float | None, step: float | None
    ) -> int | float:
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
        if step and step >= 1 and (isinstance(step, int) or float(step).is_integer()):
            unit = int(step)
            first = -(-lo // unit) * unit
            if first > hi:
                return first
            return first + unit * self.rng.randrange(min((hi - first) // unit, 10**6) + 1)
        return lo + self.rng.randrange(min(hi - lo, 10**9) + 1)

    def string(self, schema: Mapping[str, Any]) -> str:
        low = _int(schema.get("minLength"), 0)
        high = min(_int(schema.get("maxLength"), _MAX_STRING), _MAX_STRING)
        self.charge(low // _CHARS_PER_ELEMENT)  # before building it: a huge minLength is refused at once
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
        # Matched by jsonschema-rs (Rust regex, bounded backtracking), the engine that checks the value: a user's
        # pattern in Python's re could backtrack for minutes.
        self.charge(0, len(pattern) // 64)
        matcher = self.work.pattern(pattern)
        if matcher is None:
            return text
        for candidate in (text, text.lower(), text.upper(), "a", "A", "1", "abc", "ABC", "123", "a1", ""):
            if matcher.is_valid(candidate):
                return candidate
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


def _merge_all(schema: Mapping[str, Any]) -> tuple[dict[str, Any], int]:
    """`allOf`'s parts merged into the schema (properties and required lists joined), and the work it took."""
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    cost = len(schema)
    for part in schema.get("allOf") or []:
        cost += 1
        if not isinstance(part, Mapping):
            continue
        cost += len(part)
        for key, value in part.items():
            if key == "properties" and isinstance(value, Mapping):
                mine = merged.get("properties")
                merged["properties"] = {**mine, **value} if isinstance(mine, Mapping) else dict(value)
                cost += len(merged["properties"])
            elif key == "required" and isinstance(value, list):
                mine = merged.get("required")
                merged["required"] = [*mine, *value] if isinstance(mine, list) else list(value)
                cost += len(merged["required"])
            else:
                merged.setdefault(key, value)
    return merged, cost


def _pick(options: list[Any], gen: _Generator) -> dict[str, Any]:
    for option in options:
        if isinstance(option, Mapping):
            resolved = gen.ref(option["$ref"]) if "$ref" in option else option
            if isinstance(resolved, Mapping) and resolved.get("type") != "null":
                return dict(option)
    first = options[0]
    return dict(first) if isinstance(first, Mapping) else {}


def _int(value: Any, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    if isinstance(value, float) and not math.isfinite(value):
        return default
    return max(0, int(value))


def _num(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _validator(schema: Any) -> jsonschema_rs.Validator | None:
    try:
        return compile_schema(schema)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None


def json_size(value: Any) -> int:
    """Elements of a JSON value: one per value, plus one per 16 characters of each string (iterative)."""
    total = 0
    stack = [value]
    while stack:
        node = stack.pop()
        total += 1
        if isinstance(node, str):
            total += len(node) // _CHARS_PER_ELEMENT
        elif isinstance(node, dict):
            total += sum(len(k) for k in node) // _CHARS_PER_ELEMENT
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return total


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
_CACHED_SCHEMA_CHARS = 64 * 1024  # larger schemas are compiled again (once per request): the cache stays small
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
        if len(key) <= _CACHED_SCHEMA_CHARS:
            if len(_COMPILED) >= 1024:
                _COMPILED.clear()
            _COMPILED[key] = found
    if isinstance(found, str):
        raise ValueError(found)
    return found


def generate(schema: Any, rng: random.Random, work: Work | None = None) -> Any:
    """A value valid against `schema`, chosen deterministically from `rng`.

    Values are checked with jsonschema-rs; when the first try breaks the schema (say, a `oneOf` whose first
    branch also matches another), up to 7 more tries explore other branches. An unsatisfiable or invalid
    schema still gets the first try. `SchemaTooLarge` when even the smallest value the generator can build has
    more than `MAX_VALUE_SIZE` elements; `WorkExhausted` when `work` (by default a request's worth) runs out
    before a first value is built (later tries just stop).
    """
    if work is None:
        work = Work()
    try:
        first = _Generator(schema, rng, work).value(schema, 0)
    except _TooLarge:
        try:
            first = _Generator(schema, rng, work, minimal=True).value(schema, 0)
        except _TooLarge:
            raise SchemaTooLarge(
                f"its smallest valid value has more than {MAX_VALUE_SIZE} elements (counting minItems,"
                " minProperties, required properties and minLength), more than this server generates."
            ) from None
    validator = work.validator(schema)
    try:
        if validator is None or validator.is_valid(first):
            return first
        for _ in range(7):
            retry = random.Random(rng.getrandbits(64))  # noqa: S311 - deterministic values, not secrets
            try:
                candidate = _Generator(schema, retry, work, explore=True).value(schema, 0)
            except _TooLarge:
                continue
            if validator.is_valid(candidate):
                return candidate
    except WorkExhausted as exc:
        if exc.inline:
            raise
    except (ValueError, OverflowError, TypeError, LookupError, AttributeError, RecursionError):
        pass
    return first
