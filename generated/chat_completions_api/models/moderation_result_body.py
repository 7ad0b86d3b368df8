from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.moderation_result_body_categories import ModerationResultBodyCategories
    from ..models.moderation_result_body_category_applied_input_types import (
        ModerationResultBodyCategoryAppliedInputTypes,
    )
    from ..models.moderation_result_body_category_scores import ModerationResultBodyCategoryScores

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global \
        _lazy_pending, \
        ModerationResultBodyCategories, \
        ModerationResultBodyCategoryAppliedInputTypes, \
        ModerationResultBodyCategoryScores
    from ..models.moderation_result_body_categories import ModerationResultBodyCategories
    from ..models.moderation_result_body_category_applied_input_types import (
        ModerationResultBodyCategoryAppliedInputTypes,
    )
    from ..models.moderation_result_body_category_scores import ModerationResultBodyCategoryScores

    _lazy_pending = False


_KEYS = frozenset({"type", "model", "flagged", "categories", "category_scores", "category_applied_input_types"})


T = TypeVar("T", bound="ModerationResultBody")


@_attrs_define
class ModerationResultBody:
    model: str
    flagged: bool
    categories: ModerationResultBodyCategories
    category_scores: ModerationResultBodyCategoryScores
    category_applied_input_types: ModerationResultBodyCategoryAppliedInputTypes
    type_: Literal["moderation_result"] = "moderation_result"
    """ Server default: `moderation_result`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        type_ = self.type_

        model = self.model

        flagged = self.flagged

        categories = self.categories.to_dict()

        category_scores = self.category_scores.to_dict()

        category_applied_input_types = self.category_applied_input_types.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "model": model,
                "flagged": flagged,
                "categories": categories,
                "category_scores": category_scores,
                "category_applied_input_types": category_applied_input_types,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        type_ = src_dict["type"]
        if type_ != "moderation_result":
            raise ValueError(f"type must match const 'moderation_result', got '{type_}'")

        model = src_dict["model"]

        flagged = src_dict["flagged"]

        categories = ModerationResultBodyCategories.from_dict(src_dict["categories"])

        category_scores = ModerationResultBodyCategoryScores.from_dict(src_dict["category_scores"])

        category_applied_input_types = ModerationResultBodyCategoryAppliedInputTypes.from_dict(
            src_dict["category_applied_input_types"]
        )

        moderation_result_body = cls(
            model,
            flagged,
            categories,
            category_scores,
            category_applied_input_types,
            type_,
        )
        if len(src_dict) > 6 and not _KEYS.issuperset(src_dict):
            moderation_result_body.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return moderation_result_body

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
