from typing import Literal, cast

ChatCompletionMessageToolCallChunkType = Literal["custom", "function"]

CHAT_COMPLETION_MESSAGE_TOOL_CALL_CHUNK_TYPE_VALUES: frozenset[ChatCompletionMessageToolCallChunkType] = frozenset(
    {
        "custom",
        "function",
    }
)


def check_chat_completion_message_tool_call_chunk_type(value: str) -> ChatCompletionMessageToolCallChunkType:
    """Type `value` as ChatCompletionMessageToolCallChunkType; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ChatCompletionMessageToolCallChunkType, value)
