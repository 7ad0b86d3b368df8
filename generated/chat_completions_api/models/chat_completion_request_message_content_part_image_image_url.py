from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_request_message_content_part_image_image_url_detail import (
    ChatCompletionRequestMessageContentPartImageImageUrlDetail,
    check_chat_completion_request_message_content_part_image_image_url_detail,
)
from ..types import UNSET, Unset

_KEYS = frozenset({"url", "detail"})


T = TypeVar("T", bound="ChatCompletionRequestMessageContentPartImageImageUrl")


@_attrs_define
class ChatCompletionRequestMessageContentPartImageImageUrl:
    url: str
    detail: ChatCompletionRequestMessageContentPartImageImageUrlDetail | Unset = UNSET
    """ Server default: `auto`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        detail: str | Unset = UNSET
        if not isinstance(self.detail, Unset):
            detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        url = src_dict["url"]

        detail: Any = src_dict.get("detail", UNSET)
        if detail is not UNSET:
            detail = check_chat_completion_request_message_content_part_image_image_url_detail(detail)

        chat_completion_request_message_content_part_image_image_url = cls(
            url,
            detail,
        )
        if len(src_dict) > 1 and not _KEYS.issuperset(src_dict):
            chat_completion_request_message_content_part_image_image_url.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_request_message_content_part_image_image_url

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
