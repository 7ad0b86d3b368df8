from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_completion_tool_choice_option_type_0 import (
    ChatCompletionToolChoiceOptionType0,
    check_chat_completion_tool_choice_option_type_0,
)
from ..models.create_chat_completion_request_function_call_type_0 import (
    CreateChatCompletionRequestFunctionCallType0,
    check_create_chat_completion_request_function_call_type_0,
)
from ..models.create_chat_completion_request_prompt_cache_retention_type_0 import (
    CreateChatCompletionRequestPromptCacheRetentionType0,
    check_create_chat_completion_request_prompt_cache_retention_type_0,
)
from ..models.reasoning_effort_type_0 import ReasoningEffortType0, check_reasoning_effort_type_0
from ..models.response_modalities_type_0_item import ResponseModalitiesType0Item, check_response_modalities_type_0_item
from ..models.service_tier_type_0 import ServiceTierType0, check_service_tier_type_0
from ..models.verbosity_type_0 import VerbosityType0, check_verbosity_type_0
from ..types import STRICT, UNSET, Model, Unset, dump_model, missing, names_variant, tolerate

if TYPE_CHECKING:
    from ..models.chat_completion_allowed_tools_choice import ChatCompletionAllowedToolsChoice
    from ..models.chat_completion_function_call_option import ChatCompletionFunctionCallOption
    from ..models.chat_completion_functions import ChatCompletionFunctions
    from ..models.chat_completion_named_tool_choice import ChatCompletionNamedToolChoice
    from ..models.chat_completion_named_tool_choice_custom import ChatCompletionNamedToolChoiceCustom
    from ..models.chat_completion_request_assistant_message import ChatCompletionRequestAssistantMessage
    from ..models.chat_completion_request_developer_message import ChatCompletionRequestDeveloperMessage
    from ..models.chat_completion_request_function_message import ChatCompletionRequestFunctionMessage
    from ..models.chat_completion_request_system_message import ChatCompletionRequestSystemMessage
    from ..models.chat_completion_request_tool_message import ChatCompletionRequestToolMessage
    from ..models.chat_completion_request_user_message import ChatCompletionRequestUserMessage
    from ..models.chat_completion_stream_options_type_0 import ChatCompletionStreamOptionsType0
    from ..models.chat_completion_tool import ChatCompletionTool
    from ..models.create_chat_completion_request_audio_type_0 import CreateChatCompletionRequestAudioType0
    from ..models.create_chat_completion_request_logit_bias_type_0 import CreateChatCompletionRequestLogitBiasType0
    from ..models.create_chat_completion_request_web_search_options import CreateChatCompletionRequestWebSearchOptions
    from ..models.custom_tool_chat_completions import CustomToolChatCompletions
    from ..models.metadata_type_0 import MetadataType0
    from ..models.moderation_param import ModerationParam
    from ..models.prediction_content import PredictionContent
    from ..models.prompt_cache_options_param import PromptCacheOptionsParam
    from ..models.response_format_json_object import ResponseFormatJsonObject
    from ..models.response_format_json_schema import ResponseFormatJsonSchema
    from ..models.response_format_text import ResponseFormatText

_lazy_pending = True


