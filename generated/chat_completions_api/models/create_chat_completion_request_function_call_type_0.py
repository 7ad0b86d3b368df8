from typing import Literal, cast

CreateChatCompletionRequestFunctionCallType0 = Literal["auto", "none"]

CREATE_CHAT_COMPLETION_REQUEST_FUNCTION_CALL_TYPE_0_VALUES: frozenset[CreateChatCompletionRequestFunctionCallType0] = (
    frozenset(
        {
            "auto",
            "none",
        }
    )
)


def check_create_chat_completion_request_function_call_type_0(
    value: str,
) -> CreateChatCompletionRequestFunctionCallType0:
    """Type `value` as CreateChatCompletionRequestFunctionCallType0; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(CreateChatCompletionRequestFunctionCallType0, value)
