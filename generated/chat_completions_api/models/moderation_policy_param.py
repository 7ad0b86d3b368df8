from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Model, Unset, dump_model, warn_old_name

if TYPE_CHECKING:
    from ..models.moderation_config_param import ModerationConfigParam

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, ModerationConfigParam
    from ..models.moderation_config_param import ModerationConfigParam

    _lazy_pending = False


_KEYS = frozenset({"input", "output"})


T = TypeVar("T", bound="ModerationPolicyParam")


@_attrs_define
class ModerationPolicyParam(Model):
    input: ModerationConfigParam | None | Unset = UNSET
    output: ModerationConfigParam | None | Unset = UNSET
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

        input_: dict[str, Any] | None | Unset
        if isinstance(self.input, Unset):
            input_ = UNSET
        elif isinstance(self.input, ModerationConfigParam):
            input_ = self.input.to_dict()
        else:
            input_ = self.input

        output: dict[str, Any] | None | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        elif isinstance(self.output, ModerationConfigParam):
            output = self.output.to_dict()
        else:
            output = self.output

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        input_: Any = src_dict.get("input", UNSET)
        if input_ is not UNSET and input_ is not None:
            if isinstance(input_, dict):
                try:
                    input_ = ModerationConfigParam.from_dict(input_)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        output: Any = src_dict.get("output", UNSET)
        if output is not UNSET and output is not None:
            if isinstance(output, dict):
                try:
                    output = ModerationConfigParam.from_dict(output)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        moderation_policy_param = cls(
            input_,
            output,
        )
        if not _KEYS.issuperset(src_dict):
            moderation_policy_param.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return moderation_policy_param

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
    def input_(self) -> ModerationConfigParam | None | Unset:
        """Deprecated: the old name of `input` (the API's and the official SDK's name)."""
        warn_old_name("input_", "input")
        return self.input

    @input_.setter
    def input_(self, value: ModerationConfigParam | None | Unset) -> None:
        warn_old_name("input_", "input")
        self.input = value
