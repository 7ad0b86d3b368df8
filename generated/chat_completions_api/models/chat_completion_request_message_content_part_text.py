from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.prompt_cache_breakpoint_param import PromptCacheBreakpointParam

_pending_prompt_cache_breakpoint = True


def _load_prompt_cache_breakpoint() -> None:
    """Import the models of `prompt_cache_breakpoint`, when an answer first has it (they may import this module)."""
    global _pending_prompt_cache_breakpoint, PromptCacheBreakpointParam
    from ..models.prompt_cache_breakpoint_param import PromptCacheBreakpointParam

    _pending_prompt_cache_breakpoint = False


_KEYS = frozenset({"type", "text", "prompt_cache_breakpoint"})


T = TypeVar("T", bound="ChatCompletionRequestMessageContentPartText")


@_attrs_define
class ChatCompletionRequestMessageContentPartText(Model):
    text: str
    type: Literal["text"] = "text"
    prompt_cache_breakpoint: PromptCacheBreakpointParam | None = None
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
        field_dict["type"] = self.type
        field_dict["text"] = self.text
        prompt_cache_breakpoint = self.prompt_cache_breakpoint
        if prompt_cache_breakpoint is not None:
            field_dict["prompt_cache_breakpoint"] = prompt_cache_breakpoint.to_dict()
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: builtins.type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        try:
            type_: Any = src_dict["type"]
        except KeyError:
            type_ = None
            if missing(src_dict, "type"):
                odd += ("type",)
        else:
            if type_ is None:
                missing(src_dict, "type")
            else:
                if type_ != "text":
                    tolerate(f"type must match const 'text', got '{type_}'")

        try:
            text: Any = src_dict["text"]
        except KeyError:
            text = None
            if missing(src_dict, "text"):
                odd += ("text",)
        else:
            if text is None:
                missing(src_dict, "text")

        prompt_cache_breakpoint: Any = src_dict.get("prompt_cache_breakpoint")
        if prompt_cache_breakpoint is not None:
            if _pending_prompt_cache_breakpoint:
                _load_prompt_cache_breakpoint()
            prompt_cache_breakpoint = PromptCacheBreakpointParam.from_dict(prompt_cache_breakpoint)

        elif "prompt_cache_breakpoint" in src_dict:
            tolerate("field 'prompt_cache_breakpoint' is null")
            odd += ("prompt_cache_breakpoint",)

        chat_completion_request_message_content_part_text = cls(
            text,
            type_,
            prompt_cache_breakpoint,
        )
        if odd:
            chat_completion_request_message_content_part_text._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 2 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_request_message_content_part_text.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_request_message_content_part_text

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

    @property
    def type_(self) -> Literal["text"]:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: Literal["text"]) -> None:
        warn_old_name("type_", "type")
        self.type = value
