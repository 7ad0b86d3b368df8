from typing import Literal, cast

GetChatCompletionMessagesOrder = Literal["asc", "desc"]

GET_CHAT_COMPLETION_MESSAGES_ORDER_VALUES: frozenset[GetChatCompletionMessagesOrder] = frozenset(
    {
        "asc",
        "desc",
    }
)


def check_get_chat_completion_messages_order(value: str) -> GetChatCompletionMessagesOrder:
    """Type `value` as GetChatCompletionMessagesOrder; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(GetChatCompletionMessagesOrder, value)