def _import_lazy() -> None:
    """Import the models this one refers to, on first use (they may import this module)."""
    global \
        _lazy_pending, \
        ChatCompletionAllowedToolsChoice, \
        ChatCompletionFunctionCallOption, \
        ChatCompletionFunctions, \
        ChatCompletionNamedToolChoice, \
        ChatCompletionNamedToolChoiceCustom, \
        ChatCompletionRequestAssistantMessage, \
        ChatCompletionRequestDeveloperMessage, \
        ChatCompletionRequestFunctionMessage, \
        ChatCompletionRequestSystemMessage, \
        ChatCompletionRequestToolMessage, \
        ChatCompletionRequestUserMessage, \
        ChatCompletionStreamOptionsType0, \
        ChatCompletionTool, \
        CreateChatCompletionRequestAudioType0, \
        CreateChatCompletionRequestLogitBiasType0, \
        CreateChatCompletionRequestWebSearchOptions, \
        CustomToolChatCompletions, \
        MetadataType0, \
        ModerationParam, \
        PredictionContent, \
        PromptCacheOptionsParam, \
        ResponseFormatJsonObject, \
        ResponseFormatJsonSchema, \
        ResponseFormatText
    from ..models.chat_completion_allowed_tools_choice import ChatCompletionAllowedToolsChoice
    from ..models.chat_completion_function_call_option import ChatCompletionFunctionCallOption
    from ..models.chat_completion_functions import ChatCompletionFunctions
    from ..models.chat_completion_named_tool_choice import ChatCompletionNamedToolChoice
    from ..models.chat_completion_named_tool_choice_custom import ChatCompletionNamedToolChoiceCustom
    from ..models.chat_completion_request_assistant_message import ChatCompletionRequestAssistantMessage
    from ..models.chat_completion_request_developer_message import ChatCompletionRequestDeveloperMessage
    from ..models.chat_completion_request_function_message import ChatCompletionRequestFunctionMessage
    from ..models.chat_completion_request_system_message import ChatCompletionRequestSystemMessage
    from ..models.chat_completion_request_tool_message import ChatCompletionRequestToolMessage
    from ..models.chat_completion_request_user_message import ChatCompletionRequestUserMessage
    from ..models.chat_completion_stream_options_type_0 import ChatCompletionStreamOptionsType0
    from ..models.chat_completion_tool import ChatCompletionTool
    from ..models.create_chat_completion_request_audio_type_0 import CreateChatCompletionRequestAudioType0
    from ..models.create_chat_completion_request_logit_bias_type_0 import CreateChatCompletionRequestLogitBiasType0
    from ..models.create_chat_completion_request_web_search_options import CreateChatCompletionRequestWebSearchOptions
    from ..models.custom_tool_chat_completions import CustomToolChatCompletions
    from ..models.metadata_type_0 import MetadataType0
    from ..models.moderation_param import ModerationParam
    from ..models.prediction_content import PredictionContent
    from ..models.prompt_cache_options_param import PromptCacheOptionsParam
    from ..models.response_format_json_object import ResponseFormatJsonObject
    from ..models.response_format_json_schema import ResponseFormatJsonSchema
    from ..models.response_format_text import ResponseFormatText

    _lazy_pending = False


_KEYS = frozenset(
    {
        "messages",
        "model",
        "metadata",
        "top_logprobs",
        "temperature",
        "top_p",
        "user",
        "safety_identifier",
        "prompt_cache_key",
        "prompt_cache_retention",
        "prompt_cache_options",
        "service_tier",
        "modalities",
        "verbosity",
        "reasoning_effort",
        "max_completion_tokens",
        "frequency_penalty",
        "presence_penalty",
        "web_search_options",
        "response_format",
        "audio",
        "store",
        "moderation",
        "stream",
        "stop",
        "logit_bias",
        "logprobs",
        "max_tokens",
        "n",
        "prediction",
        "seed",
        "stream_options",
        "tools",
        "tool_choice",
        "parallel_tool_calls",
        "function_call",
        "functions",
    }
)


T = TypeVar("T", bound="CreateChatCompletionRequest")


