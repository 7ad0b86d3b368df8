"""`client.chat.completions.stream()`: typed events over a stream's chunks, as `openai`'s stream helper yields them.

The chunks go through the SDK's `ChatCompletionAccumulator`; each event's snapshot is read from the completion it
has built so far. Content and tool arguments are parsed as they grow (partial JSON, through jiter, as `openai` does)
and decoded into the `response_format` type or the tool's type when done.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from ._accumulate import ChatCompletionAccumulator
from ._structured import check_finish, codec, parse_arguments, parse_completion, with_parsed

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from chat_completions_api.models.chat_completion_token_logprob import ChatCompletionTokenLogprob
    from chat_completions_api.models.create_chat_completion_stream_response import (
        CreateChatCompletionStreamResponse,
    )

    from ._streaming import AsyncStream, Stream
    from ._structured import ParsedChatCompletion

    StreamOpener = Callable[[], Stream]
    AsyncStreamOpener = Callable[[], Awaitable[AsyncStream]]

T = TypeVar("T")


class _Event:
    """`to_dict`/`to_json`/`model_dump`/`model_dump_json` of an event, as `openai`'s events (pydantic models) have
    them: `type` first, then the fields in order; models, parsed values and tokens as JSON."""

    __slots__ = ()

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False, **flags: Any) -> dict[str, Any]:
        """The event as a dict (`exclude_none` leaves out fields that are None; other flags as the models take)."""
        from dataclasses import fields

        from chat_completions_api.types import dump_value

        names = ["type", *(f.name for f in fields(self) if f.name != "type")]  # type: ignore[arg-type]
        out = {name: dump_value(getattr(self, name), False, exclude_none) for name in names}
        return {k: v for k, v in out.items() if not (exclude_none and v is None)}

    to_dict = model_dump

    def model_dump_json(self, *, indent: int | None = None, **flags: Any) -> str:
        """`model_dump()` as a JSON string (compact unless `indent` is given)."""
        import json

        data = self.model_dump(**flags)
        return json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))

    def to_json(self, *, indent: int | None = 2, **flags: Any) -> str:
        """The JSON text of the event, indented by 2 unless told otherwise."""
        return self.model_dump_json(indent=indent, **flags)


@dataclass(slots=True)
class ChunkEvent(_Event):
    """A chunk came; `snapshot` is the completion so far."""

    chunk: CreateChatCompletionStreamResponse
    snapshot: ParsedChatCompletion[Any]
    type: Literal["chunk"] = "chunk"


@dataclass(slots=True)
class ContentDeltaEvent(_Event):
    """More content: `delta`, the content so far (`snapshot`) and, with a `response_format` type, its partial JSON."""

    delta: str
    snapshot: str
    parsed: object | None = None
    type: Literal["content.delta"] = "content.delta"


@dataclass(slots=True)
class ContentDoneEvent(_Event, Generic[T]):
    """The content is complete: `parsed` is an instance of the `response_format` type (None without one)."""

    content: str
    parsed: T | None = None
    type: Literal["content.done"] = "content.done"


@dataclass(slots=True)
class RefusalDeltaEvent(_Event):
    """More of a refusal."""

    delta: str
    snapshot: str
    type: Literal["refusal.delta"] = "refusal.delta"


@dataclass(slots=True)
class RefusalDoneEvent(_Event):
    """The refusal is complete."""

    refusal: str
    type: Literal["refusal.done"] = "refusal.done"


@dataclass(slots=True)
class FunctionToolCallArgumentsDeltaEvent(_Event):
    """More arguments of the function call at `index`; `parsed_arguments` their partial JSON (strict tools only)."""

    name: str
    index: int
    arguments: str
    parsed_arguments: object
    arguments_delta: str
    type: Literal["tool_calls.function.arguments.delta"] = "tool_calls.function.arguments.delta"


@dataclass(slots=True)
class FunctionToolCallArgumentsDoneEvent(_Event):
    """A function call's arguments are complete; `parsed_arguments` as in `parse()`."""

    name: str
    index: int
    arguments: str
    parsed_arguments: object
    type: Literal["tool_calls.function.arguments.done"] = "tool_calls.function.arguments.done"


@dataclass(slots=True)
class LogprobsContentDeltaEvent(_Event):
    """More content log probabilities (`content`), and all so far (`snapshot`)."""

    content: list[ChatCompletionTokenLogprob]
    snapshot: list[ChatCompletionTokenLogprob]
    type: Literal["logprobs.content.delta"] = "logprobs.content.delta"


