"""Contains some shared types for properties"""

from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from http import HTTPStatus
from typing import IO, Any, BinaryIO, ClassVar, Generic, Literal, TypeVar

from attrs import NOTHING, define, fields


class Unset:
    """The type of `UNSET`, the value of a field that is absent (not sent, or not in the answer).

    There is one instance: `Unset()` returns it, and copies and unpickled models hold it again, so the
    `field is UNSET` checks of `to_dict()` keep working. It is falsy and prints as `UNSET`.
    """

    __slots__ = ()
    _instance: "Unset | None" = None

    def __new__(cls) -> "Unset":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"  # pickle and copy refer to the module's singleton by name


UNSET: Unset = Unset()

#: True while `from_dict` must refuse what tolerant reading accepts (set it around a call, then reset it).
STRICT: ContextVar[bool] = ContextVar("chat_completions_api.STRICT", default=False)


@contextmanager
def strict_parsing() -> Iterator[None]:
    """`with strict_parsing(): Model.from_dict(data)` raises on any departure from the spec (as the SDK's
    `strict_response_validation=True` does) instead of reading it as the official SDK would."""
    token = STRICT.set(True)
    try:
        yield
    finally:
        STRICT.reset(token)


def tolerate(problem: str) -> None:
    """Where an answer departs from the spec in a way read anyway (a null, an unknown const or variant): raise
    ValueError(problem) if parsing is strict. Called only on such departures, so well-formed answers never pay."""
    if STRICT.get():
        raise ValueError(problem)


def missing(src_dict: Mapping[str, Any], key: str) -> bool:
    """A required field is absent (True) or null (False): read as None, unless parsing is strict."""
    absent = key not in src_dict
    if STRICT.get():
        if absent:
            raise KeyError(key)
        raise ValueError(f"field {key!r} is null")
    return absent


_TAGS: dict[type, object] = {}


def names_variant(cls: type, data: Mapping[str, Any]) -> bool:
    """The object `data` names the union variant `cls` by its `type` constant (tolerant union reading picks it
    first). Called only for objects no variant reads strictly, so well-formed answers never pay."""
    if cls not in _TAGS:
        tags = [f.default for f in fields(cls) if f.name == "type" and f.default is not NOTHING]
        _TAGS[cls] = tags[0] if tags else None
    tag = _TAGS[cls]
    return isinstance(tag, str) and data.get("type") == tag


def to_json(value: Any) -> Any:
    """The JSON value of a field holding one of several types: models by their `to_dict`, lists item by item, the
    rest (numbers, strings, an unknown variant kept as its dict) as they are."""
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    if isinstance(value, list):
        return [to_json(item) for item in value]
    return value


#: Field names for `include`/`exclude`: a set, or a mapping whose values are `True` (top-level fields only).
Keys = set[str] | frozenset[str] | Mapping[str, Any]


