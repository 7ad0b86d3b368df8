from typing import Literal, cast

CreateChatCompletionRequestPromptCacheRetentionType0 = Literal["24h", "in_memory"]

CREATE_CHAT_COMPLETION_REQUEST_PROMPT_CACHE_RETENTION_TYPE_0_VALUES: frozenset[
    CreateChatCompletionRequestPromptCacheRetentionType0
] = frozenset(
    {
        "24h",
        "in_memory",
    }
)


def check_create_chat_completion_request_prompt_cache_retention_type_0(
    value: str,
) -> CreateChatCompletionRequestPromptCacheRetentionType0:
    """Type `value` as CreateChatCompletionRequestPromptCacheRetentionType0; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(CreateChatCompletionRequestPromptCacheRetentionType0, value)
