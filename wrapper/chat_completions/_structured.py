"""Structured Outputs: a `response_format` or a function tool from a Python type, and the answer parsed back into it.

The types: a pydantic model (through pydantic, only when one is given: pydantic is never imported here), or without
pydantic a dataclass, a `TypedDict` or an attrs class (through msgspec, imported on first use). Each library writes
the JSON schema of the type and decodes the answer into it; this module only makes the schema strict, as Structured
Outputs require: every property required, the optional ones nullable (a null then reads as the field's default),
`additionalProperties: false`, the root inlined, `$defs` for nested and recursive types, only the keywords the API
supports. A type the strict dialect cannot express raises `TypeError` naming the field, before any request is sent.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from chat_completions_api.models.chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from chat_completions_api.models.chat_completion_message_tool_call_function import (
        ChatCompletionMessageToolCallFunction,
    )
    from chat_completions_api.models.chat_completion_response_message import ChatCompletionResponseMessage
    from chat_completions_api.models.create_chat_completion_response_choices_item import (
        CreateChatCompletionResponseChoicesItem,
    )
    from chat_completions_api.params import ChatCompletionToolParam

    from ._models import CreateChatCompletionResponse

T = TypeVar("T")

#: The SDK's logger (as the requester's): `parse()` warns there of a tool call it leaves out, as `openai` warns on its
#: `openai.lib.parsing` logger.
log = logging.getLogger("chat_completions")

#: Keywords the strict dialect accepts (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas).
_SUPPORTED = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "items", "anyOf", "enum", "const", "$ref", "$defs",
        "title", "description", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minItems", "maxItems",
    }
)  # fmt: skip
#: Annotations that change nothing about what the model may answer: left out of the strict schema.
_DROPPED = frozenset({"default", "examples", "$comment", "readOnly", "writeOnly", "deprecated"})


class _Strict:
    """Turns one library's JSON schema into the strict dialect; remembers the fields it made nullable."""

    def __init__(self, owner: str, defs: dict[str, Any]) -> None:
        self.owner = owner
        self.defs = defs
        self.nullable: dict[int, frozenset[str]] = {}  # id(object schema) -> optional properties made nullable

    def fail(self, where: str, why: str) -> TypeError:
        return TypeError(f"{self.owner}: field {where!r} cannot be expressed in a strict JSON schema: {why}")

    def schema(self, node: Any, where: str) -> dict[str, Any]:
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and len(node) > 1:  # `$ref` with siblings (a description): not allowed, inline it
            target = self.defs.get(ref.rsplit("/", 1)[-1])
            if isinstance(target, dict):
                node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if isinstance(node, dict) and "discriminator" in node:  # a tagged union: its variants exclude each other
            node = {("anyOf" if k == "oneOf" else k): v for k, v in node.items() if k != "discriminator"}
        if not isinstance(node, dict) or not node.keys() - _DROPPED - {"title", "description"}:
            raise self.fail(where, "it has no JSON type (Any, object or an untyped value)")
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DROPPED:
                continue
            if key not in _SUPPORTED:
                raise self.fail(where, f"the keyword {key!r} is not supported ({json.dumps({key: value})[:80]})")
            out[key] = value
        if out.get("type") == "object" or "properties" in out:
            self._object(out, where)
        if "items" in out:
            out["items"] = self.schema(out["items"], f"{where}[]")
        if "anyOf" in out:
            variants = [self.schema(variant, where) for variant in out["anyOf"]]
            out["anyOf"] = [inner for v in variants for inner in (v["anyOf"] if v.keys() == {"anyOf"} else [v])]
        return _as_pydantic_writes(out)

    def _object(self, out: dict[str, Any], where: str) -> None:
        extra = out.get("additionalProperties", False)
        if extra is not False:
            raise self.fail(where, "an object with arbitrary keys (a dict) is not supported; use a class with fields")
        properties = out.get("properties", {})
        required = set(out.get("required", ()))
        strict: dict[str, Any] = {}
        made = set()
        for name, prop in properties.items():
            field = f"{where}.{name}" if where else name
            schema = self.schema(prop, field)
            if name not in required and not _accepts_null(schema):
                variants = schema["anyOf"] if schema.keys() == {"anyOf"} else [schema]
                schema = {"anyOf": [*variants, {"type": "null"}]}
                made.add(name)
            strict[name] = schema
        out["properties"] = strict
        out["required"] = list(strict)
        out["additionalProperties"] = False
        if made:
            self.nullable[id(out)] = frozenset(made)


