from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.create_chat_completion_response import CreateChatCompletionResponse

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, CreateChatCompletionResponse
    from ..models.create_chat_completion_response import CreateChatCompletionResponse

    _lazy_pending = False


_KEYS = frozenset({"object", "data", "first_id", "last_id", "has_more"})


T = TypeVar("T", bound="ChatCompletionList")


@_attrs_define
class ChatCompletionList:
    data: list[CreateChatCompletionResponse]
    first_id: str
    last_id: str
    has_more: bool
    object_: Literal["list"] = "list"
    """ Server default: `list`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        object_ = self.object_

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        first_id = self.first_id

        last_id = self.last_id

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "data": data,
                "first_id": first_id,
                "last_id": last_id,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        object_ = src_dict["object"]
        if object_ != "list":
            raise ValueError(f"object must match const 'list', got '{object_}'")

        data = [CreateChatCompletionResponse.from_dict(data_item_data) for data_item_data in src_dict["data"]]

        first_id = src_dict["first_id"]

        last_id = src_dict["last_id"]

        has_more = src_dict["has_more"]

        chat_completion_list = cls(
            data,
            first_id,
            last_id,
            has_more,
            object_,
        )
        if len(src_dict) > 5 and not _KEYS.issuperset(src_dict):
            chat_completion_list.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_list

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
