from __future__ import annotations

import builtins  # `type[T]` in a class with a field named `type`
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.moderation_result_body_categories import ModerationResultBodyCategories
    from ..models.moderation_result_body_category_applied_input_types import (
        ModerationResultBodyCategoryAppliedInputTypes,
    )
    from ..models.moderation_result_body_category_scores import ModerationResultBodyCategoryScores

_pending_categories = True


def _load_categories() -> None:
    """Import the models of `categories`, when an answer first has it (they may import this module)."""
    global _pending_categories, ModerationResultBodyCategories
    from ..models.moderation_result_body_categories import ModerationResultBodyCategories

    _pending_categories = False


_pending_category_scores = True


def _load_category_scores() -> None:
    """Import the models of `category_scores`, when an answer first has it (they may import this module)."""
    global _pending_category_scores, ModerationResultBodyCategoryScores
    from ..models.moderation_result_body_category_scores import ModerationResultBodyCategoryScores

    _pending_category_scores = False


_pending_category_applied_input_types = True


def _load_category_applied_input_types() -> None:
    """Import the models of `category_applied_input_types`, when an answer first has it (they may import this module)."""
    global _pending_category_applied_input_types, ModerationResultBodyCategoryAppliedInputTypes
    from ..models.moderation_result_body_category_applied_input_types import (
        ModerationResultBodyCategoryAppliedInputTypes,
    )

    _pending_category_applied_input_types = False


_KEYS = frozenset({"type", "model", "flagged", "categories", "category_scores", "category_applied_input_types"})


T = TypeVar("T", bound="ModerationResultBody")


@_attrs_define
class ModerationResultBody(Model):
    model: str
    flagged: bool
    categories: ModerationResultBodyCategories
    category_scores: ModerationResultBodyCategoryScores
    category_applied_input_types: ModerationResultBodyCategoryAppliedInputTypes
    type: Literal["moderation_result"] = "moderation_result"
    """ Server default: `moderation_result`. """
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
        field_dict["model"] = self.model
        field_dict["flagged"] = self.flagged
        categories = self.categories
        field_dict["categories"] = None if categories is None else categories.to_dict()
        category_scores = self.category_scores
        field_dict["category_scores"] = None if category_scores is None else category_scores.to_dict()
        category_applied_input_types = self.category_applied_input_types
        field_dict["category_applied_input_types"] = (
            None if category_applied_input_types is None else category_applied_input_types.to_dict()
        )
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
                if type_ != "moderation_result":
                    tolerate(f"type must match const 'moderation_result', got '{type_}'")

        try:
            model: Any = src_dict["model"]
        except KeyError:
            model = None
            if missing(src_dict, "model"):
                odd += ("model",)
        else:
            if model is None:
                missing(src_dict, "model")

        try:
            flagged: Any = src_dict["flagged"]
        except KeyError:
            flagged = None
            if missing(src_dict, "flagged"):
                odd += ("flagged",)
        else:
            if flagged is None:
                missing(src_dict, "flagged")

        try:
            categories: Any = src_dict["categories"]
        except KeyError:
            categories = None
            if missing(src_dict, "categories"):
                odd += ("categories",)
        else:
            if categories is None:
                missing(src_dict, "categories")
            else:
                if _pending_categories:
                    _load_categories()
                categories = ModerationResultBodyCategories.from_dict(categories)

        try:
            category_scores: Any = src_dict["category_scores"]
        except KeyError:
            category_scores = None
            if missing(src_dict, "category_scores"):
                odd += ("category_scores",)
        else:
            if category_scores is None:
                missing(src_dict, "category_scores")
            else:
                if _pending_category_scores:
                    _load_category_scores()
                category_scores = ModerationResultBodyCategoryScores.from_dict(category_scores)

        try:
            category_applied_input_types: Any = src_dict["category_applied_input_types"]
        except KeyError:
            category_applied_input_types = None
            if missing(src_dict, "category_applied_input_types"):
                odd += ("category_applied_input_types",)
        else:
            if category_applied_input_types is None:
                missing(src_dict, "category_applied_input_types")
            else:
                if _pending_category_applied_input_types:
                    _load_category_applied_input_types()
                category_applied_input_types = ModerationResultBodyCategoryAppliedInputTypes.from_dict(
                    category_applied_input_types
                )

        moderation_result_body = cls(
            model,
            flagged,
            categories,
            category_scores,
            category_applied_input_types,
            type_,
        )
        if odd:
            moderation_result_body._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 6 or odd) and not _KEYS.issuperset(src_dict):
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

    @property
    def type_(self) -> Literal["moderation_result"]:
        """Deprecated: the old name of `type` (the API's and the official SDK's name)."""
        warn_old_name("type_", "type")
        return self.type

    @type_.setter
    def type_(self, value: Literal["moderation_result"]) -> None:
        warn_old_name("type_", "type")
        self.type = value
