"""Error answers shaped like the real API's, and the mapping of schema errors to `param` and `message`."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import jsonschema_rs

from ._spec import Spec, lookup, resolve

_TYPES_BY_STATUS = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "unsupported_country_region_territory"),
    404: ("invalid_request_error", None),
    405: ("invalid_request_error", None),
    409: ("invalid_request_error", "conflict"),
    413: ("invalid_request_error", "request_too_large"),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}

_DEFAULT_MESSAGES = {
    400: "The request is invalid.",
    401: "Incorrect API key provided.",
    403: "You are not allowed to use this resource.",
    404: "The requested resource was not found.",
    405: "Method not allowed.",
    409: "The resource was changed by another request. Please try again.",
    413: "The request body is too large.",
    422: "The request could not be processed.",
    429: "Rate limit reached for requests. Please try again later.",
    500: "The server had an error while processing your request. Sorry about that!",
    502: "Bad gateway.",
    503: "The engine is currently overloaded, please try again later.",
    504: "The server did not answer in time.",
}


class _Default:
    """Marker: use the status's usual `code`."""


_DEFAULT = _Default()


class ApiError(Exception):
    """An error answer: HTTP status plus the `{"error": {...}}` body fields."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        type: str | None = None,
        param: str | None = None,
        code: str | _Default | None = _DEFAULT,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        default_type, default_code = _TYPES_BY_STATUS.get(status, ("server_error", None))
        self.status = status
        self.message = message if message is not None else _DEFAULT_MESSAGES.get(status, "Error.")
        self.type = type if type is not None else default_type
        self.param = param
        self.code = default_code if isinstance(code, _Default) else code
        self.headers = dict(headers or {})
        super().__init__(self.message)

    def body(self) -> bytes:
        """The JSON body of this error."""
        return error_body(self.message, self.type, self.param, self.code)


def error_body(message: str, type_: str, param: str | None, code: str | None) -> bytes:
    """`{"error": {"message", "type", "param", "code"}}` as bytes."""
    error = {"message": message, "type": type_, "param": param, "code": code}
    return json.dumps({"error": error}).encode()


def invalid(message: str, param: str | None = None, code: str | None = None) -> ApiError:
    """A 400 `invalid_request_error`."""
    return ApiError(400, message, param=param, code=code)


def param_name(path: Sequence[str | int]) -> str | None:
    """`['messages', 0, 'role']` → `messages[0].role` (the real API's spelling)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or None


_TYPE_WORDS = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "number": "a decimal",
    "integer": "an integer",
    "boolean": "a boolean",
    "null": "null",
}


_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), "object")


def _words(types: Sequence[str]) -> str:
    words = [_TYPE_WORDS.get(t, t) for t in dict.fromkeys(types)]
    if len(words) == 1:
        return words[0]
    return "one of " + ", ".join(words[:-1]) + " or " + words[-1]