#: The JSON type of an `enum` whose values are all of these Python types (as pydantic writes it).
_ENUM_TYPES = {
    frozenset({str}): "string",
    frozenset({int}): "integer",
    frozenset({float}): "number",
    frozenset({int, float}): "number",
    frozenset({bool}): "boolean",
}


def _as_pydantic_writes(out: dict[str, Any]) -> dict[str, Any]:
    """What msgspec writes otherwise than pydantic (and so `openai`), as pydantic writes it."""
    if "enum" in out and "type" not in out:  # msgspec leaves an enum's type out
        kind = _ENUM_TYPES.get(frozenset(type(v) for v in out["enum"]))
        if kind is not None:
            out["type"] = kind
    if out.get("format") == "decimal":  # msgspec's Decimal: not a format the API knows
        del out["format"], out["type"]
        out["anyOf"] = [{"type": "number"}, {"type": "string"}]
    return out


def _accepts_null(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    return any(_accepts_null(variant) for variant in schema.get("anyOf", ()))


def _api_name(name: str) -> str:
    """`name` as the API takes a schema's or function's name (`^[a-zA-Z0-9_-]{1,64}$`): a generic model's
    `Page[Item]` is sent as `Page_Item` (openai sends it as it is, and the API refuses it)."""
    return re.sub(r"[^a-zA-Z0-9_-]+", "_", name).strip("_")[:64] or "response"


def _pydantic_model(tp: object) -> bool:
    """`tp` is a pydantic model or pydantic dataclass (only possible if pydantic is already imported)."""
    pydantic = sys.modules.get("pydantic")
    if pydantic is None or not isinstance(tp, type):
        return False
    return issubclass(tp, pydantic.BaseModel) or hasattr(tp, "__pydantic_config__")


class Codec(Generic[T]):
    """A type's strict JSON schema and its decoder (built once per type, see `codec`)."""

    def __init__(self, tp: type[T]) -> None:
        self.tp = tp
        self.name = _api_name(getattr(tp, "__name__", "response"))
        owner = f"{self.name}"
        if _pydantic_model(tp):
            raw, self._load = self._pydantic(tp)
        else:
            raw, self._load = self._msgspec(tp)
        defs = dict(raw.pop("$defs", None) or raw.pop("definitions", None) or {})
        root = raw
        ref = raw.get("$ref")
        if isinstance(ref, str) and len(raw) == 1:  # msgspec, a recursive pydantic model: the root is a $ref
            root = defs[ref.rsplit("/", 1)[-1]]
        strict = _Strict(owner, defs)
        self.schema = strict.schema(root, "")
        if self.schema.get("type") != "object":
            raise TypeError(f"{owner}: the root of a structured output must be an object (a class with fields)")
        converted = {key: strict.schema(definition, key) for key, definition in defs.items()}
        text = json.dumps([self.schema, converted])
        kept = {key: value for key, value in converted.items() if f'"#/$defs/{key}"' in text}
        if kept:
            self.schema["$defs"] = kept
        self._nullable = strict.nullable

    @staticmethod
    def _pydantic(tp: Any) -> tuple[dict[str, Any], Callable[[str], Any]]:
        from pydantic import BaseModel, TypeAdapter

        if issubclass(tp, BaseModel):
            return tp.model_json_schema(), tp.model_validate_json
        adapter = TypeAdapter(tp)
        return adapter.json_schema(), adapter.validate_json

    @staticmethod
    def _msgspec(tp: Any) -> tuple[dict[str, Any], Callable[[str], Any]]:
        import msgspec
        import msgspec.inspect

        try:
            schema = msgspec.json.schema(tp)
        except (TypeError, ValueError) as error:
            said = " ".join(str(error).split())  # msgspec's message spans lines
            raise TypeError(f"{getattr(tp, '__name__', tp)}: not a type Structured Outputs can use: {said}") from None
        _add_formats(msgspec.inspect.type_info(tp), schema, schema.get("$defs", {}), set())
        decoder = msgspec.json.Decoder(tp)

        def load(text: str) -> Any:
            return decoder.decode(text)

        return schema, load

    def decode(self, text: str) -> T:
        """The answer's JSON text as an instance of the type (a null for an optional field reads as its default)."""
        if not self._nullable:
            return self._load(text)  # type: ignore[no-any-return]
        data = _prune(json.loads(text), self.schema, self.schema.get("$defs", {}), self._nullable)
        return self._load(json.dumps(data))  # type: ignore[no-any-return]


def _add_formats(info: Any, node: dict[str, Any], defs: dict[str, Any], seen: set[str]) -> None:
    """Give a `datetime` or `time` field the `format` pydantic gives it (`date-time`, `time`), so that the model
    answers one: msgspec writes a bare string for those that may be naive. `info` is msgspec's view of the type
    `node` was written from."""
    from msgspec import inspect as mi

    while isinstance(info, mi.Metadata):
        info = info.type
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        if name in seen or getattr(getattr(info, "cls", None), "__name__", None) != name:
            return
        seen.add(name)
        node = defs.get(name, {})
    if isinstance(info, (mi.DateTimeType, mi.TimeType)) and node.get("type") == "string" and "format" not in node:
        node["format"] = "date-time" if isinstance(info, mi.DateTimeType) else "time"
    elif isinstance(info, (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)) and "items" in node:
        _add_formats(info.item_type, node["items"], defs, seen)
    elif isinstance(info, mi.UnionType) and not any(isinstance(t, mi.StrType) for t in info.types):
        for variant in node.get("anyOf", ()):
            for member in info.types:
                _add_formats(member, variant, defs, seen)
    elif isinstance(info, (mi.DataclassType, mi.StructType, mi.TypedDictType)):
        properties = node.get("properties", {})
        for field in info.fields:
            if field.encode_name in properties:
                _add_formats(field.type, properties[field.encode_name], defs, seen)


def _prune(data: Any, schema: dict[str, Any], defs: dict[str, Any], nullable: dict[int, frozenset[str]]) -> Any:
    """Drop the nulls the strict schema allowed only so that an optional field could be left to its default."""
    ref = schema.get("$ref")
    if isinstance(ref, str):
        schema = defs.get(ref.rsplit("/", 1)[-1], {})
    if isinstance(data, dict) and "properties" in schema:
        made = nullable.get(id(schema), frozenset())
        props = schema["properties"]
        return {
            k: _prune(v, props[k], defs, nullable) if k in props else v
            for k, v in data.items()
            if not (v is None and k in made)
        }
    if isinstance(data, list) and "items" in schema:
        return [_prune(item, schema["items"], defs, nullable) for item in data]
    if data is not None and "anyOf" in schema:
        variants = [v for v in schema["anyOf"] if v.get("type") != "null"]
        if len(variants) > 1:  # a union: the variant the value is (strict: an object has exactly its properties)
            variants = [
                v for v in variants if _fits(data, defs.get(v["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in v else v)
            ]
        if variants:
            return _prune(data, variants[0], defs, nullable)
    return data


def _fits(data: Any, schema: dict[str, Any]) -> bool:
    """`data` is an instance of the strict object or array `schema` (only those have nulls to prune)."""
    if isinstance(data, dict):
        return isinstance(schema.get("properties"), dict) and schema["properties"].keys() == data.keys()
    return isinstance(data, list) and schema.get("type") == "array"


_CODECS: dict[Any, Codec[Any]] = {}


def codec(tp: type[T]) -> Codec[T]:
    """The `Codec` of a type, built on first use."""
    known = _CODECS.get(tp)
    if known is None:
        known = _CODECS[tp] = Codec(tp)
    return known


def response_format_param(response_format: Any) -> Any:
    """The `response_format` to send: a type's strict JSON schema; a dict as given; anything else a `TypeError`."""
    if isinstance(response_format, Mapping):
        return response_format
    if not isinstance(response_format, type):  # `list[Answer]`, a string: it would fail as JSON, or at the server
        raise TypeError(
            f"response_format={response_format!r}: expected a class (a pydantic model, dataclass, TypedDict or "
            "attrs class) or a dict"
        )
    found: Codec[Any] = codec(response_format)
    return {"type": "json_schema", "json_schema": {"name": found.name, "schema": found.schema, "strict": True}}


class TypedFunction(dict[str, Any]):
    """The `function` of a tool made by `function_tool`: the definition sent, plus the type its arguments decode to."""

    codec: Codec[Any]


def function_tool(tp: type[Any], *, name: str | None = None, description: str | None = None) -> ChatCompletionToolParam:
    """A strict function tool whose parameters are `tp`'s fields (a pydantic model, dataclass, TypedDict or attrs
    class); in `parse()` and `stream()` its calls carry `parsed_arguments`, an instance of `tp`. `openai`'s
    `pydantic_function_tool` counterpart."""
    found = codec(tp)
    function = TypedFunction(name=name or found.name, parameters=found.schema, strict=True)
    text = description if description is not None else found.schema.get("description")
    if text:
        function["description"] = text
    function.codec = found
    return {"type": "function", "function": function}  # type: ignore[typeddict-item]


def check_tools(tools: Iterable[Any] | None) -> list[Mapping[str, Any]]:
    """The tools of a `parse()`/`stream()` call; as `openai`, every one must be a strict function tool."""
    checked = []
    for tool in tools or ():
        if tool.get("type") != "function":
            raise ValueError(f"only function tools can be parsed, got a tool of type {tool.get('type')!r}")
        function = tool.get("function") or {}
        if function.get("strict") is not True:
            raise ValueError(f"{function.get('name')!r} is not strict: only strict function tools can be parsed")
        checked.append(tool)
    return checked


def parse_arguments(tools: list[Mapping[str, Any]], name: object, arguments: str) -> object:
    """A call's `parsed_arguments`: an instance of its tool's type, the JSON value for a strict dict tool, else None."""
    for tool in tools:
        function = tool.get("function") or {}
        if tool.get("type") == "function" and function.get("name") == name:
            if isinstance(function, TypedFunction):
                return function.codec.decode(arguments)
            return json.loads(arguments) if function.get("strict") else None
    return None


# --- the parsed completion --------------------------------------------------------------------------------------------

if TYPE_CHECKING:

    class ParsedFunction(ChatCompletionMessageToolCallFunction):
        """A function call with its arguments decoded (`parsed_arguments`)."""

        parsed_arguments: object

    class ParsedFunctionToolCall(ChatCompletionMessageToolCall):
        """A function tool call of a parsed completion."""

        function: ParsedFunction

    class ParsedChatCompletionMessage(ChatCompletionResponseMessage, Generic[T]):
        """A message with its content decoded into the `response_format` type (`parsed`)."""

        parsed: T | None
        tool_calls: list[ParsedFunctionToolCall] | None  # type: ignore[assignment]

    class ParsedChoice(CreateChatCompletionResponseChoicesItem, Generic[T]):
        """A choice of a parsed completion."""

        message: ParsedChatCompletionMessage[T]

    class ParsedChatCompletion(CreateChatCompletionResponse, Generic[T]):
        """The completion `parse()` returns: each choice's `message.parsed`, each call's `parsed_arguments`."""

        choices: list[ParsedChoice[T]]  # type: ignore[assignment]


_EXTENDS = {
    "ParsedFunction": ("chat_completion_message_tool_call_function", "ChatCompletionMessageToolCallFunction"),
    "ParsedFunctionToolCall": ("chat_completion_message_tool_call", "ChatCompletionMessageToolCall"),
    "ParsedChatCompletionMessage": ("chat_completion_response_message", "ChatCompletionResponseMessage"),
    "ParsedChoice": ("create_chat_completion_response_choices_item", "CreateChatCompletionResponseChoicesItem"),
    "ParsedChatCompletion": ("", "CreateChatCompletionResponse"),
}
_ADDED = {"ParsedFunction": "parsed_arguments", "ParsedChatCompletionMessage": "parsed"}
_DOCS = {
    "ParsedFunction": "A function call with its arguments decoded (`parsed_arguments`).",
    "ParsedFunctionToolCall": "A function tool call of a parsed completion.",
    "ParsedChatCompletionMessage": "A message with its content decoded into the `response_format` type (`parsed`).",
    "ParsedChoice": "A choice of a parsed completion.",
    "ParsedChatCompletion": "The completion `parse()` returns: each `message.parsed`, each call's `parsed_arguments`.",
}
_BUILT: dict[str, type[Any]] = {}


def parsed_type(name: str) -> type[Any]:
    """The runtime class `name` (see `_EXTENDS`): the generated class plus the field of `_ADDED`, built once."""
    known = _BUILT.get(name)
    if known is not None:
        return known
    import attrs

    module, base_name = _EXTENDS[name]
    if module:
        from importlib import import_module

        base: Any = getattr(import_module(f"chat_completions_api.models.{module}"), base_name)
    else:
        from . import _models

        base = _models.completion_type()
    namespace: dict[str, Any] = {"__module__": __name__, "__qualname__": name, "__doc__": _DOCS[name]}
    namespace["__class_getitem__"] = classmethod(lambda cls, item: cls)  # ParsedChatCompletion[MyModel] at run time
    added = _ADDED.get(name)
    if added:
        namespace["__annotations__"] = {added: "object"}
        namespace[added] = attrs.field(default=None)
        namespace["to_dict"] = _to_dict_with(base.to_dict, added)
    cls = attrs.define(type(name, (base,), namespace))
    _BUILT[name] = cls
    globals()[name] = cls  # so pickle finds it by name
    return cls


def _to_dict_with(to_dict: Callable[..., dict[str, Any]], added: str) -> Callable[..., dict[str, Any]]:
    """The generated `to_dict`, plus the added field (as `openai`'s `to_dict()` has `parsed`)."""
    from chat_completions_api.types import dump_value

    def with_added(self: Any, **flags: Any) -> dict[str, Any]:
        data = to_dict(self, **flags)
        value = getattr(self, added)
        if added not in data and not (value is None and flags.get("exclude_none")):
            data[added] = dump_value(value)
        return data

    return with_added


def __getattr__(name: str) -> Any:
    if name in _EXTENDS:
        return parsed_type(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _upgrade(model: Any, name: str, **changes: Any) -> Any:
    """A copy of `model` as the class `name`, with `changes` applied (fields by their Python names)."""
    import attrs

    cls = parsed_type(name)
    copy = object.__new__(cls)
    for field in attrs.fields(type(model)):
        object.__setattr__(copy, field.name, changes.pop(field.name, getattr(model, field.name)))
    for key, value in changes.items():
        object.__setattr__(copy, key, value)
    return copy


def parse_completion(
    completion: CreateChatCompletionResponse, response_format: Any, tools: list[Mapping[str, Any]]
) -> ParsedChatCompletion[Any]:
    """The parsed completion: raises on a choice cut by length or the content filter, as `openai` does."""
    for choice in completion.choices:
        check_finish(choice.finish_reason, completion)
    rich = isinstance(response_format, type)
    for choice in completion.choices:
        for call in choice.message.tool_calls or ():
            if getattr(call, "type", None) == "custom":  # openai's words (lib/_parsing/_completions.py)
                name = getattr(getattr(call, "custom", None), "name", None)
                log.warning("Custom tool calls are not callable. Ignoring tool call: %s - %s", call.id, name)

    def content(index: int, message: Any) -> Any:
        if rich and message.content and not message.refusal:
            return codec(response_format).decode(message.content)
        return None

    return with_parsed(completion, content, lambda index, position, function: parse_arguments(tools, *function))


def check_finish(finish_reason: object, completion: Any) -> None:
    """Raise `LengthFinishReasonError` / `ContentFilterFinishReasonError` for a choice that cannot be parsed."""
    if finish_reason == "length":
        from ._errors import LengthFinishReasonError

        raise LengthFinishReasonError(completion=completion)
    if finish_reason == "content_filter":
        from ._errors import ContentFilterFinishReasonError

        raise ContentFilterFinishReasonError


def with_parsed(
    completion: Any,
    content: Callable[[int, Any], Any],
    arguments: Callable[[int, int, tuple[Any, str]], Any],
) -> ParsedChatCompletion[Any]:
    """`completion` as a `ParsedChatCompletion`: each message's `parsed` is `content(choice index, message)`, each
    function call's `parsed_arguments` is `arguments(choice index, call position, (name, arguments))`."""
    choices = []
    for choice in completion.choices:
        message = choice.message
        calls = []
        for position, call in enumerate(message.tool_calls or ()):
            function, kind = getattr(call, "function", None), getattr(call, "type", None)
            if kind == "custom":
                continue  # not callable: left out, as openai does (`parse_completion` warns of it)
            if function is None or kind != "function":
                calls.append(call)  # an unknown kind: kept as it came, unparsed, as openai keeps it
                continue
            value = arguments(choice.index, position, (function.name, function.arguments))
            parsed_function = _upgrade(function, "ParsedFunction", parsed_arguments=value)
            calls.append(_upgrade(call, "ParsedFunctionToolCall", function=parsed_function))
        parsed = content(choice.index, message)
        odd = message._odd_keys if calls or "tool_calls" in message._odd_keys else (*message._odd_keys, "tool_calls")
        new_message = _upgrade(  # `tool_calls` given back as null when there are none, as openai's parse() does
            message, "ParsedChatCompletionMessage", parsed=parsed, tool_calls=calls or None, _odd_keys=odd
        )
        choices.append(_upgrade(choice, "ParsedChoice", message=new_message))
    return _upgrade(completion, "ParsedChatCompletion", choices=choices)  # type: ignore[no-any-return]


def prepare(params: dict[str, Any], response_format: Any, *, strict_tools: bool = True) -> list[Mapping[str, Any]]:
    """Put the `response_format` to send into `params`; the call's tools, checked to be strict function tools
    (`parse()`; `stream()` takes any, as `openai`'s does, and parses the arguments of the strict ones only)."""
    if "stream" in params:
        raise TypeError("parse() and stream() take no `stream` argument: parse() answers whole, stream() streams")
    tools = check_tools(params.get("tools")) if strict_tools else list(params.get("tools") or ())
    if response_format is not None:
        params["response_format"] = response_format_param(response_format)
    return tools
