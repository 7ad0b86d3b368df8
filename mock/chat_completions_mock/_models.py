"""Model profiles: what each model takes and how it answers, one declaration per model (family), as data.

A `Profile` says a model's context window and output limit, the roles and content part types it takes, what it
refuses (`Refusal`s, each with OpenAI's own status, message, `param` and `code`, and where that wording was seen),
how it answers (reasoning tokens, `logprobs` and `system_fingerprint` in choices, `obfuscation` in chunks) and how
fast (`Latency`, used by `--latency`). `PROFILES` holds them in docs order; `Models` resolves a requested name
(a profile, a dated snapshot, or an alias added with `--models`) to its profile. To add a model: declare it below
with `profile(...)`, each fact with its source; `profile_table()` and `refusal_table()` render the tables of
docs/mock.md (tests/unit/mock/test_docs.py keeps them in step).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._errors import ApiError

__all__ = [
    "PROFILES",
    "Latency",
    "Models",
    "Profile",
    "Refusal",
    "find_profile",
    "model_not_found",
    "profile_table",
]

Body = Mapping[str, Any]

#: Where OpenAI's model facts come from (context window, output limit, modalities, snapshots).
MODEL_DOCS = "https://platform.openai.com/docs/models"
#: Every role and content part type the spec knows.
ALL_ROLES = frozenset({"developer", "system", "user", "assistant", "tool", "function"})
TEXT_AND_IMAGES = frozenset({"text", "image_url", "file"})


@dataclass(frozen=True)
class Refusal:
    """A request a model refuses: `refuses(body)` returns OpenAI's error for it (None: accepted).

    `name` is the rule's name in the docs' table, `param` the `param` its error names (`null` where OpenAI's is), `source`
    where OpenAI's wording was seen, `repair(body)` makes the request acceptable (the contract tool's shaping).
    """

    name: str
    param: str
    source: str
    refuses: Callable[[Body], ApiError | None]
    repair: Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Latency:
    """How fast a model streams: seconds to the first token, tokens per second after it, and relative jitter."""

    first_token: float
    tokens_per_second: float
    jitter: float = 0.1


@dataclass(frozen=True)
class Profile:
    """One model (family): its limits, what it takes, what it refuses, and how it answers."""

    name: str
    source: str
    context_window: int
    max_output_tokens: int
    snapshots: tuple[str, ...] = ()
    roles: frozenset[str] = ALL_ROLES
    parts: frozenset[str] = TEXT_AND_IMAGES
    refusals: tuple[Refusal, ...] = ()
    #: Reasoning tokens reported per completion token (0: not a reasoning model; usage says 0).
    reasoning_ratio: float = 0.0
    #: Whether each choice carries `"logprobs"` (null unless asked); reasoning models leave it out.
    logprobs_in_choices: bool = True
    #: Whether `system_fingerprint` is a string (else null).
    system_fingerprint: bool = True
    #: Whether stream chunks carry an `obfuscation` string (stream_options.include_obfuscation, on by default).
    obfuscation: bool = True
    #: Whether usage details split tokens by modality (`text_tokens`, `image_tokens`), as audio models do.
    usage_by_modality: bool = False
    latency: Latency = field(default_factory=lambda: Latency(0.3, 80.0))
    created: int = 1_700_000_000

    @property
    def reasoning(self) -> bool:
        """Whether the model reasons (reports reasoning tokens, takes `reasoning_effort`)."""
        return self.reasoning_ratio > 0

    def refusal(self, body: Body) -> ApiError | None:
        """OpenAI's error for the first thing in `body` this model refuses (None: accepted)."""
        for item in self.refusals:
            error = item.refuses(body)
            if error is not None:
                return error
        return None

    def repair(self, body: dict[str, Any]) -> dict[str, Any]:
        """`body` made acceptable to this model (what each refusal's `repair` does), in place."""
        for item in self.refusals:
            if item.refuses(body) is not None:
                item.repair(body)
        return body


# --- refusals: one small function per kind, OpenAI's wording with where it was seen --------------------


def _drop(*names: str) -> Callable[[dict[str, Any]], None]:
    def repair(body: dict[str, Any]) -> None:
        for name in names:
            body.pop(name, None)

    return repair


