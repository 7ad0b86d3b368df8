from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import STRICT, Model, dump_model, missing, names_variant, to_json, tolerate, warn_old_name

if TYPE_CHECKING:
    from ..models.chat_completion_moderation_error import ChatCompletionModerationError
    from ..models.chat_completion_moderation_results import ChatCompletionModerationResults

_pending_input_ = True


def _load_input_() -> None:
    """Import the models of `input_`, when an answer first has it (they may import this module)."""
    global _pending_input_, ChatCompletionModerationError, ChatCompletionModerationResults
    from ..models.chat_completion_moderation_error import ChatCompletionModerationError
    from ..models.chat_completion_moderation_results import ChatCompletionModerationResults

    _pending_input_ = False


_pending_output = True


def _load_output() -> None:
    """Import the models of `output`, when an answer first has it (they may import this module)."""
    global _pending_output, ChatCompletionModerationError, ChatCompletionModerationResults
    from ..models.chat_completion_moderation_error import ChatCompletionModerationError
    from ..models.chat_completion_moderation_results import ChatCompletionModerationResults

    _pending_output = False


_KEYS = frozenset({"input", "output"})


T = TypeVar("T", bound="ChatCompletionModeration")


@_attrs_define
class ChatCompletionModeration(Model):
    input: ChatCompletionModerationError | ChatCompletionModerationResults
    output: ChatCompletionModerationError | ChatCompletionModerationResults
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
        input_ = self.input
        field_dict["input"] = None if input_ is None else to_json(input_)
        output = self.output
        field_dict["output"] = None if output is None else to_json(output)
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
            input_: Any = src_dict["input"]
        except KeyError:
            input_ = None
            if missing(src_dict, "input"):
                odd += ("input",)
        else:
            if input_ is None:
                missing(src_dict, "input")
            else:
                if _pending_input_:
                    _load_input_()
                input_ = _parse_input_(input_)

        try:
            output: Any = src_dict["output"]
        except KeyError:
            output = None
            if missing(src_dict, "output"):
                odd += ("output",)
        else:
            if output is None:
                missing(src_dict, "output")
            else:
                if _pending_output:
                    _load_output()
                output = _parse_output(output)

        chat_completion_moderation = cls(
            input_,
            output,
        )
        if odd:
            chat_completion_moderation._odd_keys = odd
        # More keys than the required ones, or a required one left out (then in odd): look for unknown keys.
        if (len(src_dict) > 2 or odd) and not _KEYS.issuperset(src_dict):
            chat_completion_moderation.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return chat_completion_moderation

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
    def input_(self) -> ChatCompletionModerationError | ChatCompletionModerationResults:
        """Deprecated: the old name of `input` (the API's and the official SDK's name)."""
        warn_old_name("input_", "input")
        return self.input

    @input_.setter
    def input_(self, value: ChatCompletionModerationError | ChatCompletionModerationResults) -> None:
        warn_old_name("input_", "input")
        self.input = value


def _parse_input_(data: object) -> ChatCompletionModerationError | ChatCompletionModerationResults:
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ChatCompletionModerationResults.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionModerationError.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(f"{type(data).__name__} value is none of ChatCompletionModerationError | ChatCompletionModerationResults")
    if isinstance(data, dict):
        if names_variant(ChatCompletionModerationResults, data):
            try:
                return ChatCompletionModerationResults.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionModerationError, data):
            try:
                return ChatCompletionModerationError.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionModerationResults.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionModerationError.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(ChatCompletionModerationError | ChatCompletionModerationResults, data)


def _parse_output(data: object) -> ChatCompletionModerationError | ChatCompletionModerationResults:
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ChatCompletionModerationResults.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionModerationError.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(f"{type(data).__name__} value is none of ChatCompletionModerationError | ChatCompletionModerationResults")
    if isinstance(data, dict):
        if names_variant(ChatCompletionModerationResults, data):
            try:
                return ChatCompletionModerationResults.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionModerationError, data):
            try:
                return ChatCompletionModerationError.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionModerationResults.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionModerationError.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(ChatCompletionModerationError | ChatCompletionModerationResults, data)