@dataclass(slots=True)
class LogprobsContentDoneEvent(_Event):
    """The content log probabilities are complete."""

    content: list[ChatCompletionTokenLogprob]
    type: Literal["logprobs.content.done"] = "logprobs.content.done"


@dataclass(slots=True)
class LogprobsRefusalDeltaEvent(_Event):
    """More refusal log probabilities."""

    refusal: list[ChatCompletionTokenLogprob]
    snapshot: list[ChatCompletionTokenLogprob]
    type: Literal["logprobs.refusal.delta"] = "logprobs.refusal.delta"


@dataclass(slots=True)
class LogprobsRefusalDoneEvent(_Event):
    """The refusal log probabilities are complete."""

    refusal: list[ChatCompletionTokenLogprob]
    type: Literal["logprobs.refusal.done"] = "logprobs.refusal.done"


ChatCompletionStreamEvent = (
    ChunkEvent
    | ContentDeltaEvent
    | ContentDoneEvent[T]
    | RefusalDeltaEvent
    | RefusalDoneEvent
    | FunctionToolCallArgumentsDeltaEvent
    | FunctionToolCallArgumentsDoneEvent
    | LogprobsContentDeltaEvent
    | LogprobsContentDoneEvent
    | LogprobsRefusalDeltaEvent
    | LogprobsRefusalDoneEvent
)


def _partial_json(text: str) -> object:
    from jiter import from_json

    return from_json(text.encode(), partial_mode=True)


@dataclass
class _Choice:
    """What has been announced of one choice: the partial values and which `done` events were sent."""

    parsed: object = None
    arguments: dict[int, object] = field(default_factory=dict)
    content_done: bool = False
    refusal_done: bool = False
    logprobs_content_done: bool = False
    logprobs_refusal_done: bool = False
    tools_done: set[int] = field(default_factory=set)
    tool: int | None = None