def max_tokens_renamed() -> Refusal:
    """Reasoning models refuse `max_tokens` and name its successor."""

    def refuses(body: Body) -> ApiError | None:
        if body.get("max_tokens") is None:
            return None
        return ApiError(
            400,
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens'"
            " instead.",
            param="max_tokens",
            code="unsupported_parameter",
        )

    def repair(body: dict[str, Any]) -> None:
        body["max_completion_tokens"] = body.pop("max_tokens")

    return Refusal(
        "max_tokens_renamed", "max_tokens", "github.com/CherryHQ/cherry-studio/issues/1403 (o1-mini)", refuses, repair
    )


def only_default_value(param: str, source: str) -> Refusal:
    """`param` other than its default (1) is refused: "Only the default (1) value is supported."."""

    def refuses(body: Body) -> ApiError | None:
        value = body.get(param)
        if value is None or value == 1:
            return None
        return ApiError(
            400,
            f"Unsupported value: '{param}' does not support {value} with this model. Only the default (1) value is"
            " supported.",
            param=param,
            code="unsupported_value",
        )

    return Refusal(f"{param}_only_default", param, source, refuses, _drop(param))


def not_supported(param: str, source: str, *, unless_default: bool = True) -> Refusal:
    """`param` (other than its default 1, with `unless_default`) is refused as an unsupported parameter."""

    def refuses(body: Body) -> ApiError | None:
        value = body.get(param)
        if value is None or (unless_default and value == 1):
            return None
        return ApiError(
            400,
            f"Unsupported parameter: '{param}' is not supported with this model.",
            param=param,
            code="unsupported_parameter",
        )

    return Refusal(f"{param}_not_supported", param, source, refuses, _drop(param))


def unrecognized(param: str, source: str) -> Refusal:
    """A parameter this model does not know at all: "Unrecognized request argument supplied: X" (param null)."""

    def refuses(body: Body) -> ApiError | None:
        if body.get(param) is None:
            return None
        return ApiError(400, f"Unrecognized request argument supplied: {param}", param=None, code=None)

    return Refusal(f"{param}_unrecognized", "null", source, refuses, _drop(param))


def unknown_parameter(param: str, source: str) -> Refusal:
    """A parameter only other models take: "Unknown parameter: 'X'." (`unknown_parameter`)."""

    def refuses(body: Body) -> ApiError | None:
        if body.get(param) is None:
            return None
        return ApiError(400, f"Unknown parameter: '{param}'.", param=param, code="unknown_parameter")

    return Refusal(f"{param}_unknown", param, source, refuses, _drop(param))


def logprobs_forbidden() -> Refusal:
    """Reasoning models refuse `logprobs: true` with a 403 (param and code null)."""

    def refuses(body: Body) -> ApiError | None:
        if body.get("logprobs") is not True:
            return None
        return ApiError(403, "You are not allowed to request logprobs from this model", param=None, code=None)

    return Refusal(
        "logprobs_forbidden",
        "null (a 403)",
        "github.com/confident-ai/deepeval/pull/2184 (o4-mini)",
        refuses,
        _drop("logprobs", "top_logprobs"),
    )


def incompatible(params: Sequence[str], source: str) -> Refusal:
    """Search models refuse sampling parameters: "Model incompatible request argument(s) supplied: a, b"."""

    def refuses(body: Body) -> ApiError | None:
        given = sorted(p for p in params if body.get(p) is not None)
        if not given:
            return None
        noun = "arguments" if len(given) > 1 else "argument"
        return ApiError(400, f"Model incompatible request {noun} supplied: {', '.join(given)}", param=None, code=None)

    return Refusal("sampling_incompatible", "null", source, refuses, _drop(*params))


def roles_refused(roles: Iterable[str]) -> Refusal:
    """A message whose role the model does not take: "'messages[i].role' does not support 'system'"."""
    refused = sorted(roles)

    def refuses(body: Body) -> ApiError | None:
        for index, message in enumerate(body.get("messages") or []):
            role = message.get("role") if isinstance(message, Mapping) else None
            if role in refused:
                return ApiError(
                    400,
                    f"Unsupported value: 'messages[{index}].role' does not support '{role}' with this model.",
                    param=f"messages[{index}].role",
                    code="unsupported_value",
                )
        return None

    def repair(body: dict[str, Any]) -> None:
        for message in body.get("messages") or []:
            if isinstance(message, dict) and message.get("role") in refused:
                message["role"] = "user"

    return Refusal(
        "roles_refused", "messages[i].role", "github.com/coleam00/Archon/issues/12 (o1-mini)", refuses, repair
    )


