from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, tolerate

_KEYS = frozenset({"audio_tokens", "cached_tokens", "text_tokens", "image_tokens", "cache_write_tokens"})


T = TypeVar("T", bound="CompletionUsagePromptTokensDetails")


@_attrs_define
class CompletionUsagePromptTokensDetails(Model):
    audio_tokens: int | None = None
    """ Server default: `0`. """
    cached_tokens: int | None = None
    """ Server default: `0`. """
    text_tokens: int | None = None
    image_tokens: int | None = None
    cache_write_tokens: int | None = None
    """ Server default: `0`. """
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
        audio_tokens = self.audio_tokens
        if audio_tokens is not None:
            field_dict["audio_tokens"] = audio_tokens
        cached_tokens = self.cached_tokens
        if cached_tokens is not None:
            field_dict["cached_tokens"] = cached_tokens
        text_tokens = self.text_tokens
        if text_tokens is not None:
            field_dict["text_tokens"] = text_tokens
        image_tokens = self.image_tokens
        if image_tokens is not None:
            field_dict["image_tokens"] = image_tokens
        cache_write_tokens = self.cache_write_tokens
        if cache_write_tokens is not None:
            field_dict["cache_write_tokens"] = cache_write_tokens
        for key in self._odd_keys:  # still None: as sent (a null kept, an absent key left out)
            if key not in field_dict:
                field_dict[key] = None
            elif field_dict[key] is None:
                del field_dict[key]
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        odd: tuple[str, ...] = ()
        audio_tokens: Any = src_dict.get("audio_tokens")
        if audio_tokens is None and "audio_tokens" in src_dict:
            tolerate("field 'audio_tokens' is null")
            odd += ("audio_tokens",)

        cached_tokens: Any = src_dict.get("cached_tokens")
        if cached_tokens is None and "cached_tokens" in src_dict:
            tolerate("field 'cached_tokens' is null")
            odd += ("cached_tokens",)

        text_tokens: Any = src_dict.get("text_tokens")
        if text_tokens is None and "text_tokens" in src_dict:
            tolerate("field 'text_tokens' is null")
            odd += ("text_tokens",)

        image_tokens: Any = src_dict.get("image_tokens")
        if image_tokens is None and "image_tokens" in src_dict:
            tolerate("field 'image_tokens' is null")
            odd += ("image_tokens",)

        cache_write_tokens: Any = src_dict.get("cache_write_tokens")
        if cache_write_tokens is None and "cache_write_tokens" in src_dict:
            tolerate("field 'cache_write_tokens' is null")
            odd += ("cache_write_tokens",)

        completion_usage_prompt_tokens_details = cls(
            audio_tokens,
            cached_tokens,
            text_tokens,
            image_tokens,
            cache_write_tokens,
        )
        if odd:
            completion_usage_prompt_tokens_details._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 0 or odd) and not _KEYS.issuperset(src_dict):
            completion_usage_prompt_tokens_details.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return completion_usage_prompt_tokens_details

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
