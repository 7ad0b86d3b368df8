from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import STRICT, UNSET, Model, Unset, dump_model, missing, names_variant, tolerate

if TYPE_CHECKING:
    from ..models.chat_completion_request_message_content_part_audio import ChatCompletionRequestMessageContentPartAudio
    from ..models.chat_completion_request_message_content_part_file import ChatCompletionRequestMessageContentPartFile
    from ..models.chat_completion_request_message_content_part_image import ChatCompletionRequestMessageContentPartImage
    from ..models.chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global \
        _lazy_pending, \
        ChatCompletionRequestMessageContentPartAudio, \
        ChatCompletionRequestMessageContentPartFile, \
        ChatCompletionRequestMessageContentPartImage, \
        ChatCompletionRequestMessageContentPartText
    from ..models.chat_completion_request_message_content_part_audio import ChatCompletionRequestMessageContentPartAudio
    from ..models.chat_completion_request_message_content_part_file import ChatCompletionRequestMessageContentPartFile
    from ..models.chat_completion_request_message_content_part_image import ChatCompletionRequestMessageContentPartImage
    from ..models.chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText

    _lazy_pending = False


_KEYS = frozenset({"content", "role", "name"})


T = TypeVar("T", bound="ChatCompletionRequestUserMessage")


@_attrs_define
class ChatCompletionRequestUserMessage(Model):
    content: (
        list[
            ChatCompletionRequestMessageContentPartAudio
            | ChatCompletionRequestMessageContentPartFile
            | ChatCompletionRequestMessageContentPartImage
            | ChatCompletionRequestMessageContentPartText
        ]
        | str
    )
    role: Literal["user"] = "user"
    name: str | Unset = UNSET
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

        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item: dict[str, Any]
                if isinstance(content_type_1_item_data, ChatCompletionRequestMessageContentPartText):
                    content_type_1_item = content_type_1_item_data.to_dict()
                elif isinstance(content_type_1_item_data, ChatCompletionRequestMessageContentPartImage):
                    content_type_1_item = content_type_1_item_data.to_dict()
                elif isinstance(content_type_1_item_data, ChatCompletionRequestMessageContentPartAudio):
                    content_type_1_item = content_type_1_item_data.to_dict()
                else:
                    content_type_1_item = content_type_1_item_data.to_dict()

                content.append(content_type_1_item)

        else:
            content = self.content

        role = self.role

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "role": role,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            content: Any = src_dict["content"]
        except KeyError:
            content = None
            missing(src_dict, "content")
        else:
            if content is None:
                missing(src_dict, "content")
            else:
                if isinstance(content, list):
                    try:
                        content = [
                            _parse_content_1_item(content_type_1_item_data) for content_type_1_item_data in content
                        ]
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass

        try:
            role: Any = src_dict["role"]
        except KeyError:
            role = None
            missing(src_dict, "role")
        else:
            if role is None:
                missing(src_dict, "role")
            else:
                if role != "user":
                    tolerate(f"role must match const 'user', got '{role}'")

        name: Any = src_dict.get("name", UNSET)

        chat_completion_request_user_message = cls(
            content,
            role,
            name,
        )
        if not _KEYS.issuperset(src_dict):
            chat_completion_request_user_message.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_request_user_message

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


def _parse_content_1_item(
    data: object,
) -> (
    ChatCompletionRequestMessageContentPartAudio
    | ChatCompletionRequestMessageContentPartFile
    | ChatCompletionRequestMessageContentPartImage
    | ChatCompletionRequestMessageContentPartText
):
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestMessageContentPartText.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestMessageContentPartImage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestMessageContentPartAudio.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestMessageContentPartFile.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of ChatCompletionRequestMessageContentPartAudio | ChatCompletionRequestMessageContentPartFile | ChatCompletionRequestMessageContentPartImage | ChatCompletionRequestMessageContentPartText"
    )
    if isinstance(data, dict):
        if names_variant(ChatCompletionRequestMessageContentPartText, data):
            try:
                return ChatCompletionRequestMessageContentPartText.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestMessageContentPartImage, data):
            try:
                return ChatCompletionRequestMessageContentPartImage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestMessageContentPartAudio, data):
            try:
                return ChatCompletionRequestMessageContentPartAudio.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestMessageContentPartFile, data):
            try:
                return ChatCompletionRequestMessageContentPartFile.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionRequestMessageContentPartText.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestMessageContentPartImage.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestMessageContentPartAudio.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestMessageContentPartFile.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(
        ChatCompletionRequestMessageContentPartAudio
        | ChatCompletionRequestMessageContentPartFile
        | ChatCompletionRequestMessageContentPartImage
        | ChatCompletionRequestMessageContentPartText,
        data,
    )