def _parts(body: Body) -> Iterable[tuple[int, int, str]]:
    """(message index, part index, part type) of every content part of the request."""
    for index, message in enumerate(body.get("messages") or []):
        content = message.get("content") if isinstance(message, Mapping) else None
        if isinstance(content, list):
            for position, part in enumerate(content):
                if isinstance(part, Mapping) and isinstance(part.get("type"), str):
                    yield index, position, part["type"]


def _keep_parts(allowed: frozenset[str]) -> Callable[[dict[str, Any]], None]:
    def repair(body: dict[str, Any]) -> None:
        for message in body.get("messages") or []:
            content = message.get("content") if isinstance(message, dict) else None
            if isinstance(content, list):
                kept = [p for p in content if not isinstance(p, dict) or p.get("type") in allowed]
                message["content"] = kept or "Hello"

    return repair


def images_refused() -> Refusal:
    """A text-only model given an image part (OpenAI's odd `param` spelling kept)."""

    def refuses(body: Body) -> ApiError | None:
        for index, position, kind in _parts(body):
            if kind == "image_url":
                return ApiError(
                    400,
                    "Invalid content type. image_url is only supported by certain models.",
                    param=f"messages.[{index}].content.[{position}].type",
                    code=None,
                )
        return None

    return Refusal(
        "images_refused",
        "messages.[i].content.[j].type",
        "github.com/vllm-project/vllm/issues/11629 (quoting OpenAI)",
        refuses,
        _keep_parts(frozenset({"text", "file", "input_audio"})),
    )


def audio_input_refused() -> Refusal:
    """A model without audio input given an `input_audio` part."""

    def refuses(body: Body) -> ApiError | None:
        for index, _, kind in _parts(body):
            if kind == "input_audio":
                return ApiError(
                    400,
                    f"Invalid 'messages[{index}]'. Content blocks are expected to be either text or image_url type.",
                    param=f"messages[{index}]",
                    code="invalid_value",
                )
        return None

    return Refusal(
        "audio_input_refused",
        "messages[i]",
        "github.com/lofcz/LLMTornado/issues/150",
        refuses,
        _keep_parts(TEXT_AND_IMAGES),
    )


def audio_required() -> Refusal:
    """Audio models need audio in the input or among the output modalities."""

    def refuses(body: Body) -> ApiError | None:
        if "audio" in (body.get("modalities") or ()) or any(kind == "input_audio" for _, _, kind in _parts(body)):
            return None
        return ApiError(
            400,
            "This model requires that either input content or output modality contain audio.",
            param="model",
            code="invalid_value",
        )

    def repair(body: dict[str, Any]) -> None:
        body["modalities"] = ["text", "audio"]
        body["audio"] = {"voice": "alloy", "format": "wav"}

    return Refusal(
        "audio_required", "model", "github.com/truefoundry/models/pull/822 (OpenAI via OpenRouter)", refuses, repair
    )


def output_limit(limit: int) -> Refusal:
    """A token limit above the model's output limit: "max_tokens is too large: N. This model supports at most…"."""

    def refuses(body: Body) -> ApiError | None:
        for name in ("max_tokens", "max_completion_tokens"):
            value = body.get(name)
            if isinstance(value, int) and value > limit:
                return ApiError(
                    400,
                    f"{name} is too large: {value}. This model supports at most {limit} completion tokens, whereas"
                    f" you provided {value}.",
                    param=name,
                    code="invalid_value",
                )
        return None

    def repair(body: dict[str, Any]) -> None:
        for name in ("max_tokens", "max_completion_tokens"):
            if isinstance(body.get(name), int) and body[name] > limit:
                body[name] = limit

    return Refusal(
        "output_limit",
        "max_tokens, max_completion_tokens",
        "github.com/tailcallhq/forgecode/issues/1185 (gpt-4o; max_completion_tokens worded alike)",
        refuses,
        repair,
    )