def _quoted(values: Sequence[Any]) -> str:
    shown = [f"'{v}'" if isinstance(v, str) else json.dumps(v) for v in values]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def _show(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


class SchemaErrors:
    """Turns jsonschema-rs errors into the real API's `param` + `message` (discriminator-aware)."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def describe(self, error: jsonschema_rs.ValidationError, prefix: Sequence[str | int] = ()) -> ApiError:
        """The 400 answer for one validation error (`prefix`: where the validated value sits, for `param`)."""
        return self._describe(error, 0, list(prefix))

    def _node(self, schema_path: Sequence[str | int]) -> Any:
        try:
            return lookup(self.spec.document, schema_path)
        except (KeyError, IndexError, ValueError):
            return {}

    def _describe(self, error: jsonschema_rs.ValidationError, depth: int, prefix: list[str | int]) -> ApiError:
        name = type(error.kind).__name__
        if name in ("AnyOf", "OneOfNotValid") and depth < 32:
            return self._combinator(error, error.kind.as_dict().get("context") or [], depth, prefix)
        found = _Found(error, prefix)
        if name in ("Minimum", "ExclusiveMinimum", "Maximum", "ExclusiveMaximum"):
            return _out_of_range(found, name, self._node(error.schema_path[:-1]).get("type") == "integer")
        describe = _DESCRIBERS.get(name)
        if describe is not None:
            return describe(found)
        return invalid(f"Invalid '{found.param or 'body'}': {error.message}", found.param, "invalid_value")

    def _variants(self, node: Any, alternatives: list[Any]) -> tuple[str, dict[str, int]] | None:
        """The property that tells the alternatives apart and its value → alternative index.

        From the spec's `discriminator`, or inferred when every alternative pins `type` (or `role`) with a
        `const`, as the message content parts do.
        """
        discriminator = node.get("discriminator") if isinstance(node, Mapping) else None
        if isinstance(discriminator, Mapping):
            refs = [alt.get("$ref") if isinstance(alt, Mapping) else None for alt in alternatives]
            mapping = {
                value: refs.index(ref) for value, ref in (discriminator.get("mapping") or {}).items() if ref in refs
            }
            return str(discriminator.get("propertyName", "type")), mapping
        resolved = [resolve(self.spec.document, alt) for alt in alternatives]
        for prop in ("type", "role"):
            values = [
                (alt.get("properties") or {}).get(prop, {}).get("const") if isinstance(alt, Mapping) else None
                for alt in resolved
            ]
            if all(isinstance(v, str) for v in values) and len(set(values)) == len(values):
                return prop, {str(v): i for i, v in enumerate(values)}
        return None

    def _combinator(  # noqa: PLR0911 - one return per way a value can miss every alternative
        self,
        error: jsonschema_rs.ValidationError,
        branches: list[list[jsonschema_rs.ValidationError]],
        depth: int,
        prefix: list[str | int],
    ) -> ApiError:
        path = [*prefix, *error.instance_path]
        param = param_name(path)
        instance = error.instance
        node = self._node(error.schema_path[:-1])
        keyword = error.schema_path[-1] if error.schema_path else "anyOf"
        alternatives = node.get(keyword) if isinstance(node, Mapping) else None
        variants = self._variants(node, alternatives) if isinstance(alternatives, list) else None
        if variants is not None and isinstance(instance, dict):
            prop, mapping = variants
            prop_param = param_name([*path, prop])
            if prop not in instance:
                return invalid(f"Missing required parameter: '{prop_param}'.", prop_param, "missing_required_parameter")
            value = instance[prop]
            index = mapping.get(value) if isinstance(value, str) else None
            if index is None:
                return invalid(
                    f"Invalid value: '{_show(value)}'. Supported values are: {_quoted(list(mapping))}.",
                    prop_param,
                    "invalid_value",
                )
            if index < len(branches) and branches[index]:
                return self._describe(_most_specific(branches[index]), depth + 1, prefix)
        here = list(error.instance_path)
        # Alternatives that complain about more than this value's type (or variant) are the ones meant.
        applicable = [errs for errs in branches if errs and not all(_is_mismatch(e, here) for e in errs)]
        if applicable:
            best = min(applicable, key=lambda errs: (len(errs), -len(_most_specific(errs).instance_path)))
            return self._describe(_most_specific(best), depth + 1, prefix)
        # The type fits an alternative but the value is not one it allows.
        for errs in branches:
            if errs and all(
                type(e.kind).__name__ in ("Enum", "Constant") and list(e.instance_path) == here for e in errs
            ):
                return self._describe(errs[0], depth + 1, prefix)
        expected = _expected_types(alternatives, self.spec)
        if expected:
            message = (
                f"Invalid type for '{param or 'body'}': expected {_words(expected)},"
                f" but got {_TYPE_WORDS[_type_of(instance)]} instead."
            )
            return invalid(message, param, "invalid_type")
        return invalid(f"Invalid value for '{param or 'body'}': {_show(instance)}.", param, "invalid_value")


class _Found:
    """One schema error, read once: its details, where it is (`path`, `param`) and the value found there."""

    __slots__ = ("details", "instance", "param", "path")

    def __init__(self, error: jsonschema_rs.ValidationError, prefix: Sequence[str | int]) -> None:
        self.details: dict[str, Any] = error.kind.as_dict()
        self.path = [*prefix, *error.instance_path]
        self.param = param_name(self.path)
        self.instance = error.instance


def _required(found: _Found) -> ApiError:
    missing = param_name([*found.path, found.details["property"]])
    return invalid(f"Missing required parameter: '{missing}'.", missing, "missing_required_parameter")


def _wrong_type(found: _Found) -> ApiError:
    expected = found.details.get("types") or [found.details.get("type", "")]
    message = (
        f"Invalid type for '{found.param or 'body'}': expected {_words(expected)},"
        f" but got {_TYPE_WORDS[_type_of(found.instance)]} instead."
    )
    return invalid(message, found.param, "invalid_type")


def _out_of_range(found: _Found, name: str, integer: bool) -> ApiError:
    numeric = "integer" if integer else "decimal"
    above = name.endswith("Maximum")
    exclusive = "Exclusive" in name
    op = (">" if exclusive else ">=") if not above else ("<" if exclusive else "<=")
    message = (
        f"Invalid '{found.param}': {numeric} {'above maximum' if above else 'below minimum'} value."
        f" Expected a value {op} {found.details.get('limit')}, but got {_show(found.instance)} instead."
    )
    return invalid(message, found.param, f"{numeric}_{'above_max' if above else 'below_min'}_value")


def _not_allowed(found: _Found) -> ApiError:
    details = found.details
    options = details["options"] if "options" in details else [details.get("expected_value")]
    return invalid(
        f"Invalid value: '{_show(found.instance)}'. Supported values are: {_quoted(options or [])}.",
        found.param,
        "invalid_value",
    )


def _too_few(found: _Found) -> ApiError:
    limit = found.details.get("limit")
    if isinstance(found.instance, list) and not found.instance:
        message = (
            f"Invalid '{found.param}': empty array. Expected an array with minimum length {limit},"
            " but got an empty array instead."
        )
        return invalid(message, found.param, "empty_array")
    return invalid(
        f"Invalid '{found.param}': array too short. Expected at least {limit} items.",
        found.param,
        "array_below_min_length",
    )


def _too_many(found: _Found) -> ApiError:
    count = len(found.instance) if isinstance(found.instance, list) else 0
    message = (
        f"Invalid '{found.param}': array too long. Expected an array with maximum length {found.details.get('limit')},"
        f" but got an array with length {count} instead."
    )
    return invalid(message, found.param, "array_above_max_length")


def _too_long(found: _Found) -> ApiError:
    length = len(found.instance) if isinstance(found.instance, str) else 0
    message = (
        f"Invalid '{found.param}': string too long. Expected a string with maximum length"
        f" {found.details.get('limit')}, but got a string with length {length} instead."
    )
    return invalid(message, found.param, "string_above_max_length")


def _too_short(found: _Found) -> ApiError:
    message = (
        f"Invalid '{found.param}': string too short. Expected a string with minimum length"
        f" {found.details.get('limit')}."
    )
    return invalid(message, found.param, "string_below_min_length")


def _unknown_property(found: _Found) -> ApiError:
    unexpected = found.details.get("unexpected") or []
    extra = param_name([*found.path, unexpected[0]]) if unexpected else found.param
    return invalid(f"Unrecognized request argument supplied: {extra}", extra, "unknown_parameter")


def _no_match(found: _Found) -> ApiError:
    return invalid(
        f"Invalid '{found.param}': string does not match pattern. Expected a string that matches the pattern"
        f" '{found.details.get('pattern')}'.",
        found.param,
        "invalid_value",
    )


#: jsonschema-rs error kind -> the real API's wording of it (ranges and combinators are handled in `_describe`).
_DESCRIBERS: dict[str, Callable[[_Found], ApiError]] = {
    "Required": _required,
    "Type": _wrong_type,
    "Enum": _not_allowed,
    "Constant": _not_allowed,
    "MinItems": _too_few,
    "MaxItems": _too_many,
    "MaxLength": _too_long,
    "MinLength": _too_short,
    "AdditionalProperties": _unknown_property,
    "Pattern": _no_match,
}


def _most_specific(errors: Sequence[jsonschema_rs.ValidationError]) -> jsonschema_rs.ValidationError:
    """The error deepest in the instance (the first of those)."""
    best = errors[0]
    for err in errors[1:]:
        if len(err.instance_path) > len(best.instance_path):
            best = err
    return best


def _is_mismatch(error: jsonschema_rs.ValidationError, path: list[str | int]) -> bool:
    """Whether the error only says "not this alternative": wrong type or value here, or a wrong `const` tag."""
    kind = type(error.kind).__name__
    where = list(error.instance_path)
    if where == path:
        return kind in ("Type", "Constant", "Enum")
    return kind == "Constant" and len(where) == len(path) + 1 and where[: len(path)] == path


def _expected_types(alternatives: Any, spec: Spec) -> list[str]:
    types: list[str] = []
    if not isinstance(alternatives, list):
        return types
    for alt in alternatives:
        node = resolve(spec.document, alt)
        if not isinstance(node, Mapping):
            continue
        declared = node.get("type")
        if isinstance(declared, str):
            types.append(declared)
        elif isinstance(declared, list):
            types.extend(t for t in declared if isinstance(t, str))
        else:
            types.extend(_expected_types(node.get("anyOf") or node.get("oneOf"), spec))
    non_null = [t for t in types if t != "null"]
    return non_null or types
