from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_chat_completion_stream_response_choices_item_finish_reason_type_0 import (
    CreateChatCompletionStreamResponseChoicesItemFinishReasonType0,
    check_create_chat_completion_stream_response_choices_item_finish_reason_type_0,
)
from ..types import Model, dump_model, missing, to_json

if TYPE_CHECKING:
    from ..models.chat_completion_stream_response_delta import ChatCompletionStreamResponseDelta
    from ..models.create_chat_completion_stream_response_choices_item_logprobs_type_0 import (
        CreateChatCompletionStreamResponseChoicesItemLogprobsType0,
    )

_pending_delta = True


def _load_delta() -> None:
    """Import the models of `delta`, when an answer first has it (they may import this module)."""
    global _pending_delta, ChatCompletionStreamResponseDelta
    from ..models.chat_completion_stream_response_delta import ChatCompletionStreamResponseDelta

    _pending_delta = False


_pending_logprobs = True


def _load_logprobs() -> None:
    """Import the models of `logprobs`, when an answer first has it (they may import this module)."""
    global _pending_logprobs, CreateChatCompletionStreamResponseChoicesItemLogprobsType0
    from ..models.create_chat_completion_stream_response_choices_item_logprobs_type_0 import (
        CreateChatCompletionStreamResponseChoicesItemLogprobsType0,
    )

    _pending_logprobs = False


_KEYS = frozenset({"delta", "finish_reason", "index", "logprobs"})


T = TypeVar("T", bound="CreateChatCompletionStreamResponseChoicesItem")


@_attrs_define
class CreateChatCompletionStreamResponseChoicesItem(Model):
    delta: ChatCompletionStreamResponseDelta
    finish_reason: CreateChatCompletionStreamResponseChoicesItemFinishReasonType0 | None
    index: int
    logprobs: CreateChatCompletionStreamResponseChoicesItemLogprobsType0 | None = None
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
        delta = self.delta
        field_dict["delta"] = None if delta is None else delta.to_dict()
        field_dict["finish_reason"] = self.finish_reason
        field_dict["index"] = self.index
        logprobs = self.logprobs
        if logprobs is not None:
            field_dict["logprobs"] = to_json(logprobs)
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
            delta: Any = src_dict["delta"]
        except KeyError:
            delta = None
            if missing(src_dict, "delta"):
                odd += ("delta",)
        else:
            if delta is None:
                missing(src_dict, "delta")
            else:
                if _pending_delta:
                    _load_delta()
                delta = ChatCompletionStreamResponseDelta.from_dict(delta)

        finish_reason: Any = src_dict.get("finish_reason")
        if finish_reason is None:
            if "finish_reason" not in src_dict:
                odd += ("finish_reason",)
        else:
            if isinstance(finish_reason, str):
                try:
                    finish_reason = check_create_chat_completion_stream_response_choices_item_finish_reason_type_0(
                        finish_reason
                    )
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        try:
            index: Any = src_dict["index"]
        except KeyError:
            index = None
            if missing(src_dict, "index"):
                odd += ("index",)
        else:
            if index is None:
                missing(src_dict, "index")

        logprobs: Any = src_dict.get("logprobs")
        if logprobs is not None:
            if _pending_logprobs:
                _load_logprobs()
            if isinstance(logprobs, dict):
                try:
                    logprobs = CreateChatCompletionStreamResponseChoicesItemLogprobsType0.from_dict(logprobs)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        elif "logprobs" in src_dict:
            odd += ("logprobs",)

        create_chat_completion_stream_response_choices_item = cls(
            delta,
            finish_reason,
            index,
            logprobs,
        )
        if odd:
            create_chat_completion_stream_response_choices_item._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 3 or odd) and not _KEYS.issuperset(src_dict):
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
