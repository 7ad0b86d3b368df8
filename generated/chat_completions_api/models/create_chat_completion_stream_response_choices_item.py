from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

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


T = TypeVar("T", bound="CreateChatCompletionStreamResponseChoicesItem")


@_attrs_define
class CreateChatCompletionStreamResponseChoicesItem:
    delta: ChatCompletionStreamResponseDelta
    finish_reason: CreateChatCompletionStreamResponseChoicesItemFinishReasonType0 | None
    index: int
    logprobs: CreateChatCompletionStreamResponseChoicesItemLogprobsType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.create_chat_completion_stream_response_choices_item_logprobs_type_0 import (
            CreateChatCompletionStreamResponseChoicesItemLogprobsType0,  # noqa: PLC0415
        )

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
        from ..models.chat_completion_stream_response_delta import ChatCompletionStreamResponseDelta  # noqa: PLC0415
        from ..models.create_chat_completion_stream_response_choices_item_logprobs_type_0 import (
            CreateChatCompletionStreamResponseChoicesItemLogprobsType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        delta = ChatCompletionStreamResponseDelta.from_dict(d.pop("delta"))

        def _parse_finish_reason(data: object) -> CreateChatCompletionStreamResponseChoicesItemFinishReasonType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finish_reason_type_0 = check_create_chat_completion_stream_response_choices_item_finish_reason_type_0(
                    data
                )

                return finish_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateChatCompletionStreamResponseChoicesItemFinishReasonType0 | None, data)

        finish_reason = _parse_finish_reason(d.pop("finish_reason"))

        index = d.pop("index")

        def _parse_logprobs(data: object) -> CreateChatCompletionStreamResponseChoicesItemLogprobsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                logprobs_type_0 = CreateChatCompletionStreamResponseChoicesItemLogprobsType0.from_dict(data)

                return logprobs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateChatCompletionStreamResponseChoicesItemLogprobsType0 | None | Unset, data)

        logprobs = _parse_logprobs(d.pop("logprobs", UNSET))

        create_chat_completion_stream_response_choices_item = cls(
            delta=delta,
            finish_reason=finish_reason,
            index=index,
            logprobs=logprobs,
        )

        create_chat_completion_stream_response_choices_item.additional_properties = d
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
