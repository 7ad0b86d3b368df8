from typing import Literal, cast

ModerationInputType = Literal["image", "text"]

MODERATION_INPUT_TYPE_VALUES: frozenset[ModerationInputType] = frozenset(
    {
        "image",
        "text",
    }
)


def check_moderation_input_type(value: str) -> ModerationInputType:
    """Type `value` as ModerationInputType; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ModerationInputType, value)
