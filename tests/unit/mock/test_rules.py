"""The cross-field rules' registry: every rule documented and exercised alone (`test_docs.py` checks the docs' table)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from chat_completions_mock._errors import ApiError
from chat_completions_mock._rules import PARAMS, RULES, Create, check_create
from mock_support import assert_valid, request, user

TOOL = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
CUSTOM = {"type": "custom", "custom": {"name": "c"}}
WINDOW = 20_000  # tokens: room for 2,049 short messages

#: rule name -> requests (fields changed in the seed request) that break that rule and no other, and the param.
EXAMPLES: dict[str, list[tuple[dict[str, Any], str]]] = {
    "model_given": [({"model": ""}, "model")],
    "parameters_are_known": [({"not_a_parameter": 1}, "not_a_parameter")],
    "model_takes_the_request": [
        ({"model": "o1-mini", "max_tokens": 5}, "max_tokens"),
        (
            {"model": "o1-mini", "messages": [{"role": "system", "content": "Be brief."}, *user("hi")]},
            "messages[0].role",
        ),
        ({"model": "gpt-5", "temperature": 0.2}, "temperature"),
        ({"web_search_options": {}}, "web_search_options"),
    ],
    "at_most_2048_messages": [({"messages": user("hi") * 2049}, "messages")],
    "stream_options_need_stream": [
        ({"stream_options": {"include_usage": True}}, "stream_options"),
        ({"stream_options": {"include_usage": True}, "stream": False}, "stream_options"),
    ],
    "token_limits_at_least_one": [
        ({"max_completion_tokens": 0}, "max_completion_tokens"),
        ({"max_tokens": -1}, "max_tokens"),
    ],
    "one_token_limit": [({"max_tokens": 5, "max_completion_tokens": 5}, "max_tokens")],
    "top_logprobs_need_logprobs": [
        ({"top_logprobs": 2}, "top_logprobs"),
        ({"top_logprobs": 2, "logprobs": False}, "top_logprobs"),
    ],
    "logit_bias_on_token_ids": [
        ({"logit_bias": {"hello": 5}}, "logit_bias"),
        ({"logit_bias": {"200019": 5}}, "logit_bias"),
        ({"logit_bias": {"42": -101}}, "logit_bias"),
    ],
    "metadata_limits": [
        ({"metadata": {f"k{i}": "v" for i in range(17)}}, "metadata"),
        ({"metadata": {"k" * 65: "v"}}, "metadata"),
        ({"metadata": {"k": "v" * 513}}, "metadata.k"),
    ],
    "tool_names_match_pattern": [
        ({"tools": [{"type": "function", "function": {"name": "bad name!"}}]}, "tools[0].function.name"),
        ({"tools": [TOOL, {"type": "custom", "custom": {"name": "x" * 65}}]}, "tools[1].custom.name"),
    ],
    "tool_names_unique": [({"tools": [TOOL, TOOL]}, "tools")],
    "tool_choice_needs_tools": [({"tool_choice": "auto"}, "tool_choice")],
    "parallel_tool_calls_need_tools": [({"parallel_tool_calls": True}, "parallel_tool_calls")],
    "tool_choice_names_a_tool": [
        ({"tools": [TOOL], "tool_choice": {"type": "function", "function": {"name": "g"}}}, "tool_choice"),
        ({"tools": [TOOL], "tool_choice": {"type": "custom", "custom": {"name": "f"}}}, "tool_choice"),
    ],
    "allowed_tools_are_tools": [
        (
            {
                "tools": [TOOL, CUSTOM],
                "tool_choice": {
                    "type": "allowed_tools",
                    "allowed_tools": {
                        "mode": "auto",
                        "tools": [
                            {"type": "custom", "custom": {"name": "c"}},
                            {"type": "function", "function": {"name": "g"}},
                        ],
                    },
                },
            },
            "tool_choice.allowed_tools.tools[1]",
        )
    ],
    "function_call_names_a_function": [
        ({"functions": [{"name": "f"}], "function_call": {"name": "g"}}, "function_call")
    ],
    "tool_parameters_are_schemas": [
        (
            {"tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "wat"}}}]},
            "tools[0].function.parameters",
        )
    ],
    "function_parameters_are_schemas": [
        ({"functions": [{"name": "f", "parameters": {"minimum": "x"}}]}, "functions[0].parameters")
    ],
    "response_schema_is_a_schema": [
        (
            {"response_format": {"type": "json_schema", "json_schema": {"name": "a", "schema": {"required": "x"}}}},
            "response_format.json_schema.schema",
        )
    ],
    "json_object_mentions_json": [({"response_format": {"type": "json_object"}}, "messages")],
    "json_schema_name_matches_pattern": [
        (
            {"response_format": {"type": "json_schema", "json_schema": {"name": "a b"}}},
            "response_format.json_schema.name",
        )
    ],
    "tool_messages_answer_calls": [
        ({"messages": [*user("a"), {"role": "tool", "tool_call_id": "call_1", "content": "x"}]}, "messages[1].role")
    ],
    "prompt_fits_the_context_window": [({"messages": user("word " * WINDOW)}, "messages")],
}


def _spells(pattern: str, param: str) -> bool:
    """Whether `param` is a spelling of a declared `pattern` (`i` an index, `KEY` a metadata key)."""
    regex = re.escape(pattern).replace(r"\[i\]", r"\[\d+\]").replace("KEY", r"[^.]+").replace("PARAMETER", ".+")
    return re.fullmatch(regex, param) is not None


def _create(fields: dict[str, Any]) -> Create:
    body = request(**fields)
    assert_valid("CreateChatCompletionRequest", body)  # rules run on schema-valid bodies only
    return Create(body, WINDOW)


def test_every_rule_has_an_example() -> None:
    names = [func.__name__ for func in RULES]
    assert len(set(names)) == len(names), "two rules share a name"
    missing = set(names) - set(EXAMPLES)
    assert not missing, f"give these rules an example in EXAMPLES ({__file__}): {sorted(missing)}"
    assert not set(EXAMPLES) - set(names), "EXAMPLES names rules that no longer exist"


@pytest.mark.parametrize(
    ("name", "fields", "param"),
    [(name, fields, param) for name, cases in EXAMPLES.items() for fields, param in cases],
    ids=[f"{name}-{i}" for name, cases in EXAMPLES.items() for i in range(len(cases))],
)
def test_each_example_breaks_its_rule_alone(name: str, fields: dict[str, Any], param: str) -> None:
    create = _create(fields)
    broken: dict[str, ApiError] = {}
    for func in RULES:
        try:
            func(create)
        except ApiError as error:
            broken[func.__name__] = error
    assert list(broken) == [name]
    assert (broken[name].status, broken[name].param) == (400, param)
    assert broken[name].message
    declared = PARAMS[next(func for func in RULES if func.__name__ == name)]
    assert any(_spells(pattern, param) for pattern in declared), f"{name} declares {declared}, answered {param}"
    with pytest.raises(ApiError) as raised:
        check_create(create)
    assert raised.value.param == param


def test_a_valid_request_passes_every_rule() -> None:
    check_create(Create(request(tools=[TOOL, CUSTOM], tool_choice="required", parallel_tool_calls=False), 1000))


def test_every_rule_says_what_it_mirrors_in_one_line() -> None:
    for func in RULES:
        doc = (func.__doc__ or "").strip()
        assert doc, f"rule {func.__name__} has no docstring"
        assert "\n" not in doc, f"rule {func.__name__}: keep its docstring to one line (it is the docs' table row)"
        assert PARAMS[func], f"rule {func.__name__} names no param"
