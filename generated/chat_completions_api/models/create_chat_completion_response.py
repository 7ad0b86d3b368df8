from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_tier_type_0 import ServiceTierType0, check_service_tier_type_0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_completion_moderation import ChatCompletionModeration
    from ..models.completion_usage import CompletionUsage
    from ..models.create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem
    from ..models.metadata_type_0 import MetadataType0

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global \
        _lazy_pending, \
        ChatCompletionModeration, \
        CompletionUsage, \
        CreateChatCompletionResponseChoicesItem, \
        MetadataType0
    from ..models.chat_completion_moderation import ChatCompletionModeration
    from ..models.completion_usage import CompletionUsage
    from ..models.create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem
    from ..models.metadata_type_0 import MetadataType0

    _lazy_pending = False


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
class CreateChatCompletionResponse:
    id: str
    choices: list[CreateChatCompletionResponseChoicesItem]
    created: int
    model: str
    object_: Literal["chat.completion"] = "chat.completion"
    metadata: MetadataType0 | None | Unset = UNSET
    service_tier: None | ServiceTierType0 | Unset = UNSET
    system_fingerprint: str | Unset = UNSET
    usage: CompletionUsage | Unset = UNSET
    moderation: ChatCompletionModeration | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if _lazy_pending:
            _import_lazy()

        id = self.id

        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        created = self.created

        model = self.model

        object_ = self.object_

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, MetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        service_tier: None | str | Unset
        if isinstance(self.service_tier, Unset):
            service_tier = UNSET
        elif isinstance(self.service_tier, str):
            service_tier = self.service_tier
        else:
            service_tier = self.service_tier

        system_fingerprint = self.system_fingerprint

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        moderation: dict[str, Any] | None | Unset
        if isinstance(self.moderation, Unset):
            moderation = UNSET
        elif isinstance(self.moderation, ChatCompletionModeration):
            moderation = self.moderation.to_dict()
        else:
            moderation = self.moderation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "choices": choices,
                "created": created,
                "model": model,
                "object": object_,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if system_fingerprint is not UNSET:
            field_dict["system_fingerprint"] = system_fingerprint
        if usage is not UNSET:
            field_dict["usage"] = usage
        if moderation is not UNSET:
            field_dict["moderation"] = moderation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        id = src_dict["id"]

        choices = [
            CreateChatCompletionResponseChoicesItem.from_dict(choices_item_data)
            for choices_item_data in src_dict["choices"]
        ]

        created = src_dict["created"]

        model = src_dict["model"]

        object_ = src_dict["object"]
        if object_ != "chat.completion":
            raise ValueError(f"object must match const 'chat.completion', got '{object_}'")

        metadata: Any = src_dict.get("metadata", UNSET)
        if isinstance(metadata, dict):
            try:
                metadata = MetadataType0.from_dict(metadata)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        service_tier: Any = src_dict.get("service_tier", UNSET)
        if isinstance(service_tier, str):
            try:
                service_tier = check_service_tier_type_0(service_tier)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        system_fingerprint = src_dict.get("system_fingerprint", UNSET)

        usage: Any = src_dict.get("usage", UNSET)
        if usage is not UNSET:
            usage = CompletionUsage.from_dict(usage)

        moderation: Any = src_dict.get("moderation", UNSET)
        if isinstance(moderation, dict):
            try:
                moderation = ChatCompletionModeration.from_dict(moderation)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

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
        if len(src_dict) > 5 and not _KEYS.issuperset(src_dict):
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
