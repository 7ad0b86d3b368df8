from typing import Literal, cast

ChatCompletionMessageListDataItemRole = Literal["assistant", "developer", "function", "system", "tool", "user"]

CHAT_COMPLETION_MESSAGE_LIST_DATA_ITEM_ROLE_VALUES: frozenset[ChatCompletionMessageListDataItemRole] = frozenset(
    {
        "assistant",
        "developer",
        "function",
        "system",
        "tool",
        "user",
    }
)


def check_chat_completion_message_list_data_item_role(value: str) -> ChatCompletionMessageListDataItemRole:
    """Type `value` as ChatCompletionMessageListDataItemRole; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ChatCompletionMessageListDataItemRole, value)
