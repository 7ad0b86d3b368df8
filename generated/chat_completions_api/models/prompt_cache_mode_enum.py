from typing import Literal, cast

PromptCacheModeEnum = Literal["explicit", "implicit"]

PROMPT_CACHE_MODE_ENUM_VALUES: frozenset[PromptCacheModeEnum] = frozenset(
    {
        "explicit",
        "implicit",
    }
)


def check_prompt_cache_mode_enum(value: str) -> PromptCacheModeEnum:
    """Type `value` as PromptCacheModeEnum; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(PromptCacheModeEnum, value)
