from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Model, Unset, dump_model, missing

if TYPE_CHECKING:
    from ..models.moderation_policy_param import ModerationPolicyParam

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ModerationPolicyParam
    from ..models.moderation_policy_param import ModerationPolicyParam

    _lazy_pending = False


_KEYS = frozenset({"model", "policy"})


T = TypeVar("T", bound="ModerationParam")


@_attrs_define
class ModerationParam(Model):
    model: str
    policy: ModerationPolicyParam | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        if _lazy_pending:
            _import_lazy()

        model = self.model

        policy: dict[str, Any] | None | Unset
        if isinstance(self.policy, Unset):
            policy = UNSET
        elif isinstance(self.policy, ModerationPolicyParam):
            policy = self.policy.to_dict()
        else:
            policy = self.policy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            model: Any = src_dict["model"]
        except KeyError:
            model = None
            missing(src_dict, "model")
        else:
            if model is None:
                missing(src_dict, "model")

        policy: Any = src_dict.get("policy", UNSET)
        if policy is not UNSET and policy is not None:
            if isinstance(policy, dict):
                try:
                    policy = ModerationPolicyParam.from_dict(policy)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        moderation_param = cls(
            model,
            policy,
        )
        if not _KEYS.issuperset(src_dict):
            moderation_param.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return moderation_param

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