WEB_SEARCH = "github.com/pydantic/pydantic-ai/issues/2822 (gpt-5), github.com/BerriAI/litellm/issues/12311 (o4-mini)"
NO_REASONING = "github.com/AAswordman/Operit/issues/1048 (gpt-4o)"
TEMPERATURE = "github.com/cline/cline/issues/341 (o1-mini), github.com/QwenLM/qwen-code/issues/921 (gpt-5-mini)"
TOP_P = "github.com/aandrew-me/tgpt/issues/333 (o1-preview)"
SEARCH_SAMPLING = "github.com/ChatGPTNextWeb/NextChat/issues/6569 (gpt-4o-search-preview)"


def _chat(limit: int) -> tuple[Refusal, ...]:
    """What every chat model (not reasoning, not search, not audio) refuses."""
    return (
        output_limit(limit),
        unrecognized("reasoning_effort", NO_REASONING),
        unknown_parameter("web_search_options", WEB_SEARCH),
        audio_input_refused(),
    )


def _reasoning(limit: int, *, temperature: Refusal | None = None) -> tuple[Refusal, ...]:
    """What reasoning models refuse."""
    return (
        max_tokens_renamed(),
        output_limit(limit),
        temperature or only_default_value("temperature", TEMPERATURE),
        not_supported("top_p", TOP_P),
        logprobs_forbidden(),
        unknown_parameter("web_search_options", WEB_SEARCH),
        audio_input_refused(),
    )


# --- the profiles, in docs order ---------------------------------------------------------------------

PROFILES: list[Profile] = []


def profile(**facts: Any) -> Profile:
    """Declare one profile (keywords are `Profile`'s fields) and register it."""
    declared = Profile(**facts)
    PROFILES.append(declared)
    return declared


FAST = Latency(first_token=0.25, tokens_per_second=120.0)
CHAT = Latency(first_token=0.4, tokens_per_second=70.0)
REASONING = Latency(first_token=2.5, tokens_per_second=60.0, jitter=0.2)
SLOW_REASONING = Latency(first_token=6.0, tokens_per_second=40.0, jitter=0.25)

profile(
    name="gpt-4o",
    source=f"{MODEL_DOCS}/gpt-4o",
    context_window=128_000,
    max_output_tokens=16_384,
    snapshots=("gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20"),
    refusals=_chat(16_384),
    latency=CHAT,
)
profile(
    name="gpt-4o-mini",
    source=f"{MODEL_DOCS}/gpt-4o-mini",
    context_window=128_000,
    max_output_tokens=16_384,
    snapshots=("gpt-4o-mini-2024-07-18",),
    refusals=_chat(16_384),
    latency=FAST,
)
for _name, _latency in (("gpt-4.1", CHAT), ("gpt-4.1-mini", FAST), ("gpt-4.1-nano", FAST)):
    profile(
        name=_name,
        source=f"{MODEL_DOCS}/{_name}",
        context_window=1_047_576,
        max_output_tokens=32_768,
        snapshots=(f"{_name}-2025-04-14",),
        refusals=_chat(32_768),
        latency=_latency,
    )
