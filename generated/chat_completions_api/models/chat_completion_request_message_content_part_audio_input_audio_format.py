from typing import Literal

ChatCompletionRequestMessageContentPartAudioInputAudioFormat = Literal["mp3", "wav"]

CHAT_COMPLETION_REQUEST_MESSAGE_CONTENT_PART_AUDIO_INPUT_AUDIO_FORMAT_VALUES: set[
    ChatCompletionRequestMessageContentPartAudioInputAudioFormat
] = {
    "mp3",
    "wav",
}


def check_chat_completion_request_message_content_part_audio_input_audio_format(
    value: str,
) -> ChatCompletionRequestMessageContentPartAudioInputAudioFormat:
    if value in CHAT_COMPLETION_REQUEST_MESSAGE_CONTENT_PART_AUDIO_INPUT_AUDIO_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CHAT_COMPLETION_REQUEST_MESSAGE_CONTENT_PART_AUDIO_INPUT_AUDIO_FORMAT_VALUES!r}"
    )
