"""The promises, as data: id, one-line statement, group and source, and the Markdown table the docs carry."""

from __future__ import annotations

from dataclasses import dataclass

from ._checks import CHECKS, why

API = "https://platform.openai.com/docs/api-reference/chat"
SPEC = "openapi/chat-completions.yaml#/paths/~1chat~1completions"
SPEC_ITEM = "openapi/chat-completions.yaml#/paths/~1chat~1completions~1{completion_id}"


@dataclass(frozen=True)
class Group:
    """A capability: `slug` is what `--only`/`--require` take, `title` what reports show."""

    slug: str
    title: str


GROUPS = (
    Group("auth", "auth"),
    Group("validation", "validation and error bodies"),
    Group("models", "models"),
    Group("semantics", "completion semantics"),
    Group("tools", "tools"),
    Group("structured-output", "structured output"),
    Group("logprobs", "logprobs"),
    Group("streaming", "streaming framing"),
    Group("stored", "stored completions"),
    Group("headers", "headers"),
)
GROUP_OF_SLUG = {g.slug: g for g in GROUPS}


@dataclass(frozen=True)
class Promise:
    """One promise a server makes: `id` (a check name), `statement`, `group` (a slug), `source`, and `by`
    (`suite` for this package's checks, `schemathesis` for schemathesis's built-in checks)."""

    id: str
    statement: str
    group: str
    source: str
    by: str = "suite"


#: schemathesis's built-in checks the suite runs, with what each promises.
BUILTIN_STATEMENTS = {
    "not_a_server_error": "No request, valid or not, gets a 5xx.",
    "status_code_conformance": "Every status code answered is one the spec documents for that operation.",
    "content_type_conformance": "Every answer's content type is one the spec documents for its status.",
    "response_schema_conformance": "Every answer's body (and each stream event) matches the spec's schema for it.",
    "negative_data_rejection": "A request the spec says is invalid gets a 4xx, never a 2xx.",
    "positive_data_acceptance": "A request the spec says is valid (and the API's own rules allow) gets a 2xx.",
    "ignored_auth": "An operation that requires a key refuses requests without one or with a wrong one.",
    "unsupported_method": "A method the spec does not list for a path gets 405 with an `Allow` header.",
    "use_after_free": "A deleted completion stays deleted: no later request finds it.",
}

