from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_chat_completion_request_audio_type_0_format import (
    CreateChatCompletionRequestAudioType0Format,
    check_create_chat_completion_request_audio_type_0_format,
)
from ..types import Model, dump_model, missing, warn_old_name

if TYPE_CHECKING:
    from ..models.voice_ids_or_custom_voice_type_1 import VoiceIdsOrCustomVoiceType1

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global _lazy_pending, VoiceIdsOrCustomVoiceType1
    from ..models.voice_ids_or_custom_voice_type_1 import VoiceIdsOrCustomVoiceType1

    _lazy_pending = False


_KEYS = frozenset({"voice", "format"})


T = TypeVar("T", bound="CreateChatCompletionRequestAudioType0")


@_attrs_define
class CreateChatCompletionRequestAudioType0(Model):
    voice: str | VoiceIdsOrCustomVoiceType1
    format: CreateChatCompletionRequestAudioType0Format
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

        voice: dict[str, Any] | str
        if isinstance(self.voice, VoiceIdsOrCustomVoiceType1):
            voice = self.voice.to_dict()
        else:
            voice = self.voice

        format_: str = self.format

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "voice": voice,
                "format": format_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            voice: Any = src_dict["voice"]
        except KeyError:
            voice = None
            missing(src_dict, "voice")
        else:
            if voice is None:
                missing(src_dict, "voice")
            else:
                if isinstance(voice, dict):
                    try:
                        voice = VoiceIdsOrCustomVoiceType1.from_dict(voice)
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass

        try:
            format_: Any = src_dict["format"]
        except KeyError:
            format_ = None
            missing(src_dict, "format")
        else:
            if format_ is None:
                missing(src_dict, "format")
            else:
                format_ = check_create_chat_completion_request_audio_type_0_format(format_)

        create_chat_completion_request_audio_type_0 = cls(
            voice,
            format_,
        )
        if not _KEYS.issuperset(src_dict):
            create_chat_completion_request_audio_type_0.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return create_chat_completion_request_audio_type_0

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
    def format_(self) -> CreateChatCompletionRequestAudioType0Format:
        """Deprecated: the old name of `format` (the API's and the official SDK's name)."""
        warn_old_name("format_", "format")
        return self.format

    @format_.setter
    def format_(self, value: CreateChatCompletionRequestAudioType0Format) -> None:
        warn_old_name("format_", "format")
        self.format = value
