from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_chat_completion_stream_response_choices_item_finish_reason_type_0 import (
    CreateChatCompletionStreamResponseChoicesItemFinishReasonType0,
    check_create_chat_completion_stream_response_choices_item_finish_reason_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_stream_response_delta import ChatCompletionStreamResponseDelta
    from ..models.create_chat_completion_stream_response_choices_item_logprobs_type_0 import (
        CreateChatCompletionStreamResponseChoicesItemLogprobsType0,
    )

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ChatCompletionStreamResponseDelta, CreateChatCompletionStreamResponseChoicesItemLogprobsType0
    from ..models.chat_completion_stream_response_delta import ChatCompletionStreamResponseDelta
    from ..models.create_chat_completion_stream_response_choices_item_logprobs_type_0 import (
        CreateChatCompletionStreamResponseChoicesItemLogprobsType0,
    )

    _lazy_pending = False


_KEYS = frozenset({"delta", "finish_reason", "index", "logprobs"})


T = TypeVar("T", bound="CreateChatCompletionStreamResponseChoicesItem")


@_attrs_define
class CreateChatCompletionStreamResponseChoicesItem:
    delta: ChatCompletionStreamResponseDelta
    finish_reason: CreateChatCompletionStreamResponseChoicesItemFinishReasonType0 | None
    index: int
    logprobs: CreateChatCompletionStreamResponseChoicesItemLogprobsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        delta = self.delta.to_dict()

        finish_reason: None | str
        if isinstance(self.finish_reason, str):
            finish_reason = self.finish_reason
        else:
            finish_reason = self.finish_reason

        index = self.index

        logprobs: dict[str, Any] | None | Unset
        if isinstance(self.logprobs, Unset):
            logprobs = UNSET
        elif isinstance(self.logprobs, CreateChatCompletionStreamResponseChoicesItemLogprobsType0):
            logprobs = self.logprobs.to_dict()
        else:
            logprobs = self.logprobs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delta": delta,
                "finish_reason": finish_reason,
                "index": index,
            }
        )
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        delta = ChatCompletionStreamResponseDelta.from_dict(src_dict["delta"])

        finish_reason = src_dict.get("finish_reason")
        if isinstance(finish_reason, str):
            try:
                finish_reason = check_create_chat_completion_stream_response_choices_item_finish_reason_type_0(
                    finish_reason
                )
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        index = src_dict["index"]

        logprobs: Any = src_dict.get("logprobs", UNSET)
        if isinstance(logprobs, dict):
            try:
                logprobs = CreateChatCompletionStreamResponseChoicesItemLogprobsType0.from_dict(logprobs)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        create_chat_completion_stream_response_choices_item = cls(
            delta,
            finish_reason,
            index,
            logprobs,
        )
        if len(src_dict) > 3 and not _KEYS.issuperset(src_dict):
            create_chat_completion_stream_response_choices_item.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return create_chat_completion_stream_response_choices_item

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
