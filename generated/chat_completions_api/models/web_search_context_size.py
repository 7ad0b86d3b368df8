from typing import Literal, cast

WebSearchContextSize = Literal["high", "low", "medium"]

WEB_SEARCH_CONTEXT_SIZE_VALUES: frozenset[WebSearchContextSize] = frozenset(
    {
        "high",
        "low",
        "medium",
    }
)


def check_web_search_context_size(value: str) -> WebSearchContextSize:
    """Type `value` as WebSearchContextSize; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(WebSearchContextSize, value)
