from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing

_KEYS = frozenset({"end_index", "start_index", "url", "title"})


T = TypeVar("T", bound="ChatCompletionMessageListDataItemAnnotationsItemUrlCitation")


@_attrs_define
class ChatCompletionMessageListDataItemAnnotationsItemUrlCitation(Model):
    end_index: int
    start_index: int
    url: str
    title: str
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
        field_dict["end_index"] = self.end_index
        field_dict["start_index"] = self.start_index
        field_dict["url"] = self.url
        field_dict["title"] = self.title
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
            end_index: Any = src_dict["end_index"]
        except KeyError:
            end_index = None
            if missing(src_dict, "end_index"):
                odd += ("end_index",)
        else:
            if end_index is None:
                missing(src_dict, "end_index")

        try:
            start_index: Any = src_dict["start_index"]
        except KeyError:
            start_index = None
            if missing(src_dict, "start_index"):
                odd += ("start_index",)
        else:
            if start_index is None:
                missing(src_dict, "start_index")

        try:
            url: Any = src_dict["url"]
        except KeyError:
            url = None
            if missing(src_dict, "url"):
                odd += ("url",)
        else:
            if url is None:
                missing(src_dict, "url")

        try:
            title: Any = src_dict["title"]
        except KeyError:
            title = None
            if missing(src_dict, "title"):
                odd += ("title",)
        else:
            if title is None:
                missing(src_dict, "title")

        chat_completion_message_list_data_item_annotations_item_url_citation = cls(
            end_index,
            start_index,
            url,
            title,
        )
        if odd:
            chat_completion_message_list_data_item_annotations_item_url_citation._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 4 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_message_list_data_item_annotations_item_url_citation.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_message_list_data_item_annotations_item_url_citation

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
