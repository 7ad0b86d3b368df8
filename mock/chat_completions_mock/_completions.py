"""What create answers, decided once per request: a deterministic `Plan` of choices, tokens and tool calls.

`_render` turns a plan into the `chat.completion` JSON object, `_sse` into the events of a stream.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._errors import ApiError, invalid
from ._models import PROFILE_BY_NAME, Profile
from ._tokens import tokenize
from ._values import INLINE_WORK, REQUEST_WORK, WORDS, SchemaTooLarge, Work, WorkExhausted, generate

# Every create field of the spec is in exactly one of these two sets (tests/unit/mock/test_request_fields.py
# fails on a spec field in neither): a new request parameter must be classified here.
#: Request fields that do not change the generated text (so a stream, a truncated answer or n=3 share it).
NEUTRAL_FIELDS = frozenset(
    {
        "stream",
        "stream_options",
        "store",
        "metadata",
        "user",
        "safety_identifier",
        "service_tier",
        "prompt_cache_key",
        "prompt_cache_retention",
        "prompt_cache_options",
        "n",
        "max_tokens",
        "max_completion_tokens",
        "stop",
        "logprobs",
        "top_logprobs",
        "parallel_tool_calls",
    }
)
#: Request fields that seed the generated text: a different value gives a different answer (so does any field the
#: spec does not know, in permissive mode). `request_digest` hashes every field but the neutral ones.
SEED_FIELDS = frozenset(
    {
        "model",
        "messages",
        "audio",
        "modalities",
        "prediction",
        "moderation",
        "reasoning_effort",
        "verbosity",
        "web_search_options",
        "temperature",
        "top_p",
        "frequency_penalty",
        "presence_penalty",
        "seed",
        "logit_bias",
        "response_format",
        "tools",
        "tool_choice",
        "functions",
        "function_call",
    }
)

#: The profile of a plan made without one (today's gpt-4o-mini).
DEFAULT_PROFILE = PROFILE_BY_NAME["gpt-4o-mini"]
#: Reasoning tokens per `reasoning_effort`, relative to `medium`.
EFFORT = {"none": 0.0, "minimal": 0.0, "low": 0.5, "medium": 1.0, "high": 2.0, "xhigh": 3.0}
_NO_RANDOM = random.Random(0)  # noqa: S311 - deterministic text, not secrets
_SAY = re.compile(r"\s*say\s", re.IGNORECASE)  # then strip: a lazy (.+?)\s* with fullmatch is quadratic
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_DUMPS = json.JSONEncoder(separators=(",", ":")).encode
_COMPACT = json.JSONEncoder(separators=(",", ":"), sort_keys=True).encode


def _base62(number: int, width: int) -> str:
    out = ""
    while number:
        number, digit = divmod(number, 62)
        out = _ALPHABET[digit] + out
    return out.rjust(width, "0")[-width:]


def _alnum(data: bytes) -> str:
    return "".join([_ALPHABET[b % 62] for b in data])


@dataclass
class ToolCall:
    """One tool (or legacy function) call of a choice."""

    id: str
    name: str
    arguments: str
    custom: bool = False


@dataclass
class Choice:
    """One planned choice: text tokens or tool calls, its finish reason and logprobs."""

    index: int
    tokens: list[str] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    function_call: ToolCall | None = None
    finish_reason: str = "stop"
    logprobs: list[dict[str, Any]] | None = None
    completion_tokens: int = 0

    @property
    def content(self) -> str | None:
        """The message text (None when the choice calls tools)."""
        if self.tool_calls or self.function_call is not None:
            return None
        return "".join(self.tokens)


@dataclass
class Plan:
    """Everything create answers, decided once; rendered as JSON or as a stream."""

    id: str
    seq: int
    created: int
    model: str
    service_tier: str
    system_fingerprint: str | None
    choices: list[Choice]
    prompt_tokens: int
    logprobs: bool
    include_usage: bool
    #: Reasoning tokens (counted in `completion_tokens` too), for `completion_tokens_details`.
    reasoning_tokens: int = 0
    #: Whether choices carry a `logprobs` key (reasoning, audio and search models leave it out unless asked).
    logprobs_in_choices: bool = True
    #: Whether stream chunks carry an `obfuscation` string.
    obfuscation: bool = False
    #: Whether usage details split tokens by modality (`text_tokens`, `image_tokens`), as audio models do.
    by_modality: bool = False
    digest: bytes = b""

    @property
    def completion_tokens(self) -> int:
        """Completion tokens of all choices."""
        return sum(c.completion_tokens for c in self.choices)


def request_digest(body: Mapping[str, Any]) -> bytes:
    """Hash of the canonical request JSON, less the fields in `NEUTRAL_FIELDS`."""
    canonical = {k: v for k, v in body.items() if k not in NEUTRAL_FIELDS}
    return hashlib.sha256(_COMPACT(canonical).encode()).digest()


def completion_id(digest: bytes, seq: int) -> str:
    """`chatcmpl-` + 20 characters from the request hash + 9 from the server's sequence number."""
    return "chatcmpl-" + _alnum(digest[:20]) + _base62(seq, 9)


