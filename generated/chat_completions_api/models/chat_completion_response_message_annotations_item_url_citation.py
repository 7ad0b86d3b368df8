from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

_KEYS = frozenset({"end_index", "start_index", "url", "title"})


T = TypeVar("T", bound="ChatCompletionResponseMessageAnnotationsItemUrlCitation")


@_attrs_define
class ChatCompletionResponseMessageAnnotationsItemUrlCitation:
    end_index: int
    start_index: int
    url: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_index = self.end_index

        start_index = self.start_index

        url = self.url

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end_index": end_index,
                "start_index": start_index,
                "url": url,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        end_index = src_dict["end_index"]

        start_index = src_dict["start_index"]

        url = src_dict["url"]

        title = src_dict["title"]

        chat_completion_response_message_annotations_item_url_citation = cls(
            end_index,
            start_index,
            url,
            title,
        )
        if len(src_dict) > 4 and not _KEYS.issuperset(src_dict):
            chat_completion_response_message_annotations_item_url_citation.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_response_message_annotations_item_url_citation

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
