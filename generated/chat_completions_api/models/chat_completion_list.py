from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Model, dump_model, missing, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.create_chat_completion_response import CreateChatCompletionResponse

_pending_data = True


def _load_data() -> None:
    """Import the models of `data`, when an answer first has it (they may import this module)."""
    global _pending_data, CreateChatCompletionResponse
    from ..models.create_chat_completion_response import CreateChatCompletionResponse

    _pending_data = False


_KEYS = frozenset({"object", "data", "first_id", "last_id", "has_more"})


T = TypeVar("T", bound="ChatCompletionList")


@_attrs_define
class ChatCompletionList(Model):
    data: list[CreateChatCompletionResponse]
    first_id: str
    last_id: str
    has_more: bool
    object: Literal["list"] = "list"
    """ Server default: `list`. """
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
        field_dict["object"] = self.object
        data = self.data
        field_dict["data"] = None if data is None else [data_item_data.to_dict() for data_item_data in data]
        field_dict["first_id"] = self.first_id
        field_dict["last_id"] = self.last_id
        field_dict["has_more"] = self.has_more
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
            object_: Any = src_dict["object"]
        except KeyError:
            object_ = None
            if missing(src_dict, "object"):
                odd += ("object",)
        else:
            if object_ is None:
                missing(src_dict, "object")
            else:
                if object_ != "list":
                    tolerate(f"object must match const 'list', got '{object_}'")

        try:
            data: Any = src_dict["data"]
        except KeyError:
            data = None
            if missing(src_dict, "data"):
                odd += ("data",)
        else:
            if data is None:
                missing(src_dict, "data")
            else:
                if _pending_data:
                    _load_data()
                data = [CreateChatCompletionResponse.from_dict(data_item_data) for data_item_data in data]

        try:
            first_id: Any = src_dict["first_id"]
        except KeyError:
            first_id = None
            if missing(src_dict, "first_id"):
                odd += ("first_id",)
        else:
            if first_id is None:
                missing(src_dict, "first_id")

        try:
            last_id: Any = src_dict["last_id"]
        except KeyError:
            last_id = None
            if missing(src_dict, "last_id"):
                odd += ("last_id",)
        else:
            if last_id is None:
                missing(src_dict, "last_id")

        try:
            has_more: Any = src_dict["has_more"]
        except KeyError:
            has_more = None
            if missing(src_dict, "has_more"):
                odd += ("has_more",)
        else:
            if has_more is None:
                missing(src_dict, "has_more")

        chat_completion_list = cls(
            data,
            first_id,
            last_id,
            has_more,
            object_,
        )
        if odd:
            chat_completion_list._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 5 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_list.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_list

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
    def object_(self) -> Literal["list"]:
        """Deprecated: the old name of `object` (the API's and the official SDK's name)."""
        warn_old_name("object_", "object")
        return self.object

    @object_.setter
    def object_(self, value: Literal["list"]) -> None:
        warn_old_name("object_", "object")
        self.object = value
