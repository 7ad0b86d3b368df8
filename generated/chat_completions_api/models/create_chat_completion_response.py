from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_tier_type_0 import ServiceTierType0, check_service_tier_type_0
from ..types import Model, dump_model, missing, to_json, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.chat_completion_moderation import ChatCompletionModeration
    from ..models.completion_usage import CompletionUsage
    from ..models.create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem
    from ..models.metadata_type_0 import MetadataType0

_pending_choices = True


def _load_choices() -> None:
    """Import the models of `choices`, when an answer first has it (they may import this module)."""
    global _pending_choices, CreateChatCompletionResponseChoicesItem
    from ..models.create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem

    _pending_choices = False


_pending_metadata = True


def _load_metadata() -> None:
    """Import the models of `metadata`, when an answer first has it (they may import this module)."""
    global _pending_metadata, MetadataType0
    from ..models.metadata_type_0 import MetadataType0

    _pending_metadata = False


_pending_usage = True


def _load_usage() -> None:
    """Import the models of `usage`, when an answer first has it (they may import this module)."""
    global _pending_usage, CompletionUsage
    from ..models.completion_usage import CompletionUsage

    _pending_usage = False


_pending_moderation = True


def _load_moderation() -> None:
    """Import the models of `moderation`, when an answer first has it (they may import this module)."""
    global _pending_moderation, ChatCompletionModeration
    from ..models.chat_completion_moderation import ChatCompletionModeration

    _pending_moderation = False


_KEYS = frozenset(
    {
        "id",
        "choices",
        "created",
        "model",
        "object",
        "metadata",
        "service_tier",
        "system_fingerprint",
        "usage",
        "moderation",
    }
)


T = TypeVar("T", bound="CreateChatCompletionResponse")


@_attrs_define
class CreateChatCompletionResponse(Model):
    id: str
    choices: list[CreateChatCompletionResponseChoicesItem]
    created: int
    model: str
    object: Literal["chat.completion"] = "chat.completion"
    metadata: MetadataType0 | None = None
    service_tier: None | ServiceTierType0 = None
    system_fingerprint: None | str = None
    usage: CompletionUsage | None = None
    moderation: ChatCompletionModeration | None = None
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
        field_dict["id"] = self.id
        choices = self.choices
        field_dict["choices"] = (
            None if choices is None else [choices_item_data.to_dict() for choices_item_data in choices]
        )
        field_dict["created"] = self.created
        field_dict["model"] = self.model
        field_dict["object"] = self.object
        metadata = self.metadata
        if metadata is not None:
            field_dict["metadata"] = to_json(metadata)
        service_tier = self.service_tier
        if service_tier is not None:
            field_dict["service_tier"] = service_tier
        system_fingerprint = self.system_fingerprint
        if system_fingerprint is not None:
            field_dict["system_fingerprint"] = system_fingerprint
        usage = self.usage
        if usage is not None:
            field_dict["usage"] = usage.to_dict()
        moderation = self.moderation
        if moderation is not None:
            field_dict["moderation"] = to_json(moderation)
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
            id: Any = src_dict["id"]
        except KeyError:
            id = None
            if missing(src_dict, "id"):
                odd += ("id",)
        else:
            if id is None:
                missing(src_dict, "id")

        try:
            choices: Any = src_dict["choices"]
        except KeyError:
            choices = None
            if missing(src_dict, "choices"):
                odd += ("choices",)
        else:
            if choices is None:
                missing(src_dict, "choices")
            else:
                if _pending_choices:
                    _load_choices()
                choices = [
                    CreateChatCompletionResponseChoicesItem.from_dict(choices_item_data)
                    for choices_item_data in choices
                ]

        try:
            created: Any = src_dict["created"]
        except KeyError:
            created = None
            if missing(src_dict, "created"):
                odd += ("created",)
        else:
            if created is None:
                missing(src_dict, "created")

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
            object_: Any = src_dict["object"]
        except KeyError:
            object_ = None
            if missing(src_dict, "object"):
                odd += ("object",)
        else:
            if object_ is None:
                missing(src_dict, "object")
            else:
                if object_ != "chat.completion":
                    tolerate(f"object must match const 'chat.completion', got '{object_}'")

        metadata: Any = src_dict.get("metadata")
        if metadata is not None:
            if _pending_metadata:
                _load_metadata()
            if isinstance(metadata, dict):
                try:
                    metadata = MetadataType0.from_dict(metadata)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        elif "metadata" in src_dict:
            odd += ("metadata",)

        service_tier: Any = src_dict.get("service_tier")
        if service_tier is not None:
            if isinstance(service_tier, str):
                try:
                    service_tier = check_service_tier_type_0(service_tier)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        elif "service_tier" in src_dict:
            odd += ("service_tier",)

        system_fingerprint: Any = src_dict.get("system_fingerprint")
        if system_fingerprint is None and "system_fingerprint" in src_dict:
            odd += ("system_fingerprint",)

        usage: Any = src_dict.get("usage")
        if usage is not None:
            if _pending_usage:
                _load_usage()
            usage = CompletionUsage.from_dict(usage)

        elif "usage" in src_dict:
            tolerate("field 'usage' is null")
            odd += ("usage",)

        moderation: Any = src_dict.get("moderation")
        if moderation is not None:
            if _pending_moderation:
                _load_moderation()
            if isinstance(moderation, dict):
                try:
                    moderation = ChatCompletionModeration.from_dict(moderation)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        elif "moderation" in src_dict:
            odd += ("moderation",)

        create_chat_completion_response = cls(
            id,
            choices,
            created,
            model,
            object_,
            metadata,
            service_tier,
            system_fingerprint,
            usage,
            moderation,
        )
        if odd:
            create_chat_completion_response._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 5 or odd) and not _KEYS.issuperset(src_dict):
            create_chat_completion_response.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return create_chat_completion_response

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
    def object_(self) -> Literal["chat.completion"]:
        """Deprecated: the old name of `object` (the API's and the official SDK's name)."""
        warn_old_name("object_", "object")
        return self.object

    @object_.setter
    def object_(self, value: Literal["chat.completion"]) -> None:
        warn_old_name("object_", "object")
        self.object = value
