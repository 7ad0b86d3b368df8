from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate

_KEYS = frozenset({"data", "event", "id", "retry"})


T = TypeVar("T", bound="ChatCompletionStreamEvent")


@_attrs_define
class ChatCompletionStreamEvent(Model):
    """One server-sent event of a streamed completion. `data` holds one JSON-encoded chunk, or the literal `[DONE]` that
    ends the stream.

    """

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    #: Keys whose presence the values do not tell: optional fields sent as null, required ones left out (both read
    #: as None); to_dict gives them back as they were sent.
    #: (An __init__ keyword, so that its default costs nothing per instance; only from_dict has a use for it.)
    _odd_keys: tuple[str, ...] = _attrs_field(default=(), repr=False, eq=False, kw_only=True, alias="_odd_keys")

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> dict[str, Any]:
        """The JSON object, keys by their API names: what was sent or set (see `model_dump` for the flags)."""
        if exclude_none or not exclude_unset:
            return dump_model(self, exclude_unset, exclude_none)
        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop
        field_dict["data"] = self.data
        event = self.event
        if event is not None:
            field_dict["event"] = event
        id = self.id
        if id is not None:
            field_dict["id"] = id
        retry = self.retry
        if retry is not None:
            field_dict["retry"] = retry
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        try:
            data: Any = src_dict["data"]
        except KeyError:
            data = None
            if missing(src_dict, "data"):
                odd += ("data",)
        else:
            if data is None:
                missing(src_dict, "data")

        event: Any = src_dict.get("event")
        if event is None and "event" in src_dict:
            tolerate("field 'event' is null")
            odd += ("event",)

        id: Any = src_dict.get("id")
        if id is None and "id" in src_dict:
            tolerate("field 'id' is null")
            odd += ("id",)

        retry: Any = src_dict.get("retry")
        if retry is None and "retry" in src_dict:
            tolerate("field 'retry' is null")
            odd += ("retry",)

        chat_completion_stream_event = cls(
            data,
            event,
            id,
            retry,
        )
        if odd:
            chat_completion_stream_event._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 1 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_stream_event.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_stream_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