profile(
    name="o1",
    source=f"{MODEL_DOCS}/o1",
    context_window=200_000,
    max_output_tokens=100_000,
    snapshots=("o1-2024-12-17",),
    refusals=_reasoning(100_000),
    reasoning_ratio=4.0,
    logprobs_in_choices=False,
    latency=SLOW_REASONING,
)
profile(
    name="o1-mini",
    source=f"{MODEL_DOCS}/o1-mini; no system/developer messages, text only: the reasoning guide's beta limitations",
    context_window=128_000,
    max_output_tokens=65_536,
    snapshots=("o1-mini-2024-09-12",),
    roles=frozenset({"user", "assistant"}),
    parts=frozenset({"text"}),
    refusals=(
        roles_refused({"system", "developer"}),
        images_refused(),
        *_reasoning(65_536),
    ),
    reasoning_ratio=3.0,
    logprobs_in_choices=False,
    latency=REASONING,
)
profile(
    name="o3-mini",
    source=f"{MODEL_DOCS}/o3-mini (text only)",
    context_window=200_000,
    max_output_tokens=100_000,
    snapshots=("o3-mini-2025-01-31",),
    parts=frozenset({"text", "file"}),
    refusals=(
        images_refused(),
        *_reasoning(
            100_000,
            temperature=not_supported("temperature", "github.com/appatalks/eva-agent/issues/83 (o3-mini)"),
        ),
    ),
    reasoning_ratio=2.0,
    logprobs_in_choices=False,
    latency=REASONING,
)
profile(
    name="o3",
    source=f"{MODEL_DOCS}/o3",
    context_window=200_000,
    max_output_tokens=100_000,
    snapshots=("o3-2025-04-16",),
    refusals=_reasoning(100_000),
    reasoning_ratio=3.0,
    logprobs_in_choices=False,
    latency=SLOW_REASONING,
)
profile(
    name="o4-mini",
    source=f"{MODEL_DOCS}/o4-mini",
    context_window=200_000,
    max_output_tokens=100_000,
    snapshots=("o4-mini-2025-04-16",),
    refusals=_reasoning(100_000),
    reasoning_ratio=2.0,
    logprobs_in_choices=False,
    latency=REASONING,
)
for _name, _ratio, _latency in (
    ("gpt-5", 3.0, SLOW_REASONING),
    ("gpt-5-mini", 2.0, REASONING),
    ("gpt-5-nano", 1.5, REASONING),
):
    profile(
        name=_name,
        source=f"{MODEL_DOCS}/{_name}; system_fingerprint null and no choice logprobs in recorded answers",
        context_window=400_000,
        max_output_tokens=128_000,
        snapshots=(f"{_name}-2025-08-07",),
        refusals=_reasoning(128_000),
        reasoning_ratio=_ratio,
        logprobs_in_choices=False,
        system_fingerprint=False,
        latency=_latency,
    )
profile(
    name="gpt-4o-audio-preview",
    source=f"{MODEL_DOCS}/gpt-4o-audio-preview (text and audio in, text and audio out; no images)",
    context_window=128_000,
    max_output_tokens=16_384,
    snapshots=("gpt-4o-audio-preview-2024-10-01", "gpt-4o-audio-preview-2024-12-17", "gpt-4o-audio-preview-2025-06-03"),
    parts=frozenset({"text", "input_audio"}),
    refusals=(
        audio_required(),
        images_refused(),
        output_limit(16_384),
        unrecognized("reasoning_effort", NO_REASONING),
        unknown_parameter("web_search_options", WEB_SEARCH),
    ),
    logprobs_in_choices=False,
    usage_by_modality=True,
    latency=CHAT,
)
for _name, _snapshot in (
    ("gpt-4o-search-preview", "gpt-4o-search-preview-2025-03-11"),
    ("gpt-4o-mini-search-preview", "gpt-4o-mini-search-preview-2025-03-11"),
):
    profile(
        name=_name,
        source=f"{MODEL_DOCS}/{_name} (takes web_search_options; no sampling parameters)",
        context_window=128_000,
        max_output_tokens=16_384,
        snapshots=(_snapshot,),
        refusals=(
            incompatible(("frequency_penalty", "presence_penalty", "temperature", "top_p"), SEARCH_SAMPLING),
            output_limit(16_384),
            unrecognized("reasoning_effort", NO_REASONING),
            audio_input_refused(),
        ),
        logprobs_in_choices=False,
        latency=Latency(first_token=1.5, tokens_per_second=60.0, jitter=0.2),
    )

PROFILE_BY_NAME: dict[str, Profile] = {p.name: p for p in PROFILES}
_BY_ANY_NAME: dict[str, Profile] = {name: p for p in PROFILES for name in (p.name, *p.snapshots)}


def find_profile(model: Any) -> Profile | None:
    """The built-in profile of a model name or dated snapshot (None: unknown)."""
    return _BY_ANY_NAME.get(model) if isinstance(model, str) else None


def model_not_found(model: str) -> ApiError:
    """OpenAI's 404 for a model it does not serve."""
    shown = model[:256]
    return ApiError(
        404,
        f"The model `{shown}` does not exist or you do not have access to it.",
        param=None,
        code="model_not_found",
    )


