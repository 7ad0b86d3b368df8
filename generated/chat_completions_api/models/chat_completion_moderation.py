from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chat_completion_moderation_error import ChatCompletionModerationError
    from ..models.chat_completion_moderation_results import ChatCompletionModerationResults

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ChatCompletionModerationError, ChatCompletionModerationResults
    from ..models.chat_completion_moderation_error import ChatCompletionModerationError
    from ..models.chat_completion_moderation_results import ChatCompletionModerationResults

    _lazy_pending = False


_KEYS = frozenset({"input", "output"})


T = TypeVar("T", bound="ChatCompletionModeration")


@_attrs_define
class ChatCompletionModeration:
    input_: ChatCompletionModerationError | ChatCompletionModerationResults
    output: ChatCompletionModerationError | ChatCompletionModerationResults
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        input_: dict[str, Any]
        if isinstance(self.input_, ChatCompletionModerationResults):
            input_ = self.input_.to_dict()
        else:
            input_ = self.input_.to_dict()

        output: dict[str, Any]
        if isinstance(self.output, ChatCompletionModerationResults):
            output = self.output.to_dict()
        else:
            output = self.output.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "output": output,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        input_ = _parse_input_(src_dict["input"])

        output = _parse_output(src_dict["output"])

        chat_completion_moderation = cls(
            input_,
            output,
        )
        if len(src_dict) > 2 and not _KEYS.issuperset(src_dict):
            chat_completion_moderation.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_moderation

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


def _parse_input_(data: object) -> ChatCompletionModerationError | ChatCompletionModerationResults:
    if isinstance(data, dict):
        try:
            return ChatCompletionModerationResults.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
    if not isinstance(data, dict):
        raise TypeError()
    return ChatCompletionModerationError.from_dict(data)


def _parse_output(data: object) -> ChatCompletionModerationError | ChatCompletionModerationResults:
    if isinstance(data, dict):
        try:
            return ChatCompletionModerationResults.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
    if not isinstance(data, dict):
        raise TypeError()
    return ChatCompletionModerationError.from_dict(data)
