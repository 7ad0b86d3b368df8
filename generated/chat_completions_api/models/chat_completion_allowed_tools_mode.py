from typing import Literal, cast

ChatCompletionAllowedToolsMode = Literal["auto", "required"]

CHAT_COMPLETION_ALLOWED_TOOLS_MODE_VALUES: frozenset[ChatCompletionAllowedToolsMode] = frozenset(
    {
        "auto",
        "required",
    }
)


def check_chat_completion_allowed_tools_mode(value: str) -> ChatCompletionAllowedToolsMode:
    """Type `value` as ChatCompletionAllowedToolsMode; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ChatCompletionAllowedToolsMode, value)