@functools.lru_cache(maxsize=256)
def fingerprint(model: str) -> str:
    """A stable `system_fingerprint` per model."""
    return "fp_" + hashlib.sha1(model.encode("utf-8", "replace"), usedforsecurity=False).hexdigest()[:10]


def text_of(content: Any) -> str:
    """The text of a message's `content` (a string or a list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part.get("text", "") for part in content if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def _last(messages: Sequence[Any], roles: tuple[str, ...]) -> Mapping[str, Any] | None:
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") in roles:
            return message
    return None


def said_text(messages: Sequence[Any]) -> str | None:
    """The reply to a last user message "Say X": "\\n\\nX" with X's first letter capitalised (else None)."""
    last = _last(messages, ("user",))
    if last is not None:
        text = text_of(last.get("content"))
        said = _SAY.match(text)
        if said:
            echo = text[said.end() :].strip()
            if echo:
                return "\n\n" + echo[:1].upper() + echo[1:]
    return None


def _sentence(rng: random.Random) -> tuple[str, int]:
    """A sentence of 4 to 12 plain words, and its number of words."""
    size = 4 + rng.randrange(9)
    words = [WORDS[rng.randrange(len(WORDS))] for _ in range(size)]
    return " ".join(words).capitalize() + ".", size


def prose(rng: random.Random) -> str:
    """A few sentences of plain words, 12 to 60 tokens long."""
    target = 12 + rng.randrange(48)
    sentences: list[str] = []
    used = 0
    while used < target:
        sentence, size = _sentence(rng)
        sentences.append(sentence)
        used += size + 1
    return " ".join(sentences)


def _tool_name(tool: dict[str, Any]) -> tuple[str, bool]:
    if tool.get("type") == "custom":
        return str(tool.get("custom", {}).get("name", "")), True
    return str(tool.get("function", {}).get("name", "")), False


def _tool_schema(tool: dict[str, Any]) -> Any:
    return tool.get("function", {}).get("parameters", {"type": "object", "properties": {}})


