from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, to_json

if TYPE_CHECKING:
    from ..models.chat_completion_token_logprob import ChatCompletionTokenLogprob

_pending_content = True


def _load_content() -> None:
    """Import the models of `content`, when an answer first has it (they may import this module)."""
    global _pending_content, ChatCompletionTokenLogprob
    from ..models.chat_completion_token_logprob import ChatCompletionTokenLogprob

    _pending_content = False


_pending_refusal = True


def _load_refusal() -> None:
    """Import the models of `refusal`, when an answer first has it (they may import this module)."""
    global _pending_refusal, ChatCompletionTokenLogprob
    from ..models.chat_completion_token_logprob import ChatCompletionTokenLogprob

    _pending_refusal = False


_KEYS = frozenset({"content", "refusal"})


T = TypeVar("T", bound="CreateChatCompletionResponseChoicesItemLogprobsType0")


@_attrs_define
class CreateChatCompletionResponseChoicesItemLogprobsType0(Model):
    content: list[ChatCompletionTokenLogprob] | None
    refusal: list[ChatCompletionTokenLogprob] | None
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
        content = self.content
        field_dict["content"] = None if content is None else to_json(content)
        refusal = self.refusal
        field_dict["refusal"] = None if refusal is None else to_json(refusal)
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        content: Any = src_dict.get("content")
        if content is None:
            if "content" not in src_dict:
                odd += ("content",)
        else:
            if _pending_content:
                _load_content()
            if isinstance(content, list):
                try:
                    content = [
                        ChatCompletionTokenLogprob.from_dict(content_type_0_item_data)
                        for content_type_0_item_data in content
                    ]
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        refusal: Any = src_dict.get("refusal")
        if refusal is None:
            if "refusal" not in src_dict:
                odd += ("refusal",)
        else:
            if _pending_refusal:
                _load_refusal()
            if isinstance(refusal, list):
                try:
                    refusal = [
                        ChatCompletionTokenLogprob.from_dict(refusal_type_0_item_data)
                        for refusal_type_0_item_data in refusal
                    ]
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        create_chat_completion_response_choices_item_logprobs_type_0 = cls(
            content,
            refusal,
        )
        if odd:
            create_chat_completion_response_choices_item_logprobs_type_0._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 2 or odd) and not _KEYS.issuperset(src_dict):
            create_chat_completion_response_choices_item_logprobs_type_0.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return create_chat_completion_response_choices_item_logprobs_type_0

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