@_attrs_define
class CreateChatCompletionRequest(Model):
    messages: list[
        ChatCompletionRequestAssistantMessage
        | ChatCompletionRequestDeveloperMessage
        | ChatCompletionRequestFunctionMessage
        | ChatCompletionRequestSystemMessage
        | ChatCompletionRequestToolMessage
        | ChatCompletionRequestUserMessage
    ]
    model: str
    metadata: MetadataType0 | None | Unset = UNSET
    top_logprobs: int | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    user: str | Unset = UNSET
    safety_identifier: None | str | Unset = UNSET
    prompt_cache_key: None | str | Unset = UNSET
    prompt_cache_retention: CreateChatCompletionRequestPromptCacheRetentionType0 | None | Unset = UNSET
    prompt_cache_options: PromptCacheOptionsParam | Unset = UNSET
    service_tier: None | ServiceTierType0 | Unset = UNSET
    modalities: list[ResponseModalitiesType0Item] | None | Unset = UNSET
    verbosity: None | Unset | VerbosityType0 = UNSET
    reasoning_effort: None | ReasoningEffortType0 | Unset = UNSET
    max_completion_tokens: int | None | Unset = UNSET
    frequency_penalty: float | None | Unset = UNSET
    """ Server default: `0`. """
    presence_penalty: float | None | Unset = UNSET
    """ Server default: `0`. """
    web_search_options: CreateChatCompletionRequestWebSearchOptions | Unset = UNSET
    response_format: ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText | Unset = UNSET
    audio: CreateChatCompletionRequestAudioType0 | None | Unset = UNSET
    store: bool | None | Unset = UNSET
    """ Server default: `false`. """
    moderation: ModerationParam | None | Unset = UNSET
    stream: bool | None | Unset = UNSET
    """ Server default: `false`. """
    stop: list[str] | None | str | Unset = UNSET
    logit_bias: CreateChatCompletionRequestLogitBiasType0 | None | Unset = UNSET
    logprobs: bool | None | Unset = UNSET
    """ Server default: `false`. """
    max_tokens: int | None | Unset = UNSET
    n: int | None | Unset = UNSET
    """ Server default: `1`. """
    prediction: None | PredictionContent | Unset = UNSET
    seed: int | None | Unset = UNSET
    stream_options: ChatCompletionStreamOptionsType0 | None | Unset = UNSET
    tools: list[ChatCompletionTool | CustomToolChatCompletions] | Unset = UNSET
    tool_choice: (
        ChatCompletionAllowedToolsChoice
        | ChatCompletionNamedToolChoice
        | ChatCompletionNamedToolChoiceCustom
        | ChatCompletionToolChoiceOptionType0
        | Unset
    ) = UNSET
    parallel_tool_calls: bool | Unset = UNSET
    """ Server default: `true`. """
    function_call: ChatCompletionFunctionCallOption | CreateChatCompletionRequestFunctionCallType0 | Unset = UNSET
    functions: list[ChatCompletionFunctions] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> dict[str, Any]:
        """The JSON object, keys by their API names: what was sent or set (see `model_dump` for the flags)."""
        if exclude_none or not exclude_unset:
            return dump_model(self, exclude_unset, exclude_none)
        if _lazy_pending:
            _import_lazy()

        messages = []
        for messages_item_data in self.messages:
            messages_item: dict[str, Any]
            if isinstance(messages_item_data, ChatCompletionRequestDeveloperMessage):
                messages_item = messages_item_data.to_dict()
            elif isinstance(messages_item_data, ChatCompletionRequestSystemMessage):
                messages_item = messages_item_data.to_dict()
            elif isinstance(messages_item_data, ChatCompletionRequestUserMessage):
                messages_item = messages_item_data.to_dict()
            elif isinstance(messages_item_data, ChatCompletionRequestAssistantMessage):
                messages_item = messages_item_data.to_dict()
            elif isinstance(messages_item_data, ChatCompletionRequestToolMessage):
                messages_item = messages_item_data.to_dict()
            else:
                messages_item = messages_item_data.to_dict()

            messages.append(messages_item)

        model = self.model

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, MetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        top_logprobs: int | None | Unset
        if isinstance(self.top_logprobs, Unset):
            top_logprobs = UNSET
        else:
            top_logprobs = self.top_logprobs

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        top_p: float | None | Unset
        if isinstance(self.top_p, Unset):
            top_p = UNSET
        else:
            top_p = self.top_p

        user = self.user

        safety_identifier: None | str | Unset
        if isinstance(self.safety_identifier, Unset):
            safety_identifier = UNSET
        else:
            safety_identifier = self.safety_identifier

        prompt_cache_key: None | str | Unset
        if isinstance(self.prompt_cache_key, Unset):
            prompt_cache_key = UNSET
        else:
            prompt_cache_key = self.prompt_cache_key

        prompt_cache_retention: None | str | Unset
        if isinstance(self.prompt_cache_retention, Unset):
            prompt_cache_retention = UNSET
        elif isinstance(self.prompt_cache_retention, str):
            prompt_cache_retention = self.prompt_cache_retention
        else:
            prompt_cache_retention = self.prompt_cache_retention

        prompt_cache_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prompt_cache_options, Unset):
            prompt_cache_options = self.prompt_cache_options.to_dict()

        service_tier: None | str | Unset
        if isinstance(self.service_tier, Unset):
            service_tier = UNSET
        elif isinstance(self.service_tier, str):
            service_tier = self.service_tier
        else:
            service_tier = self.service_tier

        modalities: list[str] | None | Unset
        if isinstance(self.modalities, Unset):
            modalities = UNSET
        elif isinstance(self.modalities, list):
            modalities = []
            for componentsschemas_response_modalities_type_0_item_data in self.modalities:
                componentsschemas_response_modalities_type_0_item: str = (
                    componentsschemas_response_modalities_type_0_item_data
                )
                modalities.append(componentsschemas_response_modalities_type_0_item)

        else:
            modalities = self.modalities

        verbosity: None | str | Unset
        if isinstance(self.verbosity, Unset):
            verbosity = UNSET
        elif isinstance(self.verbosity, str):
            verbosity = self.verbosity
        else:
            verbosity = self.verbosity

        reasoning_effort: None | str | Unset
        if isinstance(self.reasoning_effort, Unset):
            reasoning_effort = UNSET
        elif isinstance(self.reasoning_effort, str):
            reasoning_effort = self.reasoning_effort
        else:
            reasoning_effort = self.reasoning_effort

        max_completion_tokens: int | None | Unset
        if isinstance(self.max_completion_tokens, Unset):
            max_completion_tokens = UNSET
        else:
            max_completion_tokens = self.max_completion_tokens

        frequency_penalty: float | None | Unset
        if isinstance(self.frequency_penalty, Unset):
            frequency_penalty = UNSET
        else:
            frequency_penalty = self.frequency_penalty

        presence_penalty: float | None | Unset
        if isinstance(self.presence_penalty, Unset):
            presence_penalty = UNSET
        else:
            presence_penalty = self.presence_penalty

        web_search_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.web_search_options, Unset):
            web_search_options = self.web_search_options.to_dict()

        response_format: dict[str, Any] | Unset
        if isinstance(self.response_format, Unset):
            response_format = UNSET
        elif isinstance(self.response_format, ResponseFormatText):
            response_format = self.response_format.to_dict()
        elif isinstance(self.response_format, ResponseFormatJsonSchema):
            response_format = self.response_format.to_dict()
        else:
            response_format = self.response_format.to_dict()

        audio: dict[str, Any] | None | Unset
        if isinstance(self.audio, Unset):
            audio = UNSET
        elif isinstance(self.audio, CreateChatCompletionRequestAudioType0):
            audio = self.audio.to_dict()
        else:
            audio = self.audio

        store: bool | None | Unset
        if isinstance(self.store, Unset):
            store = UNSET
        else:
            store = self.store

        moderation: dict[str, Any] | None | Unset
        if isinstance(self.moderation, Unset):
            moderation = UNSET
        elif isinstance(self.moderation, ModerationParam):
            moderation = self.moderation.to_dict()
        else:
            moderation = self.moderation

        stream: bool | None | Unset
        if isinstance(self.stream, Unset):
            stream = UNSET
        else:
            stream = self.stream

        stop: list[str] | None | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop

        else:
            stop = self.stop

        logit_bias: dict[str, Any] | None | Unset
        if isinstance(self.logit_bias, Unset):
            logit_bias = UNSET
        elif isinstance(self.logit_bias, CreateChatCompletionRequestLogitBiasType0):
            logit_bias = self.logit_bias.to_dict()
        else:
            logit_bias = self.logit_bias

        logprobs: bool | None | Unset
        if isinstance(self.logprobs, Unset):
            logprobs = UNSET
        else:
            logprobs = self.logprobs

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        n: int | None | Unset
        if isinstance(self.n, Unset):
            n = UNSET
        else:
            n = self.n

        prediction: dict[str, Any] | None | Unset
        if isinstance(self.prediction, Unset):
            prediction = UNSET
        elif isinstance(self.prediction, PredictionContent):
            prediction = self.prediction.to_dict()
        else:
            prediction = self.prediction

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        stream_options: dict[str, Any] | None | Unset
        if isinstance(self.stream_options, Unset):
            stream_options = UNSET
        elif isinstance(self.stream_options, ChatCompletionStreamOptionsType0):
            stream_options = self.stream_options.to_dict()
        else:
            stream_options = self.stream_options

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item: dict[str, Any]
                if isinstance(tools_item_data, ChatCompletionTool):
                    tools_item = tools_item_data.to_dict()
                else:
                    tools_item = tools_item_data.to_dict()

                tools.append(tools_item)

        tool_choice: dict[str, Any] | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, str):
            tool_choice = self.tool_choice
        elif isinstance(self.tool_choice, ChatCompletionAllowedToolsChoice):
            tool_choice = self.tool_choice.to_dict()
        elif isinstance(self.tool_choice, ChatCompletionNamedToolChoice):
            tool_choice = self.tool_choice.to_dict()
        else:
            tool_choice = self.tool_choice.to_dict()

        parallel_tool_calls = self.parallel_tool_calls

        function_call: dict[str, Any] | str | Unset
        if isinstance(self.function_call, Unset):
            function_call = UNSET
        elif isinstance(self.function_call, str):
            function_call = self.function_call
        else:
            function_call = self.function_call.to_dict()

        functions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.functions, Unset):
            functions = []
            for functions_item_data in self.functions:
                functions_item = functions_item_data.to_dict()
                functions.append(functions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
                "model": model,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if top_logprobs is not UNSET:
            field_dict["top_logprobs"] = top_logprobs
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if user is not UNSET:
            field_dict["user"] = user
        if safety_identifier is not UNSET:
            field_dict["safety_identifier"] = safety_identifier
        if prompt_cache_key is not UNSET:
            field_dict["prompt_cache_key"] = prompt_cache_key
        if prompt_cache_retention is not UNSET:
            field_dict["prompt_cache_retention"] = prompt_cache_retention
        if prompt_cache_options is not UNSET:
            field_dict["prompt_cache_options"] = prompt_cache_options
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if modalities is not UNSET:
            field_dict["modalities"] = modalities
        if verbosity is not UNSET:
            field_dict["verbosity"] = verbosity
        if reasoning_effort is not UNSET:
            field_dict["reasoning_effort"] = reasoning_effort
        if max_completion_tokens is not UNSET:
            field_dict["max_completion_tokens"] = max_completion_tokens
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if web_search_options is not UNSET:
            field_dict["web_search_options"] = web_search_options
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if audio is not UNSET:
            field_dict["audio"] = audio
        if store is not UNSET:
            field_dict["store"] = store
        if moderation is not UNSET:
            field_dict["moderation"] = moderation
        if stream is not UNSET:
            field_dict["stream"] = stream
        if stop is not UNSET:
            field_dict["stop"] = stop
        if logit_bias is not UNSET:
            field_dict["logit_bias"] = logit_bias
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if n is not UNSET:
            field_dict["n"] = n
        if prediction is not UNSET:
            field_dict["prediction"] = prediction
        if seed is not UNSET:
            field_dict["seed"] = seed
        if stream_options is not UNSET:
            field_dict["stream_options"] = stream_options
        if tools is not UNSET:
            field_dict["tools"] = tools
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if function_call is not UNSET:
            field_dict["function_call"] = function_call
        if functions is not UNSET:
            field_dict["functions"] = functions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if _lazy_pending:
            _import_lazy()

        try:
            messages: Any = src_dict["messages"]
        except KeyError:
            messages = None
            missing(src_dict, "messages")
        else:
            if messages is None:
                missing(src_dict, "messages")
            else:
                messages = [_parse_messages_item(messages_item_data) for messages_item_data in messages]

        try:
            model: Any = src_dict["model"]
        except KeyError:
            model = None
            missing(src_dict, "model")
        else:
            if model is None:
                missing(src_dict, "model")

        metadata: Any = src_dict.get("metadata", UNSET)
        if metadata is not UNSET and metadata is not None:
            if isinstance(metadata, dict):
                try:
                    metadata = MetadataType0.from_dict(metadata)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        top_logprobs: Any = src_dict.get("top_logprobs", UNSET)

        temperature: Any = src_dict.get("temperature", UNSET)

        top_p: Any = src_dict.get("top_p", UNSET)

        user: Any = src_dict.get("user", UNSET)

        safety_identifier: Any = src_dict.get("safety_identifier", UNSET)

        prompt_cache_key: Any = src_dict.get("prompt_cache_key", UNSET)

        prompt_cache_retention: Any = src_dict.get("prompt_cache_retention", UNSET)
        if prompt_cache_retention is not UNSET and prompt_cache_retention is not None:
            if isinstance(prompt_cache_retention, str):
                try:
                    prompt_cache_retention = check_create_chat_completion_request_prompt_cache_retention_type_0(
                        prompt_cache_retention
                    )
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        prompt_cache_options: Any = src_dict.get("prompt_cache_options", UNSET)
        if prompt_cache_options is not UNSET:
            prompt_cache_options = PromptCacheOptionsParam.from_dict(prompt_cache_options)

        service_tier: Any = src_dict.get("service_tier", UNSET)
        if service_tier is not UNSET and service_tier is not None:
            if isinstance(service_tier, str):
                try:
                    service_tier = check_service_tier_type_0(service_tier)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        modalities: Any = src_dict.get("modalities", UNSET)
        if modalities is not UNSET and modalities is not None:
            if isinstance(modalities, list):
                try:
                    modalities = [
                        check_response_modalities_type_0_item(componentsschemas_response_modalities_type_0_item_data)
                        for componentsschemas_response_modalities_type_0_item_data in modalities
                    ]
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        verbosity: Any = src_dict.get("verbosity", UNSET)
        if verbosity is not UNSET and verbosity is not None:
            if isinstance(verbosity, str):
                try:
                    verbosity = check_verbosity_type_0(verbosity)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        reasoning_effort: Any = src_dict.get("reasoning_effort", UNSET)
        if reasoning_effort is not UNSET and reasoning_effort is not None:
            if isinstance(reasoning_effort, str):
                try:
                    reasoning_effort = check_reasoning_effort_type_0(reasoning_effort)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        max_completion_tokens: Any = src_dict.get("max_completion_tokens", UNSET)

        frequency_penalty: Any = src_dict.get("frequency_penalty", UNSET)

        presence_penalty: Any = src_dict.get("presence_penalty", UNSET)

        web_search_options: Any = src_dict.get("web_search_options", UNSET)
        if web_search_options is not UNSET:
            web_search_options = CreateChatCompletionRequestWebSearchOptions.from_dict(web_search_options)

        response_format: Any = src_dict.get("response_format", UNSET)
        if response_format is not UNSET:
            response_format = _parse_response_format(response_format)

        audio: Any = src_dict.get("audio", UNSET)
        if audio is not UNSET and audio is not None:
            if isinstance(audio, dict):
                try:
                    audio = CreateChatCompletionRequestAudioType0.from_dict(audio)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        store: Any = src_dict.get("store", UNSET)

        moderation: Any = src_dict.get("moderation", UNSET)
        if moderation is not UNSET and moderation is not None:
            if isinstance(moderation, dict):
                try:
                    moderation = ModerationParam.from_dict(moderation)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        stream: Any = src_dict.get("stream", UNSET)

        stop: Any = src_dict.get("stop", UNSET)

        logit_bias: Any = src_dict.get("logit_bias", UNSET)
        if logit_bias is not UNSET and logit_bias is not None:
            if isinstance(logit_bias, dict):
                try:
                    logit_bias = CreateChatCompletionRequestLogitBiasType0.from_dict(logit_bias)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        logprobs: Any = src_dict.get("logprobs", UNSET)

        max_tokens: Any = src_dict.get("max_tokens", UNSET)

        n: Any = src_dict.get("n", UNSET)

        prediction: Any = src_dict.get("prediction", UNSET)
        if prediction is not UNSET and prediction is not None:
            if isinstance(prediction, dict):
                try:
                    prediction = PredictionContent.from_dict(prediction)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        seed: Any = src_dict.get("seed", UNSET)

        stream_options: Any = src_dict.get("stream_options", UNSET)
        if stream_options is not UNSET and stream_options is not None:
            if isinstance(stream_options, dict):
                try:
                    stream_options = ChatCompletionStreamOptionsType0.from_dict(stream_options)
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass

        tools: Any = src_dict.get("tools", UNSET)
        if tools is not UNSET:
            tools = [_parse_tools_item(tools_item_data) for tools_item_data in tools]

        tool_choice: Any = src_dict.get("tool_choice", UNSET)
        if tool_choice is not UNSET:
            tool_choice = _parse_tool_choice(tool_choice)

        parallel_tool_calls: Any = src_dict.get("parallel_tool_calls", UNSET)

        function_call: Any = src_dict.get("function_call", UNSET)
        if function_call is not UNSET:
            function_call = _parse_function_call(function_call)

        functions: Any = src_dict.get("functions", UNSET)
        if functions is not UNSET:
            functions = [ChatCompletionFunctions.from_dict(functions_item_data) for functions_item_data in functions]

        create_chat_completion_request = cls(
            messages,
            model,
            metadata,
            top_logprobs,
            temperature,
            top_p,
            user,
            safety_identifier,
            prompt_cache_key,
            prompt_cache_retention,
            prompt_cache_options,
            service_tier,
            modalities,
            verbosity,
            reasoning_effort,
            max_completion_tokens,
            frequency_penalty,
            presence_penalty,
            web_search_options,
            response_format,
            audio,
            store,
            moderation,
            stream,
            stop,
            logit_bias,
            logprobs,
            max_tokens,
            n,
            prediction,
            seed,
            stream_options,
            tools,
            tool_choice,
            parallel_tool_calls,
            function_call,
            functions,
        )
        if not _KEYS.issuperset(src_dict):
            create_chat_completion_request.additional_properties = {
                prop_name: prop_dict for prop_name, prop_dict in src_dict.items() if prop_name not in _KEYS
            }
        return create_chat_completion_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


def _parse_messages_item(
    data: object,
) -> (
    ChatCompletionRequestAssistantMessage
    | ChatCompletionRequestDeveloperMessage
    | ChatCompletionRequestFunctionMessage
    | ChatCompletionRequestSystemMessage
    | ChatCompletionRequestToolMessage
    | ChatCompletionRequestUserMessage
):
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestDeveloperMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestSystemMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestUserMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestAssistantMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestToolMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionRequestFunctionMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of ChatCompletionRequestAssistantMessage | ChatCompletionRequestDeveloperMessage | ChatCompletionRequestFunctionMessage | ChatCompletionRequestSystemMessage | ChatCompletionRequestToolMessage | ChatCompletionRequestUserMessage"
    )
    if isinstance(data, dict):
        if names_variant(ChatCompletionRequestDeveloperMessage, data):
            try:
                return ChatCompletionRequestDeveloperMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestSystemMessage, data):
            try:
                return ChatCompletionRequestSystemMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestUserMessage, data):
            try:
                return ChatCompletionRequestUserMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestAssistantMessage, data):
            try:
                return ChatCompletionRequestAssistantMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestToolMessage, data):
            try:
                return ChatCompletionRequestToolMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionRequestFunctionMessage, data):
            try:
                return ChatCompletionRequestFunctionMessage.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionRequestDeveloperMessage.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestSystemMessage.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestUserMessage.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestAssistantMessage.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestToolMessage.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionRequestFunctionMessage.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(
        ChatCompletionRequestAssistantMessage
        | ChatCompletionRequestDeveloperMessage
        | ChatCompletionRequestFunctionMessage
        | ChatCompletionRequestSystemMessage
        | ChatCompletionRequestToolMessage
        | ChatCompletionRequestUserMessage,
        data,
    )


