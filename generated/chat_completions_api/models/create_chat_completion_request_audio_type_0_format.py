from typing import Literal, cast

CreateChatCompletionRequestAudioType0Format = Literal["aac", "flac", "mp3", "opus", "pcm16", "wav"]

CREATE_CHAT_COMPLETION_REQUEST_AUDIO_TYPE_0_FORMAT_VALUES: frozenset[CreateChatCompletionRequestAudioType0Format] = (
    frozenset(
        {
            "aac",
            "flac",
            "mp3",
            "opus",
            "pcm16",
            "wav",
        }
    )
)


def check_create_chat_completion_request_audio_type_0_format(value: str) -> CreateChatCompletionRequestAudioType0Format:
    """Type `value` as CreateChatCompletionRequestAudioType0Format; a value a newer server adds is kept, not rejected."""
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return cast(CreateChatCompletionRequestAudioType0Format, value)
