"""Data models of the Chat Completions API.

Each model's module is imported on first access (PEP 562), so importing this package
does not pay for all of them.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .chat_completion_allowed_tools import ChatCompletionAllowedTools
    from .chat_completion_allowed_tools_choice import ChatCompletionAllowedToolsChoice
    from .chat_completion_allowed_tools_mode import ChatCompletionAllowedToolsMode
    from .chat_completion_allowed_tools_tools_item import ChatCompletionAllowedToolsToolsItem
    from .chat_completion_deleted import ChatCompletionDeleted
    from .chat_completion_function_call_option import ChatCompletionFunctionCallOption
    from .chat_completion_functions import ChatCompletionFunctions
    from .chat_completion_list import ChatCompletionList
    from .chat_completion_message_custom_tool_call import ChatCompletionMessageCustomToolCall
    from .chat_completion_message_custom_tool_call_custom import ChatCompletionMessageCustomToolCallCustom
    from .chat_completion_message_list import ChatCompletionMessageList
    from .chat_completion_message_list_data_item import ChatCompletionMessageListDataItem
    from .chat_completion_message_list_data_item_annotations_item import (
        ChatCompletionMessageListDataItemAnnotationsItem,
    )
    from .chat_completion_message_list_data_item_annotations_item_url_citation import (
        ChatCompletionMessageListDataItemAnnotationsItemUrlCitation,
    )
    from .chat_completion_message_list_data_item_audio_type_0 import ChatCompletionMessageListDataItemAudioType0
    from .chat_completion_message_list_data_item_function_call import ChatCompletionMessageListDataItemFunctionCall
    from .chat_completion_message_list_data_item_role import ChatCompletionMessageListDataItemRole
    from .chat_completion_message_tool_call import ChatCompletionMessageToolCall
    from .chat_completion_message_tool_call_chunk import ChatCompletionMessageToolCallChunk
    from .chat_completion_message_tool_call_chunk_custom import ChatCompletionMessageToolCallChunkCustom
    from .chat_completion_message_tool_call_chunk_function import ChatCompletionMessageToolCallChunkFunction
    from .chat_completion_message_tool_call_chunk_type import ChatCompletionMessageToolCallChunkType
    from .chat_completion_message_tool_call_function import ChatCompletionMessageToolCallFunction
    from .chat_completion_moderation import ChatCompletionModeration
    from .chat_completion_moderation_error import ChatCompletionModerationError
    from .chat_completion_moderation_results import ChatCompletionModerationResults
    from .chat_completion_named_tool_choice import ChatCompletionNamedToolChoice
    from .chat_completion_named_tool_choice_custom import ChatCompletionNamedToolChoiceCustom
    from .chat_completion_named_tool_choice_custom_custom import ChatCompletionNamedToolChoiceCustomCustom
    from .chat_completion_named_tool_choice_function import ChatCompletionNamedToolChoiceFunction
    from .chat_completion_request_assistant_message import ChatCompletionRequestAssistantMessage
    from .chat_completion_request_assistant_message_audio_type_0 import ChatCompletionRequestAssistantMessageAudioType0
    from .chat_completion_request_assistant_message_function_call_type_0 import (
        ChatCompletionRequestAssistantMessageFunctionCallType0,
    )
    from .chat_completion_request_developer_message import ChatCompletionRequestDeveloperMessage
    from .chat_completion_request_function_message import ChatCompletionRequestFunctionMessage
    from .chat_completion_request_message_content_part_audio import ChatCompletionRequestMessageContentPartAudio
    from .chat_completion_request_message_content_part_audio_input_audio import (
        ChatCompletionRequestMessageContentPartAudioInputAudio,
    )
    from .chat_completion_request_message_content_part_audio_input_audio_format import (
        ChatCompletionRequestMessageContentPartAudioInputAudioFormat,
    )
    from .chat_completion_request_message_content_part_file import ChatCompletionRequestMessageContentPartFile
    from .chat_completion_request_message_content_part_file_file import ChatCompletionRequestMessageContentPartFileFile
    from .chat_completion_request_message_content_part_image import ChatCompletionRequestMessageContentPartImage
    from .chat_completion_request_message_content_part_image_image_url import (
        ChatCompletionRequestMessageContentPartImageImageUrl,
    )
    from .chat_completion_request_message_content_part_image_image_url_detail import (
        ChatCompletionRequestMessageContentPartImageImageUrlDetail,
    )
    from .chat_completion_request_message_content_part_refusal import ChatCompletionRequestMessageContentPartRefusal
    from .chat_completion_request_message_content_part_text import ChatCompletionRequestMessageContentPartText
    from .chat_completion_request_system_message import ChatCompletionRequestSystemMessage
    from .chat_completion_request_tool_message import ChatCompletionRequestToolMessage
    from .chat_completion_request_user_message import ChatCompletionRequestUserMessage
    from .chat_completion_response_message import ChatCompletionResponseMessage
    from .chat_completion_response_message_annotations_item import ChatCompletionResponseMessageAnnotationsItem
    from .chat_completion_response_message_annotations_item_url_citation import (
        ChatCompletionResponseMessageAnnotationsItemUrlCitation,
    )
    from .chat_completion_response_message_audio_type_0 import ChatCompletionResponseMessageAudioType0
    from .chat_completion_response_message_function_call import ChatCompletionResponseMessageFunctionCall
    from .chat_completion_stream_event import ChatCompletionStreamEvent
    from .chat_completion_stream_options_type_0 import ChatCompletionStreamOptionsType0
    from .chat_completion_stream_response_delta import ChatCompletionStreamResponseDelta
    from .chat_completion_stream_response_delta_function_call import ChatCompletionStreamResponseDeltaFunctionCall
    from .chat_completion_stream_response_delta_role import ChatCompletionStreamResponseDeltaRole
    from .chat_completion_token_logprob import ChatCompletionTokenLogprob
    from .chat_completion_token_logprob_top_logprobs_item import ChatCompletionTokenLogprobTopLogprobsItem
    from .chat_completion_tool import ChatCompletionTool
    from .chat_completion_tool_choice_option_type_0 import ChatCompletionToolChoiceOptionType0
    from .completion_usage import CompletionUsage
    from .completion_usage_completion_tokens_details import CompletionUsageCompletionTokensDetails
    from .completion_usage_prompt_tokens_details import CompletionUsagePromptTokensDetails
    from .create_chat_completion_request import CreateChatCompletionRequest
    from .create_chat_completion_request_audio_type_0 import CreateChatCompletionRequestAudioType0
    from .create_chat_completion_request_audio_type_0_format import CreateChatCompletionRequestAudioType0Format
    from .create_chat_completion_request_function_call_type_0 import CreateChatCompletionRequestFunctionCallType0
    from .create_chat_completion_request_logit_bias_type_0 import CreateChatCompletionRequestLogitBiasType0
    from .create_chat_completion_request_prompt_cache_retention_type_0 import (
        CreateChatCompletionRequestPromptCacheRetentionType0,
    )
    from .create_chat_completion_request_web_search_options import CreateChatCompletionRequestWebSearchOptions
    from .create_chat_completion_request_web_search_options_user_location_type_0 import (
        CreateChatCompletionRequestWebSearchOptionsUserLocationType0,
    )
    from .create_chat_completion_response import CreateChatCompletionResponse
    from .create_chat_completion_response_choices_item import CreateChatCompletionResponseChoicesItem
    from .create_chat_completion_response_choices_item_finish_reason import (
        CreateChatCompletionResponseChoicesItemFinishReason,
    )
    from .create_chat_completion_response_choices_item_logprobs_type_0 import (
        CreateChatCompletionResponseChoicesItemLogprobsType0,
    )
    from .create_chat_completion_stream_response import CreateChatCompletionStreamResponse
    from .create_chat_completion_stream_response_choices_item import CreateChatCompletionStreamResponseChoicesItem
    from .create_chat_completion_stream_response_choices_item_finish_reason_type_0 import (
        CreateChatCompletionStreamResponseChoicesItemFinishReasonType0,
    )
    from .create_chat_completion_stream_response_choices_item_logprobs_type_0 import (
        CreateChatCompletionStreamResponseChoicesItemLogprobsType0,
    )
    from .custom_tool_chat_completions import CustomToolChatCompletions
    from .custom_tool_chat_completions_custom import CustomToolChatCompletionsCustom
    from .custom_tool_chat_completions_custom_format_type_0 import CustomToolChatCompletionsCustomFormatType0
    from .custom_tool_chat_completions_custom_format_type_1 import CustomToolChatCompletionsCustomFormatType1
    from .custom_tool_chat_completions_custom_format_type_1_grammar import (
        CustomToolChatCompletionsCustomFormatType1Grammar,
    )
    from .custom_tool_chat_completions_custom_format_type_1_grammar_syntax import (
        CustomToolChatCompletionsCustomFormatType1GrammarSyntax,
    )
    from .error import Error
    from .error_response import ErrorResponse
    from .function_object import FunctionObject
    from .function_parameters import FunctionParameters
    from .get_chat_completion_messages_order import GetChatCompletionMessagesOrder
    from .list_chat_completions_metadata import ListChatCompletionsMetadata
    from .list_chat_completions_order import ListChatCompletionsOrder
    from .metadata_type_0 import MetadataType0
    from .moderation_config_param import ModerationConfigParam
    from .moderation_input_type import ModerationInputType
    from .moderation_mode import ModerationMode
    from .moderation_param import ModerationParam
    from .moderation_policy_param import ModerationPolicyParam
    from .moderation_result_body import ModerationResultBody
    from .moderation_result_body_categories import ModerationResultBodyCategories
    from .moderation_result_body_category_applied_input_types import ModerationResultBodyCategoryAppliedInputTypes
    from .moderation_result_body_category_scores import ModerationResultBodyCategoryScores
    from .prediction_content import PredictionContent
    from .prompt_cache_breakpoint_param import PromptCacheBreakpointParam
    from .prompt_cache_mode_enum import PromptCacheModeEnum
    from .prompt_cache_options_param import PromptCacheOptionsParam
    from .prompt_cache_ttl_enum import PromptCacheTTLEnum
    from .reasoning_effort_type_0 import ReasoningEffortType0
    from .response_format_json_object import ResponseFormatJsonObject
    from .response_format_json_schema import ResponseFormatJsonSchema
    from .response_format_json_schema_json_schema import ResponseFormatJsonSchemaJsonSchema
    from .response_format_json_schema_schema import ResponseFormatJsonSchemaSchema
    from .response_format_text import ResponseFormatText
    from .response_modalities_type_0_item import ResponseModalitiesType0Item
    from .service_tier_type_0 import ServiceTierType0
    from .update_chat_completion_body import UpdateChatCompletionBody
    from .verbosity_type_0 import VerbosityType0
    from .voice_ids_or_custom_voice_type_1 import VoiceIdsOrCustomVoiceType1
    from .web_search_context_size import WebSearchContextSize
    from .web_search_location import WebSearchLocation

_MODULE_OF: dict[str, str] = {
    "ChatCompletionAllowedTools": ".chat_completion_allowed_tools",
    "ChatCompletionAllowedToolsChoice": ".chat_completion_allowed_tools_choice",
    "ChatCompletionAllowedToolsMode": ".chat_completion_allowed_tools_mode",
    "ChatCompletionAllowedToolsToolsItem": ".chat_completion_allowed_tools_tools_item",
    "ChatCompletionDeleted": ".chat_completion_deleted",
    "ChatCompletionFunctionCallOption": ".chat_completion_function_call_option",
    "ChatCompletionFunctions": ".chat_completion_functions",
    "ChatCompletionList": ".chat_completion_list",
    "ChatCompletionMessageCustomToolCall": ".chat_completion_message_custom_tool_call",
    "ChatCompletionMessageCustomToolCallCustom": ".chat_completion_message_custom_tool_call_custom",
    "ChatCompletionMessageList": ".chat_completion_message_list",
    "ChatCompletionMessageListDataItem": ".chat_completion_message_list_data_item",
    "ChatCompletionMessageListDataItemAnnotationsItem": ".chat_completion_message_list_data_item_annotations_item",
    "ChatCompletionMessageListDataItemAnnotationsItemUrlCitation": ".chat_completion_message_list_data_item_annotations_item_url_citation",
    "ChatCompletionMessageListDataItemAudioType0": ".chat_completion_message_list_data_item_audio_type_0",
    "ChatCompletionMessageListDataItemFunctionCall": ".chat_completion_message_list_data_item_function_call",
    "ChatCompletionMessageListDataItemRole": ".chat_completion_message_list_data_item_role",
    "ChatCompletionMessageToolCall": ".chat_completion_message_tool_call",
    "ChatCompletionMessageToolCallChunk": ".chat_completion_message_tool_call_chunk",
    "ChatCompletionMessageToolCallChunkCustom": ".chat_completion_message_tool_call_chunk_custom",
    "ChatCompletionMessageToolCallChunkFunction": ".chat_completion_message_tool_call_chunk_function",
    "ChatCompletionMessageToolCallChunkType": ".chat_completion_message_tool_call_chunk_type",
    "ChatCompletionMessageToolCallFunction": ".chat_completion_message_tool_call_function",
    "ChatCompletionModeration": ".chat_completion_moderation",
    "ChatCompletionModerationError": ".chat_completion_moderation_error",
    "ChatCompletionModerationResults": ".chat_completion_moderation_results",
    "ChatCompletionNamedToolChoice": ".chat_completion_named_tool_choice",
    "ChatCompletionNamedToolChoiceCustom": ".chat_completion_named_tool_choice_custom",
    "ChatCompletionNamedToolChoiceCustomCustom": ".chat_completion_named_tool_choice_custom_custom",
    "ChatCompletionNamedToolChoiceFunction": ".chat_completion_named_tool_choice_function",
    "ChatCompletionRequestAssistantMessage": ".chat_completion_request_assistant_message",
    "ChatCompletionRequestAssistantMessageAudioType0": ".chat_completion_request_assistant_message_audio_type_0",
    "ChatCompletionRequestAssistantMessageFunctionCallType0": ".chat_completion_request_assistant_message_function_call_type_0",
    "ChatCompletionRequestDeveloperMessage": ".chat_completion_request_developer_message",
    "ChatCompletionRequestFunctionMessage": ".chat_completion_request_function_message",
    "ChatCompletionRequestMessageContentPartAudio": ".chat_completion_request_message_content_part_audio",
    "ChatCompletionRequestMessageContentPartAudioInputAudio": ".chat_completion_request_message_content_part_audio_input_audio",
    "ChatCompletionRequestMessageContentPartAudioInputAudioFormat": ".chat_completion_request_message_content_part_audio_input_audio_format",
    "ChatCompletionRequestMessageContentPartFile": ".chat_completion_request_message_content_part_file",
    "ChatCompletionRequestMessageContentPartFileFile": ".chat_completion_request_message_content_part_file_file",
    "ChatCompletionRequestMessageContentPartImage": ".chat_completion_request_message_content_part_image",
    "ChatCompletionRequestMessageContentPartImageImageUrl": ".chat_completion_request_message_content_part_image_image_url",
    "ChatCompletionRequestMessageContentPartImageImageUrlDetail": ".chat_completion_request_message_content_part_image_image_url_detail",
    "ChatCompletionRequestMessageContentPartRefusal": ".chat_completion_request_message_content_part_refusal",
    "ChatCompletionRequestMessageContentPartText": ".chat_completion_request_message_content_part_text",
    "ChatCompletionRequestSystemMessage": ".chat_completion_request_system_message",
    "ChatCompletionRequestToolMessage": ".chat_completion_request_tool_message",
    "ChatCompletionRequestUserMessage": ".chat_completion_request_user_message",
    "ChatCompletionResponseMessage": ".chat_completion_response_message",
    "ChatCompletionResponseMessageAnnotationsItem": ".chat_completion_response_message_annotations_item",
    "ChatCompletionResponseMessageAnnotationsItemUrlCitation": ".chat_completion_response_message_annotations_item_url_citation",
    "ChatCompletionResponseMessageAudioType0": ".chat_completion_response_message_audio_type_0",
    "ChatCompletionResponseMessageFunctionCall": ".chat_completion_response_message_function_call",
    "ChatCompletionStreamEvent": ".chat_completion_stream_event",
    "ChatCompletionStreamOptionsType0": ".chat_completion_stream_options_type_0",
    "ChatCompletionStreamResponseDelta": ".chat_completion_stream_response_delta",
    "ChatCompletionStreamResponseDeltaFunctionCall": ".chat_completion_stream_response_delta_function_call",
    "ChatCompletionStreamResponseDeltaRole": ".chat_completion_stream_response_delta_role",
    "ChatCompletionTokenLogprob": ".chat_completion_token_logprob",
    "ChatCompletionTokenLogprobTopLogprobsItem": ".chat_completion_token_logprob_top_logprobs_item",
    "ChatCompletionTool": ".chat_completion_tool",
    "ChatCompletionToolChoiceOptionType0": ".chat_completion_tool_choice_option_type_0",
    "CompletionUsage": ".completion_usage",
    "CompletionUsageCompletionTokensDetails": ".completion_usage_completion_tokens_details",
    "CompletionUsagePromptTokensDetails": ".completion_usage_prompt_tokens_details",
    "CreateChatCompletionRequest": ".create_chat_completion_request",
    "CreateChatCompletionRequestAudioType0": ".create_chat_completion_request_audio_type_0",
    "CreateChatCompletionRequestAudioType0Format": ".create_chat_completion_request_audio_type_0_format",
    "CreateChatCompletionRequestFunctionCallType0": ".create_chat_completion_request_function_call_type_0",
    "CreateChatCompletionRequestLogitBiasType0": ".create_chat_completion_request_logit_bias_type_0",
    "CreateChatCompletionRequestPromptCacheRetentionType0": ".create_chat_completion_request_prompt_cache_retention_type_0",
    "CreateChatCompletionRequestWebSearchOptions": ".create_chat_completion_request_web_search_options",
    "CreateChatCompletionRequestWebSearchOptionsUserLocationType0": ".create_chat_completion_request_web_search_options_user_location_type_0",
    "CreateChatCompletionResponse": ".create_chat_completion_response",
    "CreateChatCompletionResponseChoicesItem": ".create_chat_completion_response_choices_item",
    "CreateChatCompletionResponseChoicesItemFinishReason": ".create_chat_completion_response_choices_item_finish_reason",
    "CreateChatCompletionResponseChoicesItemLogprobsType0": ".create_chat_completion_response_choices_item_logprobs_type_0",
    "CreateChatCompletionStreamResponse": ".create_chat_completion_stream_response",
    "CreateChatCompletionStreamResponseChoicesItem": ".create_chat_completion_stream_response_choices_item",
    "CreateChatCompletionStreamResponseChoicesItemFinishReasonType0": ".create_chat_completion_stream_response_choices_item_finish_reason_type_0",
    "CreateChatCompletionStreamResponseChoicesItemLogprobsType0": ".create_chat_completion_stream_response_choices_item_logprobs_type_0",
    "CustomToolChatCompletions": ".custom_tool_chat_completions",
    "CustomToolChatCompletionsCustom": ".custom_tool_chat_completions_custom",
    "CustomToolChatCompletionsCustomFormatType0": ".custom_tool_chat_completions_custom_format_type_0",
    "CustomToolChatCompletionsCustomFormatType1": ".custom_tool_chat_completions_custom_format_type_1",
    "CustomToolChatCompletionsCustomFormatType1Grammar": ".custom_tool_chat_completions_custom_format_type_1_grammar",
    "CustomToolChatCompletionsCustomFormatType1GrammarSyntax": ".custom_tool_chat_completions_custom_format_type_1_grammar_syntax",
    "Error": ".error",
    "ErrorResponse": ".error_response",
    "FunctionObject": ".function_object",
    "FunctionParameters": ".function_parameters",
    "GetChatCompletionMessagesOrder": ".get_chat_completion_messages_order",
    "ListChatCompletionsMetadata": ".list_chat_completions_metadata",
    "ListChatCompletionsOrder": ".list_chat_completions_order",
    "MetadataType0": ".metadata_type_0",
    "ModerationConfigParam": ".moderation_config_param",
    "ModerationInputType": ".moderation_input_type",
    "ModerationMode": ".moderation_mode",
    "ModerationParam": ".moderation_param",
    "ModerationPolicyParam": ".moderation_policy_param",
    "ModerationResultBody": ".moderation_result_body",
    "ModerationResultBodyCategories": ".moderation_result_body_categories",
    "ModerationResultBodyCategoryAppliedInputTypes": ".moderation_result_body_category_applied_input_types",
    "ModerationResultBodyCategoryScores": ".moderation_result_body_category_scores",
    "PredictionContent": ".prediction_content",
    "PromptCacheBreakpointParam": ".prompt_cache_breakpoint_param",
    "PromptCacheModeEnum": ".prompt_cache_mode_enum",
    "PromptCacheOptionsParam": ".prompt_cache_options_param",
    "PromptCacheTTLEnum": ".prompt_cache_ttl_enum",
    "ReasoningEffortType0": ".reasoning_effort_type_0",
    "ResponseFormatJsonObject": ".response_format_json_object",
    "ResponseFormatJsonSchema": ".response_format_json_schema",
    "ResponseFormatJsonSchemaJsonSchema": ".response_format_json_schema_json_schema",
    "ResponseFormatJsonSchemaSchema": ".response_format_json_schema_schema",
    "ResponseFormatText": ".response_format_text",
    "ResponseModalitiesType0Item": ".response_modalities_type_0_item",
    "ServiceTierType0": ".service_tier_type_0",
    "UpdateChatCompletionBody": ".update_chat_completion_body",
    "VerbosityType0": ".verbosity_type_0",
    "VoiceIdsOrCustomVoiceType1": ".voice_ids_or_custom_voice_type_1",
    "WebSearchContextSize": ".web_search_context_size",
    "WebSearchLocation": ".web_search_location",
}

__all__ = (
    "ChatCompletionAllowedTools",
    "ChatCompletionAllowedToolsChoice",
    "ChatCompletionAllowedToolsMode",
    "ChatCompletionAllowedToolsToolsItem",
    "ChatCompletionDeleted",
    "ChatCompletionFunctionCallOption",
    "ChatCompletionFunctions",
    "ChatCompletionList",
    "ChatCompletionMessageCustomToolCall",
    "ChatCompletionMessageCustomToolCallCustom",
    "ChatCompletionMessageList",
    "ChatCompletionMessageListDataItem",
    "ChatCompletionMessageListDataItemAnnotationsItem",
    "ChatCompletionMessageListDataItemAnnotationsItemUrlCitation",
    "ChatCompletionMessageListDataItemAudioType0",
    "ChatCompletionMessageListDataItemFunctionCall",
    "ChatCompletionMessageListDataItemRole",
    "ChatCompletionMessageToolCall",
    "ChatCompletionMessageToolCallChunk",
    "ChatCompletionMessageToolCallChunkCustom",
    "ChatCompletionMessageToolCallChunkFunction",
    "ChatCompletionMessageToolCallChunkType",
    "ChatCompletionMessageToolCallFunction",
    "ChatCompletionModeration",
    "ChatCompletionModerationError",
    "ChatCompletionModerationResults",
    "ChatCompletionNamedToolChoice",
    "ChatCompletionNamedToolChoiceCustom",
    "ChatCompletionNamedToolChoiceCustomCustom",
    "ChatCompletionNamedToolChoiceFunction",
    "ChatCompletionRequestAssistantMessage",
    "ChatCompletionRequestAssistantMessageAudioType0",
    "ChatCompletionRequestAssistantMessageFunctionCallType0",
    "ChatCompletionRequestDeveloperMessage",
    "ChatCompletionRequestFunctionMessage",
    "ChatCompletionRequestMessageContentPartAudio",
    "ChatCompletionRequestMessageContentPartAudioInputAudio",
    "ChatCompletionRequestMessageContentPartAudioInputAudioFormat",
    "ChatCompletionRequestMessageContentPartFile",
    "ChatCompletionRequestMessageContentPartFileFile",
    "ChatCompletionRequestMessageContentPartImage",
    "ChatCompletionRequestMessageContentPartImageImageUrl",
    "ChatCompletionRequestMessageContentPartImageImageUrlDetail",
    "ChatCompletionRequestMessageContentPartRefusal",
    "ChatCompletionRequestMessageContentPartText",
    "ChatCompletionRequestSystemMessage",
    "ChatCompletionRequestToolMessage",
    "ChatCompletionRequestUserMessage",
    "ChatCompletionResponseMessage",
    "ChatCompletionResponseMessageAnnotationsItem",
    "ChatCompletionResponseMessageAnnotationsItemUrlCitation",
    "ChatCompletionResponseMessageAudioType0",
    "ChatCompletionResponseMessageFunctionCall",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamOptionsType0",
    "ChatCompletionStreamResponseDelta",
    "ChatCompletionStreamResponseDeltaFunctionCall",
    "ChatCompletionStreamResponseDeltaRole",
    "ChatCompletionTokenLogprob",
    "ChatCompletionTokenLogprobTopLogprobsItem",
    "ChatCompletionTool",
    "ChatCompletionToolChoiceOptionType0",
    "CompletionUsage",
    "CompletionUsageCompletionTokensDetails",
    "CompletionUsagePromptTokensDetails",
    "CreateChatCompletionRequest",
    "CreateChatCompletionRequestAudioType0",
    "CreateChatCompletionRequestAudioType0Format",
    "CreateChatCompletionRequestFunctionCallType0",
    "CreateChatCompletionRequestLogitBiasType0",
    "CreateChatCompletionRequestPromptCacheRetentionType0",
    "CreateChatCompletionRequestWebSearchOptions",
    "CreateChatCompletionRequestWebSearchOptionsUserLocationType0",
    "CreateChatCompletionResponse",
    "CreateChatCompletionResponseChoicesItem",
    "CreateChatCompletionResponseChoicesItemFinishReason",
    "CreateChatCompletionResponseChoicesItemLogprobsType0",
    "CreateChatCompletionStreamResponse",
    "CreateChatCompletionStreamResponseChoicesItem",
    "CreateChatCompletionStreamResponseChoicesItemFinishReasonType0",
    "CreateChatCompletionStreamResponseChoicesItemLogprobsType0",
    "CustomToolChatCompletions",
    "CustomToolChatCompletionsCustom",
    "CustomToolChatCompletionsCustomFormatType0",
    "CustomToolChatCompletionsCustomFormatType1",
    "CustomToolChatCompletionsCustomFormatType1Grammar",
    "CustomToolChatCompletionsCustomFormatType1GrammarSyntax",
    "Error",
    "ErrorResponse",
    "FunctionObject",
    "FunctionParameters",
    "GetChatCompletionMessagesOrder",
    "ListChatCompletionsMetadata",
    "ListChatCompletionsOrder",
    "MetadataType0",
    "ModerationConfigParam",
    "ModerationInputType",
    "ModerationMode",
    "ModerationParam",
    "ModerationPolicyParam",
    "ModerationResultBody",
    "ModerationResultBodyCategories",
    "ModerationResultBodyCategoryAppliedInputTypes",
    "ModerationResultBodyCategoryScores",
    "PredictionContent",
    "PromptCacheBreakpointParam",
    "PromptCacheModeEnum",
    "PromptCacheOptionsParam",
    "PromptCacheTTLEnum",
    "ReasoningEffortType0",
    "ResponseFormatJsonObject",
    "ResponseFormatJsonSchema",
    "ResponseFormatJsonSchemaJsonSchema",
    "ResponseFormatJsonSchemaSchema",
    "ResponseFormatText",
    "ResponseModalitiesType0Item",
    "ServiceTierType0",
    "UpdateChatCompletionBody",
    "VerbosityType0",
    "VoiceIdsOrCustomVoiceType1",
    "WebSearchContextSize",
    "WebSearchLocation",
)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
