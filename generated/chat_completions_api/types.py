"""Contains some shared types for properties"""

from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

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
        tags = [f.default for f in fields(cls) if f.name in ("type", "type_") and f.default is not NOTHING]
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
    "RequestFiles",
    "Response",
    "Unset",
    "missing",
    "names_variant",
    "strict_parsing",
    "to_json",
    "tolerate",
]
