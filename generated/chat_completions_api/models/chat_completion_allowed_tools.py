from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_allowed_tools_mode import (
    ChatCompletionAllowedToolsMode,
    check_chat_completion_allowed_tools_mode,
)
from ..types import Model, dump_model, missing

if TYPE_CHECKING:
    from ..models.chat_completion_allowed_tools_tools_item import ChatCompletionAllowedToolsToolsItem

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ChatCompletionAllowedToolsToolsItem
    from ..models.chat_completion_allowed_tools_tools_item import ChatCompletionAllowedToolsToolsItem

    _lazy_pending = False


_KEYS = frozenset({"mode", "tools"})


T = TypeVar("T", bound="ChatCompletionAllowedTools")


@_attrs_define
class ChatCompletionAllowedTools(Model):
    mode: ChatCompletionAllowedToolsMode
    tools: list[ChatCompletionAllowedToolsToolsItem]
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

        mode: str = self.mode

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
                "tools": tools,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            mode: Any = src_dict["mode"]
        except KeyError:
            mode = None
            missing(src_dict, "mode")
        else:
            if mode is None:
                missing(src_dict, "mode")
            else:
                mode = check_chat_completion_allowed_tools_mode(mode)

        try:
            tools: Any = src_dict["tools"]
        except KeyError:
            tools = None
            missing(src_dict, "tools")
        else:
            if tools is None:
                missing(src_dict, "tools")
            else:
                tools = [ChatCompletionAllowedToolsToolsItem.from_dict(tools_item_data) for tools_item_data in tools]

        chat_completion_allowed_tools = cls(
            mode,
            tools,
        )
        if not _KEYS.issuperset(src_dict):
            chat_completion_allowed_tools.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_allowed_tools

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
