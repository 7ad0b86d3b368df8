from typing import Literal, cast

ChatCompletionStreamResponseDeltaRole = Literal["assistant", "developer", "system", "tool", "user"]

CHAT_COMPLETION_STREAM_RESPONSE_DELTA_ROLE_VALUES: frozenset[ChatCompletionStreamResponseDeltaRole] = frozenset(
    {
        "assistant",
        "developer",
        "system",
        "tool",
        "user",
    }
)


def check_chat_completion_stream_response_delta_role(value: str) -> ChatCompletionStreamResponseDeltaRole:
    """Type `value` as ChatCompletionStreamResponseDeltaRole; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ChatCompletionStreamResponseDeltaRole, value)