class Models:
    """The models one mock serves: the built-in profiles, aliases added with `--models`, and `--any-model`.

    `aliases` maps extra names to a profile name (`{"my-deployment": "gpt-4o-mini"}`); with `any_model`, an
    unknown name is served with `fallback`'s profile instead of a 404.
    """

    def __init__(
        self, aliases: Mapping[str, str] | None = None, *, any_model: bool = False, fallback: str = "gpt-4o-mini"
    ) -> None:
        self.by_name = dict(_BY_ANY_NAME)
        self.aliases: dict[str, str] = {}
        for alias, target in (aliases or {}).items():
            found = find_profile(target)
            if found is None:
                known = ", ".join(PROFILE_BY_NAME)
                raise ValueError(f"--models {alias}={target}: no profile named {target!r} (known: {known})")
            self.by_name[alias] = found
            self.aliases[alias] = found.name
        self.any_model = any_model
        self.fallback = PROFILE_BY_NAME[fallback]

    def resolve(self, model: Any) -> Profile:
        """The profile serving `model`; 404 `model_not_found` when none does (unless `any_model`)."""
        found = self.by_name.get(model) if isinstance(model, str) else None
        if found is not None:
            return found
        if self.any_model:
            return self.fallback
        raise model_not_found(str(model))

    def listed(self) -> list[dict[str, Any]]:
        """`GET /v1/models`'s `data`: every name served (profiles, snapshots, aliases)."""
        return [self.entry(name) for name in self.by_name]

    def entry(self, name: str) -> dict[str, Any]:
        """One `model` object, as OpenAI lists it."""
        owner = "system" if name in _BY_ANY_NAME else "user"
        return {"id": name, "object": "model", "created": self.by_name[name].created, "owned_by": owner}


def parse_model_aliases(specs: Iterable[str]) -> dict[str, str]:
    """`["my-model=gpt-4o-mini", "a,b=o3"]` → `{"my-model": "gpt-4o-mini", "a": "o3", "b": "o3"}`; ValueError if bad."""
    aliases: dict[str, str] = {}
    for spec in specs:
        names, sep, target = spec.partition("=")
        if not sep or not target.strip() or not names.strip():
            raise ValueError(f"--models {spec!r}: expected NAME=PROFILE (e.g. my-model=gpt-4o-mini)")
        if find_profile(target.strip()) is None:
            raise ValueError(
                f"--models {spec!r}: no profile named {target.strip()!r} (known: {', '.join(PROFILE_BY_NAME)})"
            )
        for name in names.split(","):
            if name.strip():
                aliases[name.strip()] = target.strip()
    return aliases


def profile_table() -> str:
    """The profiles as the Markdown table of docs/mock.md."""
    lines = [
        "| model | snapshots | context / output | takes | refuses | answers |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for p in PROFILES:
        snapshots = ", ".join(f"`{s}`" for s in p.snapshots)
        takes = ", ".join(sorted(p.parts))
        if p.roles != ALL_ROLES:
            takes += "; roles " + ", ".join(sorted(p.roles))
        refuses = ", ".join(f"`{r.name}`" for r in p.refusals)
        answers = []
        if p.reasoning:
            answers.append(f"reasoning tokens {p.reasoning_ratio:g} per output token")
        if not p.logprobs_in_choices:
            answers.append("no choice `logprobs`")
        if not p.system_fingerprint:
            answers.append("`system_fingerprint: null`")
        window = f"{p.context_window:,} / {p.max_output_tokens:,}"
        lines.append(f"| `{p.name}` | {snapshots} | {window} | {takes} | {refuses} | {'; '.join(answers) or '-'} |")
    return "\n".join(lines) + "\n"


def refusal_table() -> str:
    """Each kind of refusal once, with the `param` it names and where OpenAI's wording was seen."""
    seen: dict[str, Refusal] = {}
    for p in PROFILES:
        for r in p.refusals:
            seen.setdefault(r.name, r)
    lines = ["| refusal | `param` | wording seen in |", "| --- | --- | --- |"]
    lines += [f"| `{r.name}` | {r.param} | {r.source} |" for r in seen.values()]
    return "\n".join(lines) + "\n"
