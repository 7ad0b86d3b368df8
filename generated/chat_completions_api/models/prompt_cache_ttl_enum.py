from typing import Literal, cast

PromptCacheTTLEnum = Literal["30m"]

PROMPT_CACHE_TTL_ENUM_VALUES: frozenset[PromptCacheTTLEnum] = frozenset(
    {
        "30m",
    }
)


def check_prompt_cache_ttl_enum(value: str) -> PromptCacheTTLEnum:
    """Type `value` as PromptCacheTTLEnum; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(PromptCacheTTLEnum, value)
