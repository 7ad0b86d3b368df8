from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.web_search_context_size import WebSearchContextSize, check_web_search_context_size
from ..types import UNSET, Model, Unset, dump_model

if TYPE_CHECKING:
    from ..models.create_chat_completion_request_web_search_options_user_location_type_0 import (
        CreateChatCompletionRequestWebSearchOptionsUserLocationType0,
    )

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, CreateChatCompletionRequestWebSearchOptionsUserLocationType0
    from ..models.create_chat_completion_request_web_search_options_user_location_type_0 import (
        CreateChatCompletionRequestWebSearchOptionsUserLocationType0,
    )

    _lazy_pending = False


_KEYS = frozenset({"user_location", "search_context_size"})


T = TypeVar("T", bound="CreateChatCompletionRequestWebSearchOptions")


@_attrs_define
class CreateChatCompletionRequestWebSearchOptions(Model):
    user_location: CreateChatCompletionRequestWebSearchOptionsUserLocationType0 | None | Unset = UNSET
    search_context_size: WebSearchContextSize | Unset = UNSET
    """ Server default: `medium`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        if _lazy_pending:
            _import_lazy()

        user_location: dict[str, Any] | None | Unset
        if isinstance(self.user_location, Unset):
            user_location = UNSET
        elif isinstance(self.user_location, CreateChatCompletionRequestWebSearchOptionsUserLocationType0):
            user_location = self.user_location.to_dict()
        else:
            user_location = self.user_location

        search_context_size: str | Unset = UNSET
        if not isinstance(self.search_context_size, Unset):
            search_context_size = self.search_context_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if user_location is not UNSET:
            field_dict["user_location"] = user_location
        if search_context_size is not UNSET:
            field_dict["search_context_size"] = search_context_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        user_location: Any = src_dict.get("user_location", UNSET)
        if user_location is not UNSET and user_location is not None:
            if isinstance(user_location, dict):
                try:
                    user_location = CreateChatCompletionRequestWebSearchOptionsUserLocationType0.from_dict(
                        user_location
                    )
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        search_context_size: Any = src_dict.get("search_context_size", UNSET)
        if search_context_size is not UNSET:
            search_context_size = check_web_search_context_size(search_context_size)

        create_chat_completion_request_web_search_options = cls(
            user_location,
            search_context_size,
        )
        if not _KEYS.issuperset(src_dict):
            create_chat_completion_request_web_search_options.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return create_chat_completion_request_web_search_options

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
