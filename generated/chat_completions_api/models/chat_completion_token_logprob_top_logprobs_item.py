from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, warn_old_name

_KEYS = frozenset({"token", "logprob", "bytes"})


T = TypeVar("T", bound="ChatCompletionTokenLogprobTopLogprobsItem")


@_attrs_define
class ChatCompletionTokenLogprobTopLogprobsItem(Model):
    token: str
    logprob: float
    bytes: list[int] | None
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
        field_dict["token"] = self.token
        field_dict["logprob"] = self.logprob
        field_dict["bytes"] = self.bytes
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
            token: Any = src_dict["token"]
        except KeyError:
            token = None
            if missing(src_dict, "token"):
                odd += ("token",)
        else:
            if token is None:
                missing(src_dict, "token")

        try:
            logprob: Any = src_dict["logprob"]
        except KeyError:
            logprob = None
            if missing(src_dict, "logprob"):
                odd += ("logprob",)
        else:
            if logprob is None:
                missing(src_dict, "logprob")

        bytes_: Any = src_dict.get("bytes")
        if bytes_ is None:
            if "bytes" not in src_dict:
                odd += ("bytes",)

        chat_completion_token_logprob_top_logprobs_item = cls(
            token,
            logprob,
            bytes_,
        )
        if odd:
            chat_completion_token_logprob_top_logprobs_item._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 3 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_token_logprob_top_logprobs_item.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_token_logprob_top_logprobs_item

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
    def bytes_(self) -> list[int] | None:
        """Deprecated: the old name of `bytes` (the API's and the official SDK's name)."""
        warn_old_name("bytes_", "bytes")
        return self.bytes

    @bytes_.setter
    def bytes_(self, value: list[int] | None) -> None:
        warn_old_name("bytes_", "bytes")
        self.bytes = value
