from typing import Literal, cast

ListChatCompletionsOrder = Literal["asc", "desc"]

LIST_CHAT_COMPLETIONS_ORDER_VALUES: frozenset[ListChatCompletionsOrder] = frozenset(
    {
        "asc",
        "desc",
    }
)


def check_list_chat_completions_order(value: str) -> ListChatCompletionsOrder:
    """Type `value` as ListChatCompletionsOrder; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ListChatCompletionsOrder, value)
