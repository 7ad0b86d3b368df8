from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.completion_usage_completion_tokens_details import CompletionUsageCompletionTokensDetails
    from ..models.completion_usage_prompt_tokens_details import CompletionUsagePromptTokensDetails

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, CompletionUsageCompletionTokensDetails, CompletionUsagePromptTokensDetails
    from ..models.completion_usage_completion_tokens_details import CompletionUsageCompletionTokensDetails
    from ..models.completion_usage_prompt_tokens_details import CompletionUsagePromptTokensDetails

    _lazy_pending = False


_KEYS = frozenset(
    {"completion_tokens", "prompt_tokens", "total_tokens", "completion_tokens_details", "prompt_tokens_details"}
)


T = TypeVar("T", bound="CompletionUsage")


@_attrs_define
class CompletionUsage:
    completion_tokens: int
    """ Server default: `0`. """
    prompt_tokens: int
    """ Server default: `0`. """
    total_tokens: int
    """ Server default: `0`. """
    completion_tokens_details: CompletionUsageCompletionTokensDetails | Unset = UNSET
    prompt_tokens_details: CompletionUsagePromptTokensDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        completion_tokens = self.completion_tokens

        prompt_tokens = self.prompt_tokens

        total_tokens = self.total_tokens

        completion_tokens_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.completion_tokens_details, Unset):
            completion_tokens_details = self.completion_tokens_details.to_dict()

        prompt_tokens_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prompt_tokens_details, Unset):
            prompt_tokens_details = self.prompt_tokens_details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completion_tokens": completion_tokens,
                "prompt_tokens": prompt_tokens,
                "total_tokens": total_tokens,
            }
        )
        if completion_tokens_details is not UNSET:
            field_dict["completion_tokens_details"] = completion_tokens_details
        if prompt_tokens_details is not UNSET:
            field_dict["prompt_tokens_details"] = prompt_tokens_details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        completion_tokens = src_dict["completion_tokens"]

        prompt_tokens = src_dict["prompt_tokens"]

        total_tokens = src_dict["total_tokens"]

        completion_tokens_details: Any = src_dict.get("completion_tokens_details", UNSET)
        if completion_tokens_details is not UNSET:
            completion_tokens_details = CompletionUsageCompletionTokensDetails.from_dict(completion_tokens_details)

        prompt_tokens_details: Any = src_dict.get("prompt_tokens_details", UNSET)
        if prompt_tokens_details is not UNSET:
            prompt_tokens_details = CompletionUsagePromptTokensDetails.from_dict(prompt_tokens_details)

        completion_usage = cls(
            completion_tokens,
            prompt_tokens,
            total_tokens,
            completion_tokens_details,
            prompt_tokens_details,
        )
        if len(src_dict) > 3 and not _KEYS.issuperset(src_dict):
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
