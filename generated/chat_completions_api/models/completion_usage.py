from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate

if TYPE_CHECKING:
    from ..models.completion_usage_completion_tokens_details import CompletionUsageCompletionTokensDetails
    from ..models.completion_usage_prompt_tokens_details import CompletionUsagePromptTokensDetails

_pending_completion_tokens_details = True


def _load_completion_tokens_details() -> None:
    """Import the models of `completion_tokens_details`, when an answer first has it (they may import this module)."""
    global _pending_completion_tokens_details, CompletionUsageCompletionTokensDetails
    from ..models.completion_usage_completion_tokens_details import CompletionUsageCompletionTokensDetails

    _pending_completion_tokens_details = False


_pending_prompt_tokens_details = True


def _load_prompt_tokens_details() -> None:
    """Import the models of `prompt_tokens_details`, when an answer first has it (they may import this module)."""
    global _pending_prompt_tokens_details, CompletionUsagePromptTokensDetails
    from ..models.completion_usage_prompt_tokens_details import CompletionUsagePromptTokensDetails

    _pending_prompt_tokens_details = False


_KEYS = frozenset(
    {"completion_tokens", "prompt_tokens", "total_tokens", "completion_tokens_details", "prompt_tokens_details"}
)


T = TypeVar("T", bound="CompletionUsage")


@_attrs_define
class CompletionUsage(Model):
    completion_tokens: int
    """ Server default: `0`. """
    prompt_tokens: int
    """ Server default: `0`. """
    total_tokens: int
    """ Server default: `0`. """
    completion_tokens_details: CompletionUsageCompletionTokensDetails | None = None
    prompt_tokens_details: CompletionUsagePromptTokensDetails | None = None
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
        field_dict["completion_tokens"] = self.completion_tokens
        field_dict["prompt_tokens"] = self.prompt_tokens
        field_dict["total_tokens"] = self.total_tokens
        completion_tokens_details = self.completion_tokens_details
        if completion_tokens_details is not None:
            field_dict["completion_tokens_details"] = completion_tokens_details.to_dict()
        prompt_tokens_details = self.prompt_tokens_details
        if prompt_tokens_details is not None:
            field_dict["prompt_tokens_details"] = prompt_tokens_details.to_dict()
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
            completion_tokens: Any = src_dict["completion_tokens"]
        except KeyError:
            completion_tokens = None
            if missing(src_dict, "completion_tokens"):
                odd += ("completion_tokens",)
        else:
            if completion_tokens is None:
                missing(src_dict, "completion_tokens")

        try:
            prompt_tokens: Any = src_dict["prompt_tokens"]
        except KeyError:
            prompt_tokens = None
            if missing(src_dict, "prompt_tokens"):
                odd += ("prompt_tokens",)
        else:
            if prompt_tokens is None:
                missing(src_dict, "prompt_tokens")

        try:
            total_tokens: Any = src_dict["total_tokens"]
        except KeyError:
            total_tokens = None
            if missing(src_dict, "total_tokens"):
                odd += ("total_tokens",)
        else:
            if total_tokens is None:
                missing(src_dict, "total_tokens")

        completion_tokens_details: Any = src_dict.get("completion_tokens_details")
        if completion_tokens_details is not None:
            if _pending_completion_tokens_details:
                _load_completion_tokens_details()
            completion_tokens_details = CompletionUsageCompletionTokensDetails.from_dict(completion_tokens_details)

        elif "completion_tokens_details" in src_dict:
            tolerate("field 'completion_tokens_details' is null")
            odd += ("completion_tokens_details",)

        prompt_tokens_details: Any = src_dict.get("prompt_tokens_details")
        if prompt_tokens_details is not None:
            if _pending_prompt_tokens_details:
                _load_prompt_tokens_details()
            prompt_tokens_details = CompletionUsagePromptTokensDetails.from_dict(prompt_tokens_details)

        elif "prompt_tokens_details" in src_dict:
            tolerate("field 'prompt_tokens_details' is null")
            odd += ("prompt_tokens_details",)

        completion_usage = cls(
            completion_tokens,
            prompt_tokens,
            total_tokens,
            completion_tokens_details,
            prompt_tokens_details,
        )
        if odd:
            completion_usage._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 3 or odd) and not _KEYS.issuperset(src_dict):
            completion_usage.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return completion_usage

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
