from typing import Literal, cast

ModerationMode = Literal["block", "score"]

MODERATION_MODE_VALUES: frozenset[ModerationMode] = frozenset(
    {
        "block",
        "score",
    }
)


def check_moderation_mode(value: str) -> ModerationMode:
    """Type `value` as ModerationMode; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ModerationMode, value)