class Model:
    """The serialisation methods every model shares, named and shaped as the official SDK's (pydantic's) are.

    Each model defines `to_dict()` (its JSON object, keys by their API names, as sent); these build on it.
    """

    __slots__ = ()
    #: The fields whose attribute is not their API name (Python needs another name: `from_` for `from`): attr -> API.
    _API_NAMES: ClassVar[dict[str, str]] = {}

    def to_dict(self) -> dict[str, Any]:  # each model's own
        raise NotImplementedError

    def model_dump(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        include: Keys | None = None,
        exclude: Keys | None = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
    ) -> dict[str, Any]:
        """The model as a dict with its API names. Absent fields are None unless `exclude_unset` (then only what
        was sent or set is kept); `exclude_none` leaves out fields that are None; `include`/`exclude` keep or drop
        top-level fields by name. The values are JSON values in both modes (models hold no dates or bytes), the keys
        the API's names whatever `by_alias` says (they are the official SDK's field names too), and there is nothing
        for `round_trip` or `warnings` to change: they are taken so that calls written for it work unchanged."""
        if exclude_unset and not exclude_none:
            data = self.to_dict()
        else:
            data = dump_model(self, exclude_unset, exclude_none)
        return _select(data, include, exclude)

    def model_dump_json(
        self,
        *,
        indent: int | None = None,
        include: Keys | None = None,
        exclude: Keys | None = None,
        by_alias: bool | None = None,
        exclude_unset: bool = False,
        exclude_none: bool = False,
        round_trip: bool = False,
        warnings: bool | Literal["none", "warn", "error"] = True,
    ) -> str:
        """`model_dump()` as a JSON string (compact unless `indent` is given)."""
        data = self.model_dump(include=include, exclude=exclude, exclude_unset=exclude_unset, exclude_none=exclude_none)
        return _json_text(data, indent)

    def to_json(
        self,
        *,
        indent: int | None = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        """The JSON text of what was sent or set (as `to_dict()`), indented by 2 unless told otherwise."""
        return _json_text(self.model_dump(exclude_unset=exclude_unset, exclude_none=exclude_none), indent)


def _select(data: dict[str, Any], include: Keys | None, exclude: Keys | None) -> dict[str, Any]:
    for keys in (include, exclude):
        if isinstance(keys, Mapping) and any(v is not True and v is not ... for v in keys.values()):
            raise TypeError("include/exclude name top-level fields only (a set, or a mapping to True)")
    if include is not None:
        data = {k: v for k, v in data.items() if k in include}
    if exclude is not None:
        data = {k: v for k, v in data.items() if k not in exclude}
    return data


_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, API name) of a model class's fields, in declaration order (cached per class). They are the same
    but where Python needs another name (a keyword gets a trailing `_`: `from_`)."""
    known = _FIELDS.get(cls)
    if known is None:
        skip = ("additional_properties", "_odd_keys", "_request_id")
        names = getattr(cls, "_API_NAMES", {})
        known = tuple((f.name, names.get(f.name, f.name)) for f in fields(cls) if f.name not in skip)
        _FIELDS[cls] = known
    return known


def warn_old_name(old: str, new: str) -> None:
    """The deprecated alias `old` of a field was used: warn once per place (the generator's name, `type_` for `type`,
    kept for one release)."""
    import warnings

    warnings.warn(f"`{old}` is deprecated: use `{new}`, the API's name", DeprecationWarning, stacklevel=3)


def dump_model(model: Any, exclude_unset: bool, exclude_none: bool) -> dict[str, Any]:
    """`model_dump()` for any flag: each field by its API name, nested models dumped the same way."""
    sent = model.to_dict() if exclude_unset else None
    out: dict[str, Any] = {}
    for name, api in _fields(type(model)):
        if sent is not None and api not in sent:
            continue
        value = getattr(model, name)
        if value is UNSET or value is None:
            if exclude_none:
                continue
            value = None
        out[api] = dump_value(value, exclude_unset, exclude_none)
    for key, value in getattr(model, "additional_properties", {}).items():
        if not (exclude_none and value is None):
            out[key] = dump_value(value, exclude_unset, exclude_none)
    return out


def dump_value(value: Any, exclude_unset: bool = True, exclude_none: bool = False) -> Any:
    """A field value as JSON: models by `model_dump`, lists item by item, a parsed value (pydantic model or dataclass,
    dataclass, attrs instance, TypedDict) as its JSON object (dates, decimals, UUIDs, enums as pydantic writes them in
    JSON mode, as `openai` dumps `parsed`), the rest as it is."""
    if isinstance(value, Model):
        return dump_model(value, exclude_unset, exclude_none)
    if isinstance(value, list):
        return [dump_value(item, exclude_unset, exclude_none) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    if hasattr(value, "model_dump"):  # a pydantic model, e.g. the `parsed` of a structured output
        return value.model_dump(mode="json", exclude_unset=exclude_unset, exclude_none=exclude_none)
    if hasattr(type(value), "__pydantic_fields__"):  # a pydantic dataclass
        from pydantic import TypeAdapter

        adapter = TypeAdapter(type(value))
        return adapter.dump_python(value, mode="json", exclude_unset=exclude_unset, exclude_none=exclude_none)
    return _builtins(value)


def _builtins(value: Any) -> Any:
    """A value decoded by msgspec (a dataclass, attrs instance, TypedDict, or what they hold) as JSON builtins. Fields
    are read one by one: msgspec leaves a dataclass's defaulted fields out of its `__dict__`, so `to_builtins` alone
    would drop them."""
    if hasattr(value, "__dataclass_fields__"):
        import dataclasses

        return {f.name: _builtins(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(type(value), "__attrs_attrs__"):
        return {a.name: _builtins(getattr(value, a.name)) for a in type(value).__attrs_attrs__}
    if isinstance(value, dict):
        return {key: _builtins(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_builtins(item) for item in value]
    import msgspec  # dates, decimals, UUIDs, enums, bytes: as msgspec writes them (pydantic's JSON forms)

    try:
        return msgspec.to_builtins(value)
    except TypeError:  # a value of a type msgspec does not know: as it is
        return value


def _json_text(data: Any, indent: int | None) -> str:
    import json

    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=indent)


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "STRICT",
    "UNSET",
    "File",
    "FileTypes",
    "Model",
    "RequestFiles",
    "Response",
    "Unset",
    "dump_model",
    "dump_value",
    "missing",
    "names_variant",
    "strict_parsing",
    "to_json",
    "tolerate",
    "warn_old_name",
]