_TABLE: tuple[tuple[str, str, str], ...] = (
    # auth
    ("missing_key_is_401", "auth", "https://platform.openai.com/docs/api-reference/authentication"),
    ("wrong_key_is_401", "auth", "https://platform.openai.com/docs/api-reference/authentication"),
    ("ignored_auth", "auth", "openapi/chat-completions.yaml#/security"),
    # validation and error bodies
    ("error_body_is_openai_shaped", "validation", "openapi/chat-completions.yaml#/components/schemas/ErrorResponse"),
    ("invalid_request_names_param", "validation", "https://platform.openai.com/docs/guides/error-codes"),
    ("context_overflow_is_reported", "validation", "https://platform.openai.com/docs/guides/error-codes"),
    ("out_of_vocabulary_logit_bias_is_rejected", "validation", f"{API}/create#chat-create-logit_bias"),
    ("bad_tool_name_is_rejected", "validation", f"{API}/create#chat-create-tools"),
    ("not_a_server_error", "validation", f"{SPEC}/post/responses"),
    ("status_code_conformance", "validation", f"{SPEC}/post/responses"),
    ("negative_data_rejection", "validation", f"{SPEC}/post/requestBody"),
    ("positive_data_acceptance", "validation", f"{SPEC}/post/requestBody"),
    ("unsupported_method", "validation", "openapi/chat-completions.yaml#/paths"),
    ("unsupported_parameter_is_400", "validation", "https://platform.openai.com/docs/guides/error-codes"),
    # models
    ("unknown_model_is_404", "models", "https://platform.openai.com/docs/api-reference/models/retrieve"),
    # completion semantics
    ("object_names_the_type", "semantics", f"{API}/object"),
    ("choices_match_n", "semantics", f"{API}/create#chat-create-n"),
    ("usage_adds_up", "semantics", f"{API}/object#chat/object-usage"),
    ("usage_details_add_up", "semantics", f"{API}/object#chat/object-usage"),
    ("finish_reason_is_known", "semantics", f"{API}/object#chat/object-choices"),
    ("token_limit_is_respected", "semantics", f"{API}/create#chat-create-max_completion_tokens"),
    ("max_tokens_is_honoured", "semantics", f"{API}/create#chat-create-max_tokens"),
    ("stop_sequence_is_not_in_content", "semantics", f"{API}/create#chat-create-stop"),
    ("seed_gives_same_fingerprint", "semantics", f"{API}/create#chat-create-seed"),
    ("model_is_echoed", "semantics", f"{API}/object#chat/object-model"),
    ("response_schema_conformance", "semantics", f"{SPEC}/post/responses/200"),
    # tools
    ("tool_calls_are_valid", "tools", f"{API}/create#chat-create-tool_choice"),
    ("tool_choice_none_means_no_call", "tools", f"{API}/create#chat-create-tool_choice"),
    ("parallel_tool_calls_false_means_one_call", "tools", f"{API}/create#chat-create-parallel_tool_calls"),
    ("tool_call_ids_are_unique", "tools", "https://platform.openai.com/docs/guides/function-calling"),
    # structured output
    ("json_schema_is_followed", "structured-output", "https://platform.openai.com/docs/guides/structured-outputs"),
    ("json_object_is_an_object", "structured-output", f"{API}/create#chat-create-response_format"),
    ("json_object_needs_json_mention", "structured-output", f"{API}/create#chat-create-response_format"),
    # logprobs
    ("logprobs_are_complete", "logprobs", f"{API}/create#chat-create-top_logprobs"),
    ("logprobs_are_probabilities", "logprobs", f"{API}/object#chat/object-choices"),
    # streaming framing
    ("stream_is_well_framed", "streaming", f"{API}/streaming"),
    ("stream_has_one_id", "streaming", f"{API}/streaming#chat/streaming-id"),
    ("stream_choices_match_n", "streaming", f"{API}/create#chat-create-n"),
    ("stream_role_comes_first", "streaming", f"{API}/streaming#chat/streaming-choices"),
    ("stream_finishes_once_per_choice", "streaming", f"{API}/streaming#chat/streaming-choices"),
    ("stream_usage_chunk_when_asked", "streaming", f"{API}/create#chat-create-stream_options"),
    ("stream_usage_matches_non_stream", "streaming", f"{API}/create#chat-create-stream_options"),
    ("stream_tool_arguments_are_json", "streaming", f"{API}/streaming#chat/streaming-choices"),
    # stored completions
    ("stored_completion_can_be_read_back", "stored", f"{API}/get"),
    ("metadata_update_is_kept", "stored", f"{API}/update"),
    ("list_filters_by_metadata", "stored", f"{API}/list#chat-list-metadata"),
    ("list_page_is_consistent", "stored", f"{API}/list"),
    ("list_respects_limit_and_order", "stored", f"{API}/list#chat-list-order"),
    ("pagination_walks_every_item_once", "stored", f"{API}/list#chat-list-after"),
    ("stored_messages_are_listed", "stored", f"{API}/getMessages"),
    ("delete_confirms", "stored", f"{API}/delete"),
    ("deleted_is_gone_everywhere", "stored", f"{SPEC_ITEM}/delete"),
    ("unknown_completion_is_404", "stored", f"{SPEC_ITEM}/get/responses/404"),
    ("use_after_free", "stored", f"{SPEC_ITEM}/delete"),
    # headers
    ("json_answers_say_json", "headers", f"{SPEC}/post/responses/200/content"),
    ("x_request_id_on_every_answer", "headers", "https://platform.openai.com/docs/api-reference/debugging-requests"),
    ("content_type_conformance", "headers", f"{SPEC}/post/responses"),
)


def _promise(promise_id: str, group: str, source: str) -> Promise:
    if promise_id in BUILTIN_STATEMENTS:
        return Promise(promise_id, BUILTIN_STATEMENTS[promise_id], group, source, by="schemathesis")
    return Promise(promise_id, why(promise_id), group, source)


#: Every promise the suite checks, in report order.
PROMISES: tuple[Promise, ...] = tuple(_promise(*row) for row in _TABLE)
PROMISE_BY_ID = {p.id: p for p in PROMISES}
assert set(CHECKS) <= set(PROMISE_BY_ID), sorted(set(CHECKS) - set(PROMISE_BY_ID))


def promises_of(group: str) -> list[Promise]:
    """The promises of one group (a slug)."""
    return [p for p in PROMISES if p.group == group]


def render_promises_markdown() -> str:
    """The promise list as Markdown, one table per group (what docs/contract.md carries)."""
    lines = [f"{len(PROMISES)} promises in {len(GROUPS)} groups.", ""]
    for group in GROUPS:
        lines += [
            f"### {group.title} (`{group.slug}`)",
            "",
            "| id | promise | source | checked by |",
            "|---|---|---|---|",
        ]
        for p in promises_of(group.slug):
            statement = p.statement.replace("|", "\\|")
            source = f"[{_label(p.source)}]({p.source})" if p.source.startswith("http") else f"`{p.source}`"
            lines.append(f"| `{p.id}` | {statement} | {source} | {p.by} |")
        lines.append("")
    return "\n".join(lines)


def _label(url: str) -> str:
    return url.removeprefix("https://").removeprefix("platform.openai.com/docs/")
