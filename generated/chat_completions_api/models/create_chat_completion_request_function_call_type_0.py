from typing import Literal

CreateChatCompletionRequestFunctionCallType0 = Literal["auto", "none"]

CREATE_CHAT_COMPLETION_REQUEST_FUNCTION_CALL_TYPE_0_VALUES: set[CreateChatCompletionRequestFunctionCallType0] = {
    "auto",
    "none",
}


def check_create_chat_completion_request_function_call_type_0(
    value: str,
) -> CreateChatCompletionRequestFunctionCallType0:
    if value in CREATE_CHAT_COMPLETION_REQUEST_FUNCTION_CALL_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_CHAT_COMPLETION_REQUEST_FUNCTION_CALL_TYPE_0_VALUES!r}"
    )