def _parse_response_format(
    data: object,
) -> ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText | Unset:
    if data is UNSET:
        return UNSET
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ResponseFormatText.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ResponseFormatJsonSchema.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ResponseFormatJsonObject.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText"
    )
    if isinstance(data, dict):
        if names_variant(ResponseFormatText, data):
            try:
                return ResponseFormatText.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ResponseFormatJsonSchema, data):
            try:
                return ResponseFormatJsonSchema.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ResponseFormatJsonObject, data):
            try:
                return ResponseFormatJsonObject.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ResponseFormatText.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ResponseFormatJsonSchema.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ResponseFormatJsonObject.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText | Unset, data)


def _parse_tools_item(data: object) -> ChatCompletionTool | CustomToolChatCompletions:
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, dict):
            try:
                return ChatCompletionTool.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return CustomToolChatCompletions.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(f"{type(data).__name__} value is none of ChatCompletionTool | CustomToolChatCompletions")
    if isinstance(data, dict):
        if names_variant(ChatCompletionTool, data):
            try:
                return ChatCompletionTool.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(CustomToolChatCompletions, data):
            try:
                return CustomToolChatCompletions.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionTool.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return CustomToolChatCompletions.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(ChatCompletionTool | CustomToolChatCompletions, data)


def _parse_tool_choice(
    data: object,
) -> (
    ChatCompletionAllowedToolsChoice
    | ChatCompletionNamedToolChoice
    | ChatCompletionNamedToolChoiceCustom
    | ChatCompletionToolChoiceOptionType0
    | Unset
):
    if data is UNSET:
        return UNSET
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, str):
            try:
                return check_chat_completion_tool_choice_option_type_0(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionAllowedToolsChoice.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionNamedToolChoice.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionNamedToolChoiceCustom.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of ChatCompletionAllowedToolsChoice | ChatCompletionNamedToolChoice | ChatCompletionNamedToolChoiceCustom | ChatCompletionToolChoiceOptionType0"
    )
    if isinstance(data, dict):
        if names_variant(ChatCompletionAllowedToolsChoice, data):
            try:
                return ChatCompletionAllowedToolsChoice.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionNamedToolChoice, data):
            try:
                return ChatCompletionNamedToolChoice.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if names_variant(ChatCompletionNamedToolChoiceCustom, data):
            try:
                return ChatCompletionNamedToolChoiceCustom.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionAllowedToolsChoice.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionNamedToolChoice.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            return ChatCompletionNamedToolChoiceCustom.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(
        ChatCompletionAllowedToolsChoice
        | ChatCompletionNamedToolChoice
        | ChatCompletionNamedToolChoiceCustom
        | ChatCompletionToolChoiceOptionType0
        | Unset,
        data,
    )


def _parse_function_call(
    data: object,
) -> ChatCompletionFunctionCallOption | CreateChatCompletionRequestFunctionCallType0 | Unset:
    if data is UNSET:
        return UNSET
    # The variants are tried strictly first (a tolerated mismatch would let the first one take any object); an object
    # none of them reads strictly raises if parsing is strict, else is read tolerantly (see tolerant_variants).
    token = STRICT.set(True)
    try:
        if isinstance(data, str):
            try:
                return check_create_chat_completion_request_function_call_type_0(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        if isinstance(data, dict):
            try:
                return ChatCompletionFunctionCallOption.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
    finally:
        STRICT.reset(token)
    tolerate(
        f"{type(data).__name__} value is none of ChatCompletionFunctionCallOption | CreateChatCompletionRequestFunctionCallType0"
    )
    if isinstance(data, dict):
        if names_variant(ChatCompletionFunctionCallOption, data):
            try:
                return ChatCompletionFunctionCallOption.from_dict(data)
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
        try:
            return ChatCompletionFunctionCallOption.from_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass

    return cast(ChatCompletionFunctionCallOption | CreateChatCompletionRequestFunctionCallType0 | Unset, data)