def _candidates(body: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    """The tools the model may call and the mode (`none`, `auto`, `required`, or `named`)."""
    tools = [t for t in body.get("tools") or [] if isinstance(t, dict)]
    choice = body.get("tool_choice")
    if not isinstance(choice, dict):
        return tools, choice if isinstance(choice, str) else "auto"
    kind = choice.get("type")
    if kind in ("function", "custom"):
        wanted = str(choice.get(kind, {}).get("name", ""))
        return [t for t in tools if _tool_name(t)[0] == wanted][:1], "named"
    allowed = choice.get("allowed_tools", {})
    names = {_tool_name(t)[0] for t in allowed.get("tools", []) if isinstance(t, dict)}
    return [t for t in tools if _tool_name(t)[0] in names], str(allowed.get("mode", "auto"))


def choose_tools(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The tools the answer calls (empty: answer with text), deterministically.

    `none` → none; a named tool → that tool; `required`, or `auto` unless the last message is a tool result →
    every tool whose name appears in the last user message (only the first with `parallel_tool_calls: false`),
    or the first tool when none is named. `allowed_tools` narrows the candidates the same way.
    """
    tools, mode = _candidates(body)
    messages = body.get("messages") or []
    last = messages[-1] if messages else None
    if mode == "none" or not tools:
        return []
    if mode == "named":
        return tools
    if mode == "auto" and isinstance(last, dict) and last.get("role") in ("tool", "function"):
        return []
    user = _last(messages, ("user",))
    prompt = text_of(user.get("content")) if user is not None else ""
    named = [t for t in tools if _tool_name(t)[0] and _tool_name(t)[0] in prompt] or tools[:1]
    return named[:1] if body.get("parallel_tool_calls") is False else named


def choose_function(body: dict[str, Any]) -> dict[str, Any] | None:
    """The legacy `functions` entry the answer calls, if any (same rules as tools, `auto` by default)."""
    functions = [f for f in body.get("functions") or [] if isinstance(f, dict)]
    if not functions:
        return None
    choice = body.get("function_call", "auto")
    if choice == "none":
        return None
    if isinstance(choice, dict):
        return next((f for f in functions if f.get("name") == choice.get("name")), None)
    messages = body.get("messages") or []
    last = messages[-1] if messages else None
    if isinstance(last, dict) and last.get("role") == "function":
        return None
    return functions[0]


def _call_id(digest: bytes, index: int, position: int) -> str:
    material = hashlib.sha256(digest + bytes([index % 256, position % 256])).digest()
    return "call_" + _alnum(material[:24])


#: What generating from a user's schema may raise besides `SchemaTooLarge` (odd schemas in permissive mode): a 400.
_SCHEMA_ERRORS = (TypeError, ValueError, LookupError, AttributeError, RecursionError, OverflowError)


def _generated(schema: Any, rng: random.Random, work: Work, what: str, param: str) -> str:
    """JSON text of a value generated from a user's schema; a 400 naming the schema's field when there is none."""
    try:
        return _DUMPS(generate(schema, rng, work))
    except SchemaTooLarge as exc:
        raise invalid(f"Invalid schema for {what}: {exc}", param, "invalid_value") from None
    except _SCHEMA_ERRORS as exc:
        raise invalid(
            f"Invalid schema for {what}: no value could be generated from it ({type(exc).__name__}).",
            param,
            "invalid_value",
        ) from None


def _index_of(item: Any, items: Any) -> int:
    return next((i for i, x in enumerate(items or []) if x is item), 0)


def _json_text(body: Mapping[str, Any], base: str, rng: random.Random, work: Work) -> str | None:
    fmt = body.get("response_format")
    if not isinstance(fmt, dict):
        return None
    if fmt.get("type") == "json_schema":
        schema = fmt.get("json_schema", {}).get("schema")
        if schema is None:
            return "{}"
        what = f"response_format '{fmt['json_schema'].get('name')}'"
        return _generated(schema, rng, work, what, "response_format.json_schema.schema")
    if fmt.get("type") == "json_object":
        return _DUMPS({"answer": base.strip()})
    return None


def _logprobs(tokens: Sequence[str], rng: random.Random, top: int) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for token in tokens:
        logprob = -round(rng.random() * 0.4 + 0.0001, 6)
        token_bytes = list(token.encode("utf-8", "surrogatepass"))
        alternatives = [{"token": token, "logprob": logprob, "bytes": token_bytes}]
        lead = " " if token.startswith(" ") else ""
        offset = rng.randrange(len(WORDS))
        step = 0
        value = logprob
        while len(alternatives) < top:
            candidate = lead + WORDS[(offset + step) % len(WORDS)]
            step += 1
            if step > len(WORDS):
                candidate = f"{lead}{step}"
            if any(a["token"] == candidate for a in alternatives):
                continue
            value = round(value - 0.5 - rng.random() * 2, 6)
            alternatives.append({"token": candidate, "logprob": value, "bytes": list(candidate.encode())})
        entries.append({"token": token, "logprob": logprob, "bytes": token_bytes, "top_logprobs": alternatives[:top]})
    return entries


@dataclass
class _Settings:
    """The request fields that shape every choice."""

    digest: bytes
    limit: int | None
    stops: list[str]
    logprobs: bool
    top: int
    body: dict[str, Any]
    inline: bool
    allowance: Work | None = None

    @property
    def work(self) -> Work:
        """The request's work allowance (made when first needed: a short "Say X" answer needs none)."""
        if self.allowance is None:
            self.allowance = Work(INLINE_WORK if self.inline else REQUEST_WORK, inline=self.inline)
        return self.allowance


def _cut(arguments: str, limit: int | None, used: int) -> tuple[str, int, bool]:
    """Cut text to the tokens left under `limit`; (text, tokens, whether it was cut)."""
    pieces = tokenize(arguments)
    if limit is not None and used + len(pieces) > limit:
        pieces = pieces[: max(0, limit - used)]
        return "".join(pieces), len(pieces), True
    return arguments, len(pieces), False


def _tool_choice(choice: Choice, tools: list[dict[str, Any]], rng: random.Random, s: _Settings) -> None:
    total = 0
    choice.finish_reason = "tool_calls"
    for position, tool in enumerate(tools):
        name, custom = _tool_name(tool)
        if custom:
            arguments = prose(rng)
        else:
            param = f"tools[{_index_of(tool, s.body.get('tools'))}].function.parameters"
            arguments = _generated(_tool_schema(tool), rng, s.work, f"function '{name}'", param)
        arguments, used, cut = _cut(arguments, s.limit, total)
        total += used
        choice.tool_calls.append(ToolCall(_call_id(s.digest, choice.index, position), name, arguments, custom))
        if cut:
            choice.finish_reason = "length"
            break
    choice.completion_tokens = total
    choice.logprobs = [] if s.logprobs else None


def _function_choice(choice: Choice, function: dict[str, Any], rng: random.Random, s: _Settings) -> None:
    name = function.get("name")
    arguments = _generated(
        function.get("parameters", {"type": "object"}),
        rng,
        s.work,
        f"function '{name}'",
        f"functions[{_index_of(function, s.body.get('functions'))}].parameters",
    )
    arguments, used, cut = _cut(arguments, s.limit, 0)
    choice.finish_reason = "length" if cut else "function_call"
    choice.function_call = ToolCall("", str(function.get("name", "")), arguments)
    choice.completion_tokens = used
    choice.logprobs = [] if s.logprobs else None


def _text_choice(choice: Choice, text: str, rng: random.Random, s: _Settings) -> None:
    if len(text) > 256:
        s.work.spend(len(text) >> 4)  # tokenizing and sending it: about 1 µs a token
    for sequence in s.stops:
        found = text.find(sequence)
        if found >= 0:
            text = text[:found]
    tokens = tokenize(text)
    if s.limit is not None and len(tokens) > s.limit:
        tokens = tokens[: s.limit]
        choice.finish_reason = "length"
    choice.tokens = tokens
    choice.completion_tokens = len(tokens)
    if s.logprobs:
        s.work.spend(len(tokens) * (1 + s.top))
        choice.logprobs = _logprobs(tokens, rng, s.top)


def _settings(body: dict[str, Any], digest: bytes, inline: bool) -> _Settings:
    """The request fields that shape every choice: token limit, stop sequences, logprobs."""
    limits = [v for v in (body.get("max_completion_tokens"), body.get("max_tokens")) if isinstance(v, int)]
    stop = body.get("stop")
    return _Settings(
        digest=digest,
        limit=max(0, min(limits)) if limits else None,  # permissive mode lets 0 and negatives through
        stops=[s for s in ([stop] if isinstance(stop, str) else stop or []) if isinstance(s, str) and s],
        logprobs=body.get("logprobs") is True,
        top=body.get("top_logprobs") or 0,
        body=body,
        inline=inline,
    )


@dataclass
class _Content:
    """What the choices answer with: tools to call, a legacy function, or text (the "Say X" echo, if any)."""

    tools: list[dict[str, Any]]
    function: dict[str, Any] | None
    said: str | None
    plain: bool


def _content(body: dict[str, Any], settings: _Settings) -> _Content:
    tools = choose_tools(body)
    function = choose_function(body) if not tools else None
    plain = not (settings.logprobs or tools or function is not None or body.get("response_format"))
    return _Content(tools, function, said_text(body.get("messages") or []), plain)


def _text_base(content: _Content, rng: random.Random, index: int) -> str:
    """The text of choice `index` before cuts: the echo (with a sentence of its own past choice 0), or prose."""
    if content.said is None:
        return prose(rng)
    if index == 0:
        return content.said
    return content.said + "\n\n" + _sentence(rng)[0]


def _choice(index: int, content: _Content, seed: int, settings: _Settings) -> Choice:
    """One planned choice."""
    # Seeding costs a few microseconds: skip it when nothing random is needed (a "Say X" answer).
    first_say = content.said is not None and content.plain and index == 0
    rng = _NO_RANDOM if first_say else random.Random(seed + index)  # noqa: S311 - deterministic, not secrets
    choice = Choice(index=index)
    if content.tools:
        _tool_choice(choice, content.tools, rng, settings)
    elif content.function is not None:
        _function_choice(choice, content.function, rng, settings)
    else:
        base = _text_base(content, rng, index)
        _text_choice(choice, _json_text(settings.body, base, rng, settings.work) or base, rng, settings)
    return choice


def _choices(body: dict[str, Any], seed: int, settings: _Settings) -> list[Choice]:
    """Every choice of the answer; a 400 past the work bound (or `WorkExhausted` inline, to plan it again)."""
    content = _content(body, settings)
    count = body.get("n") or 1
    try:
        return [_choice(index, content, seed, settings) for index in range(count)]
    except WorkExhausted as exc:
        if exc.inline:
            raise
        raise _too_much(count) from None


def _reasoning(choices: list[Choice], body: Mapping[str, Any], settings: _Settings, ratio: float) -> int:
    """Reasoning tokens of a reasoning model, counted into each choice's completion tokens (within the limit)."""
    if ratio <= 0:
        return 0
    effort = EFFORT.get(str(body.get("reasoning_effort", "medium")), 1.0)
    total = 0
    for choice in choices:
        thought = math.ceil(max(choice.completion_tokens, 1) * ratio * effort) if effort else 0
        if settings.limit is not None:
            thought = max(0, min(thought, settings.limit - choice.completion_tokens))
        choice.completion_tokens += thought
        total += thought
    return total


def plan(
    body: dict[str, Any],
    *,
    seq: int,
    created: int,
    prompt_tokens: int,
    inline: bool = False,
    profile: Profile | None = None,
) -> Plan:
    """Decide the whole answer to a (valid) create request, as `profile`'s model answers (default: gpt-4o-mini).

    Its work is bounded (`REQUEST_WORK`): past it, a 400 (`ApiError`). With `inline` (on the event loop) the
    bound is `INLINE_WORK`, and past it `WorkExhausted` tells the caller to plan it again without `inline` (in a
    worker thread). The answer does not depend on the bound, only whether the bound suffices.
    """
    answering = profile or DEFAULT_PROFILE
    digest = request_digest(body)
    settings = _settings(body, digest, inline)
    choices = _choices(body, int.from_bytes(digest[:8], "big"), settings)
    reasoning = _reasoning(choices, body, settings, answering.reasoning_ratio)
    model = str(body.get("model", ""))
    tier = body.get("service_tier")
    stream_options = body.get("stream_options")
    options = stream_options if isinstance(stream_options, dict) else {}
    return Plan(
        id=completion_id(digest, seq),
        seq=seq,
        created=created,
        model=model,
        service_tier="default" if tier in (None, "auto") else str(tier),
        system_fingerprint=fingerprint(model) if answering.system_fingerprint else None,
        choices=choices,
        prompt_tokens=prompt_tokens,
        logprobs=settings.logprobs,
        include_usage=options.get("include_usage") is True,
        reasoning_tokens=reasoning,
        logprobs_in_choices=answering.logprobs_in_choices or settings.logprobs,
        obfuscation=answering.obfuscation and options.get("include_obfuscation") is not False,
        by_modality=answering.usage_by_modality,
        digest=digest,
    )


def _too_much(count: int) -> ApiError:
    return invalid(
        "This request asks for more generated content than this server produces in one answer"
        f" ({count} choice{'s' if count > 1 else ''}): lower 'n', 'top_logprobs', the number of tools called or the"
        " sizes the schemas ask for.",
        "n" if count > 1 else None,
        "invalid_value",
    )
