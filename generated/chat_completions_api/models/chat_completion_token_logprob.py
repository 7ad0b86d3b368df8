from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chat_completion_token_logprob_top_logprobs_item import ChatCompletionTokenLogprobTopLogprobsItem

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ChatCompletionTokenLogprobTopLogprobsItem
    from ..models.chat_completion_token_logprob_top_logprobs_item import ChatCompletionTokenLogprobTopLogprobsItem

    _lazy_pending = False


_KEYS = frozenset({"token", "logprob", "bytes", "top_logprobs"})


T = TypeVar("T", bound="ChatCompletionTokenLogprob")


@_attrs_define
class ChatCompletionTokenLogprob:
    token: str
    logprob: float
    bytes_: list[int] | None
    top_logprobs: list[ChatCompletionTokenLogprobTopLogprobsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        token = self.token

        logprob = self.logprob

        bytes_: list[int] | None
        if isinstance(self.bytes_, list):
            bytes_ = self.bytes_

        else:
            bytes_ = self.bytes_

        top_logprobs = []
        for top_logprobs_item_data in self.top_logprobs:
            top_logprobs_item = top_logprobs_item_data.to_dict()
            top_logprobs.append(top_logprobs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
                "logprob": logprob,
                "bytes": bytes_,
                "top_logprobs": top_logprobs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        token = src_dict["token"]

        logprob = src_dict["logprob"]

        bytes_ = src_dict.get("bytes")

        top_logprobs = [
            ChatCompletionTokenLogprobTopLogprobsItem.from_dict(top_logprobs_item_data)
            for top_logprobs_item_data in src_dict["top_logprobs"]
        ]

        chat_completion_token_logprob = cls(
            token,
            logprob,
            bytes_,
            top_logprobs,
        )
        if len(src_dict) > 4 and not _KEYS.issuperset(src_dict):
            chat_completion_token_logprob.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_token_logprob

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
