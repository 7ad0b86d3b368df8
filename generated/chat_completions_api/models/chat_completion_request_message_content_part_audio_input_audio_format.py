from typing import Literal, cast

ChatCompletionRequestMessageContentPartAudioInputAudioFormat = Literal["mp3", "wav"]

CHAT_COMPLETION_REQUEST_MESSAGE_CONTENT_PART_AUDIO_INPUT_AUDIO_FORMAT_VALUES: frozenset[
    ChatCompletionRequestMessageContentPartAudioInputAudioFormat
] = frozenset(
    {
        "mp3",
        "wav",
    }
)


def check_chat_completion_request_message_content_part_audio_input_audio_format(
    value: str,
) -> ChatCompletionRequestMessageContentPartAudioInputAudioFormat:
    """Type `value` as ChatCompletionRequestMessageContentPartAudioInputAudioFormat; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(ChatCompletionRequestMessageContentPartAudioInputAudioFormat, value)
