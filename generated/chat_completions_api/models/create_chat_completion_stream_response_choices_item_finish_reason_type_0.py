from typing import Literal

CreateChatCompletionStreamResponseChoicesItemFinishReasonType0 = Literal[
    "content_filter", "function_call", "length", "stop", "tool_calls"
]

CREATE_CHAT_COMPLETION_STREAM_RESPONSE_CHOICES_ITEM_FINISH_REASON_TYPE_0_VALUES: set[
    CreateChatCompletionStreamResponseChoicesItemFinishReasonType0
] = {
    "content_filter",
    "function_call",
    "length",
    "stop",
    "tool_calls",
}


def check_create_chat_completion_stream_response_choices_item_finish_reason_type_0(
    value: str,
) -> CreateChatCompletionStreamResponseChoicesItemFinishReasonType0:
    if value in CREATE_CHAT_COMPLETION_STREAM_RESPONSE_CHOICES_ITEM_FINISH_REASON_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_CHAT_COMPLETION_STREAM_RESPONSE_CHOICES_ITEM_FINISH_REASON_TYPE_0_VALUES!r}"
    )