class ChatCompletionStreamState(Generic[T]):
    """Turns chunks into events (`handle_chunk`) on a `ChatCompletionAccumulator`; usable on a plain
    `create(stream=True)` too, as `openai`'s class of the same name."""

    def __init__(self, *, input_tools: Iterable[Mapping[str, Any]] = (), response_format: Any = None) -> None:
        self._accumulator = ChatCompletionAccumulator()
        self._format = response_format if isinstance(response_format, type) else None
        self._tools = list(input_tools)
        functions = [t.get("function") or {} for t in self._tools if t.get("type") == "function"]
        self._strict_names = {f.get("name") for f in functions if f.get("strict")}
        self._parseable = self._format is not None or bool(self._strict_names)
        self._choices: dict[int, _Choice] = {}
        self._snapshot: ParsedChatCompletion[T] | None = None

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletion[T]:
        """The completion as far as the chunks go."""
        if self._snapshot is None:
            raise ValueError("no chunks were handled")
        return self._snapshot

    def get_final_completion(self) -> ParsedChatCompletion[T]:
        """The parsed completion the chunks add up to (as `parse()` returns it); call it once the stream ended."""
        return parse_completion(self._accumulator.completion(), self._format, self._tools)

    def handle_chunk(self, chunk: CreateChatCompletionStreamResponse) -> list[ChatCompletionStreamEvent[T]]:
        """Take one chunk; the events it brings, in `openai`'s order."""
        self._accumulator.add(chunk)
        raw = self._accumulator.completion(partial=True)
        if self._parseable:
            for choice in chunk.choices or ():
                check_finish(choice.finish_reason, raw)
        by_index = {c.index: c for c in raw.choices}
        events: list[ChatCompletionStreamEvent[T]] = []
        for choice in chunk.choices or ():
            state = self._choices.setdefault(choice.index, _Choice())
            self._partial(state, by_index[choice.index].message, choice)
            events += self._choice_events(choice, by_index[choice.index], state)
        snapshot = self._snapshot = with_parsed(raw, self._parsed_now, self._arguments_now)
        return [ChunkEvent(chunk, snapshot), *events]

    def _parsed_now(self, index: int, message: Any) -> object:
        return self._choices[index].parsed if index in self._choices else None

    def _arguments_now(self, index: int, position: int, function: tuple[Any, str]) -> object:
        return self._choices[index].arguments.get(position) if index in self._choices else None

    def _partial(self, state: _Choice, message: Any, choice: Any) -> None:
        """Update the partial JSON of the content and of the strict tools' arguments."""
        content = message.content
        if self._format is not None and content and not message.refusal and content.lstrip():
            state.parsed = _partial_json(content)
        delta = choice.delta
        for part in (delta.tool_calls if delta else None) or ():
            function = getattr(_call(message, part.index), "function", None)
            if function is not None and function.name in self._strict_names and function.arguments:
                state.arguments[part.index] = _partial_json(function.arguments)

    def _choice_events(self, chunk_choice: Any, choice: Any, state: _Choice) -> list[ChatCompletionStreamEvent[T]]:
        events: list[ChatCompletionStreamEvent[T]] = []
        message, delta = choice.message, chunk_choice.delta
        if delta is not None:
            if isinstance(delta.content, str) and message.content is not None:
                events.append(ContentDeltaEvent(delta.content, message.content, state.parsed))
            if isinstance(delta.refusal, str) and message.refusal is not None:
                events.append(RefusalDeltaEvent(delta.refusal, message.refusal))
            for part in delta.tool_calls or ():
                call = _call(message, part.index)
                if getattr(call, "function", None) is not None:
                    more = (part.function.arguments if part.function else None) or ""
                    function = call.function
                    events.append(
                        FunctionToolCallArgumentsDeltaEvent(
                            function.name, part.index, function.arguments, state.arguments.get(part.index), more
                        )
                    )
        logprobs, seen = chunk_choice.logprobs, choice.logprobs
        if logprobs and seen:
            if logprobs.content and seen.content:
                events.append(LogprobsContentDeltaEvent(logprobs.content, seen.content))
            if logprobs.refusal and seen.refusal:
                events.append(LogprobsRefusalDeltaEvent(logprobs.refusal, seen.refusal))
        events += self._done_events(chunk_choice, choice, state)
        return events

    def _done_events(self, chunk_choice: Any, choice: Any, state: _Choice) -> list[ChatCompletionStreamEvent[T]]:
        events: list[ChatCompletionStreamEvent[T]] = []
        if choice.finish_reason:
            events += self._content_done(choice, state)
            if state.tool is not None and state.tool not in state.tools_done:
                events += self._tool_done(choice, state, state.tool)
        parts = chunk_choice.delta.tool_calls if chunk_choice.delta else None
        for part in parts or ():
            if state.tool != part.index:
                events += self._content_done(choice, state)
                if state.tool is not None:
                    events += self._tool_done(choice, state, state.tool)
            state.tool = part.index
        return events

    def _content_done(self, choice: Any, state: _Choice) -> list[ChatCompletionStreamEvent[T]]:
        events: list[ChatCompletionStreamEvent[T]] = []
        message = choice.message
        if message.content and not state.content_done:
            state.content_done = True
            parsed: Any = None
            if self._format is not None and not message.refusal:
                parsed = codec(self._format).decode(message.content)
            state.parsed = parsed
            events.append(ContentDoneEvent(message.content, parsed))
        if message.refusal is not None and not state.refusal_done:
            state.refusal_done = True
            events.append(RefusalDoneEvent(message.refusal))
        logprobs = choice.logprobs
        if logprobs is not None and logprobs.content is not None and not state.logprobs_content_done:
            state.logprobs_content_done = True
            events.append(LogprobsContentDoneEvent(logprobs.content))
        if logprobs is not None and logprobs.refusal is not None and not state.logprobs_refusal_done:
            state.logprobs_refusal_done = True
            events.append(LogprobsRefusalDoneEvent(logprobs.refusal))
        return events

    def _tool_done(self, choice: Any, state: _Choice, index: int) -> list[ChatCompletionStreamEvent[T]]:
        if index in state.tools_done:
            return []
        state.tools_done.add(index)
        call = _call(choice.message, index)
        if getattr(call, "function", None) is None:
            return []
        function = call.function
        parsed = parse_arguments(self._tools, function.name, function.arguments)
        state.arguments[index] = parsed
        return [FunctionToolCallArgumentsDoneEvent(function.name, index, function.arguments, parsed)]


def _call(message: Any, index: int) -> Any:
    """The tool call at `index` in a snapshot message (None if there is none)."""
    calls = message.tool_calls or []
    return calls[index] if index < len(calls) else None


def _valid(chunk: Any) -> bool:
    """A chunk proper (Azure's asynchronous content filter sends other events on the stream: skipped, as openai does)."""
    return getattr(chunk, "object", None) == "chat.completion.chunk"


