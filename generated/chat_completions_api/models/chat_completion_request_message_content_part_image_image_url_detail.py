from typing import Literal, cast

ChatCompletionRequestMessageContentPartImageImageUrlDetail = Literal["auto", "high", "low"]

CHAT_COMPLETION_REQUEST_MESSAGE_CONTENT_PART_IMAGE_IMAGE_URL_DETAIL_VALUES: frozenset[
    ChatCompletionRequestMessageContentPartImageImageUrlDetail
] = frozenset(
    {
        "auto",
        "high",
        "low",
    }
)


def check_chat_completion_request_message_content_part_image_image_url_detail(
    value: str,
) -> ChatCompletionRequestMessageContentPartImageImageUrlDetail:
    """Type `value` as ChatCompletionRequestMessageContentPartImageImageUrlDetail; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ChatCompletionRequestMessageContentPartImageImageUrlDetail, value)