class ChatCompletionStream(Generic[T]):
    """The events of a `stream()` call (iterate), then `get_final_completion()`."""

    def __init__(self, chunks: Stream, state: ChatCompletionStreamState[T]) -> None:
        self._chunks = chunks
        self._state = state
        self._events = self._iterate()
        self._error: BaseException | None = None  # what broke the stream: raised again by get_final_completion()

    def _iterate(self) -> Iterator[ChatCompletionStreamEvent[T]]:
        try:
            for chunk in self._chunks:
                if _valid(chunk):
                    yield from self._state.handle_chunk(chunk)
        except Exception as error:
            self._error = error
            raise

    def __iter__(self) -> Iterator[ChatCompletionStreamEvent[T]]:
        return self._events

    def __next__(self) -> ChatCompletionStreamEvent[T]:
        return next(self._events)

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletion[T]:
        """The completion as far as the stream was read."""
        return self._state.current_completion_snapshot

    def until_done(self) -> ChatCompletionStream[T]:
        """Read the rest of the stream."""
        for _ in self._events:
            pass
        return self

    def get_final_completion(self) -> ParsedChatCompletion[T]:
        """Read the rest of the stream; the parsed completion (as `parse()` returns it). If the stream broke (a cut
        connection), the error it raised, again: `current_completion_snapshot` has what came."""
        self.until_done()
        if self._error is not None:
            raise self._error
        return self._state.get_final_completion()

    def close(self) -> None:
        """Close the HTTP response (done on leaving the `with` block)."""
        self._chunks.close()

    def __enter__(self) -> ChatCompletionStream[T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class ChatCompletionStreamManager(Generic[T]):
    """What `stream()` returns: `with` it to send the request and get the `ChatCompletionStream`."""

    def __init__(self, open_stream: StreamOpener, state: ChatCompletionStreamState[T]) -> None:
        self._open = open_stream
        self._state = state
        self._stream: ChatCompletionStream[T] | None = None

    def __enter__(self) -> ChatCompletionStream[T]:
        self._stream = ChatCompletionStream(self._open(), self._state)
        return self._stream

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncChatCompletionStream(Generic[T]):
    """The events of an async `stream()` call (`async for`), then `await get_final_completion()`."""

    def __init__(self, chunks: AsyncStream, state: ChatCompletionStreamState[T]) -> None:
        self._chunks = chunks
        self._state = state
        self._events = self._iterate()
        self._error: BaseException | None = None  # what broke the stream: raised again by get_final_completion()

    async def _iterate(self) -> AsyncIterator[ChatCompletionStreamEvent[T]]:
        try:
            async for chunk in self._chunks:
                if _valid(chunk):
                    for event in self._state.handle_chunk(chunk):
                        yield event
        except Exception as error:
            self._error = error
            raise

    def __aiter__(self) -> AsyncIterator[ChatCompletionStreamEvent[T]]:
        return self._events

    async def __anext__(self) -> ChatCompletionStreamEvent[T]:
        return await self._events.__anext__()

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletion[T]:
        """The completion as far as the stream was read."""
        return self._state.current_completion_snapshot

    async def until_done(self) -> AsyncChatCompletionStream[T]:
        """Read the rest of the stream."""
        async for _ in self._events:
            pass
        return self

    async def get_final_completion(self) -> ParsedChatCompletion[T]:
        """Read the rest of the stream; the parsed completion (as `parse()` returns it). If the stream broke (a cut
        connection), the error it raised, again: `current_completion_snapshot` has what came."""
        await self.until_done()
        if self._error is not None:
            raise self._error
        return self._state.get_final_completion()

    async def aclose(self) -> None:
        """Close the HTTP response (done on leaving the `async with` block)."""
        await self._chunks.aclose()

    close = aclose  # the name `openai`'s async stream gives it

    async def __aenter__(self) -> AsyncChatCompletionStream[T]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


class AsyncChatCompletionStreamManager(Generic[T]):
    """What an async `stream()` returns: `async with` it to send the request and get the stream."""

    def __init__(self, open_stream: AsyncStreamOpener, state: ChatCompletionStreamState[T]) -> None:
        self._open = open_stream
        self._state = state
        self._stream: AsyncChatCompletionStream[T] | None = None

    async def __aenter__(self) -> AsyncChatCompletionStream[T]:
        self._stream = AsyncChatCompletionStream(await self._open(), self._state)
        return self._stream

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._stream is not None:
            await self._stream.aclose()
