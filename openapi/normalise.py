"""Normalise the trimmed upstream spec, one named step per upstream defect.

Each step is a function `step(spec) -> None` that edits the spec in place; its
docstring's first line names the defect it fixes. `STEPS` runs in order, and
`normalise(spec)` applies all of them. To learn where a field's type comes from,
read the field in `openapi/chat-completions.yaml`, then find the step below
that touches that keyword (`nullable`, `const`, `default`, `allOf`, ...).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from trim import prune, split_ref

Spec = dict[str, Any]
Step = Callable[[Spec], None]
STEPS: list[Step] = []

# Operations, in the order the generated client lists them.
OPERATIONS = {
    ("/chat/completions", "post"): "createChatCompletion",
    ("/chat/completions", "get"): "listChatCompletions",
    ("/chat/completions/{completion_id}", "get"): "getChatCompletion",
    ("/chat/completions/{completion_id}", "post"): "updateChatCompletion",
    ("/chat/completions/{completion_id}", "delete"): "deleteChatCompletion",
    ("/chat/completions/{completion_id}/messages", "get"): "getChatCompletionMessages",
}
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Media type of an SSE event's `data` in a stream (see stream_as_sse_events): one JSON chunk, or the
# literal `[DONE]`. No `+json` suffix, since `[DONE]` is not JSON; the contract tests register its parser.
CHUNK_MEDIA_TYPE = "application/vnd.chat-completions.chunk"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def step(func: Step) -> Step:
    """Register `func` as the next normalisation step."""
    STEPS.append(func)
    return func


def normalise(spec: Spec) -> Spec:
    """Apply every step in order, then drop components nothing refers to any more."""
    for func in STEPS:
        func(spec)
    return prune(spec)


# Keys whose value maps *names* (field names, paths, status codes...) to objects, not keywords to values.
NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "$defs",
        "schemas",
        "paths",
        "responses",
        "headers",
        "content",
        "links",
        "mapping",
        "securitySchemes",
        "parameters",
        "requestBodies",
        "callbacks",
        "encoding",
    }
)
# Keys whose value is data (a JSON value), never part of the spec's structure.
DATA_KEYS = frozenset({"default", "const", "enum", "examples", "example", "x-oaiMeta"})


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every keyword object below `node` (schemas, operations, ...), parents first; name maps are looked through."""
    if isinstance(node, list):
        for item in node:
            yield from walk(item)
    elif isinstance(node, dict):
        yield node
        for key, value in list(node.items()):  # the caller may have edited `node` meanwhile
            if key in DATA_KEYS:
                continue
            if key in NAME_MAPS and isinstance(value, dict):
                for child in list(value.values()):
                    yield from walk(child)
            else:
                yield from walk(value)


def schemas(spec: Spec) -> dict[str, Any]:
    return spec["components"]["schemas"]  # type: ignore[no-any-return]


def operations(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(spec: Spec, node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (once) to the component it names."""
    if "$ref" not in node:
        return node
    kind, name = split_ref(node["$ref"])
    return spec["components"][kind][name]  # type: ignore[no-any-return]


# --- steps, in order -------------------------------------------------------------------------


@step
def drop_prose(spec: Spec) -> None:
    """Upstream prose (descriptions, summaries, examples, x-oaiMeta) is OpenAI's text: keep facts, not words."""
    prose = ("description", "summary", "example", "examples", "x-oaiMeta", "termsOfService", "contact")
    for node in walk(spec):
        for key in prose:
            node.pop(key, None)


@step
def drop_vendor_extensions(spec: Spec) -> None:
    """x-oaiTypeLabel, x-oaiExpandable and friends only steer OpenAI's own doc and SDK generators."""
    for node in walk(spec):
        for key in [k for k in node if k.startswith("x-") and k != "x-stainless-const"]:
            del node[key]


@step
def drop_titles(spec: Spec) -> None:
    """Titles collide ("JSON schema", "Allowed tools"): the generator names models by title, drops create."""
    for node in walk(spec):
        node.pop("title", None)


@step
def fix_int64_bounds(spec: Spec) -> None:
    """`seed` bounds were written through a float (±9223372036854776000): use the exact int64 limits."""
    for node in walk(spec):
        if node.get("type") == "integer":
            if isinstance(node.get("minimum"), (int, float)) and node["minimum"] < INT64_MIN:
                node["minimum"] = INT64_MIN
            if isinstance(node.get("maximum"), (int, float)) and node["maximum"] > INT64_MAX:
                node["maximum"] = INT64_MAX


@step
def nullable_to_null_type(spec: Spec) -> None:
    """3.0-style `nullable: true` in a 3.1 document is ignored by validators: make null an explicit `anyOf` branch."""
    for node in walk(spec):
        if node.pop("nullable", False) is not True:
            continue
        for variants in (node.get("oneOf"), node.get("anyOf")):
            for variant in variants or []:
                variant.pop("nullable", None)  # null is covered once, at this level
        keep = {k: node.pop(k) for k in ("description", "default", "deprecated") if k in node}
        inner = dict(node)
        if list(inner) == ["oneOf"] and len(inner["oneOf"]) == 1:
            inner = inner["oneOf"][0]
        node.clear()
        node["anyOf"] = [inner, {"type": "null"}]
        node.update(keep)


@step
def flatten_allof(spec: Spec) -> None:
    """allOf members redefine `top_logprobs` (int vs int|null); the generator can't merge them and drops create."""
    for node in list(walk(spec)):
        members = node.get("allOf")
        if not members:
            continue
        # Merging assumes object members and nothing beside the allOf that the merge would overwrite.
        if node.keys() - {"allOf", "description", "deprecated"}:
            raise ValueError(
                f"allOf with siblings {sorted(node.keys() - {'allOf'})}: teach flatten_allof to merge them"
            )
        merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        for member in members:
            part = _flattened(spec, member)
            merged["properties"].update(copy.deepcopy(part.get("properties", {})))  # later members win
            merged["required"] += [r for r in part.get("required", []) if r not in merged["required"]]
            for key, value in part.items():
                if key not in ("type", "properties", "required", "allOf"):
                    merged[key] = copy.deepcopy(value)
        if not merged["required"]:
            del merged["required"]
        del node["allOf"]
        for key, value in merged.items():
            node.setdefault(key, value) if key not in ("properties", "required") else node.__setitem__(key, value)


def _flattened(spec: Spec, member: dict[str, Any]) -> dict[str, Any]:
    target = resolve(spec, member)
    if "allOf" not in target:
        return target
    combined: dict[str, Any] = {"properties": {}, "required": []}
    for inner in target["allOf"]:
        part = _flattened(spec, inner)
        combined["properties"].update(part.get("properties", {}))
        combined["required"] += [r for r in part.get("required", []) if r not in combined["required"]]
    combined.update({k: v for k, v in target.items() if k not in ("allOf", "properties", "required")})
    return combined


@step
def collapse_open_enums(spec: Spec) -> None:
    """`anyOf: [string, string-enum]` (model, voice ids) means any string: say so, keep known ids as examples."""
    for node in walk(spec):
        variants = node.get("anyOf")
        if not variants or len(variants) != 2:
            continue
        plain = [v for v in variants if v == {"type": "string"}]
        known = [v for v in variants if v.get("type") == "string" and "enum" in v]
        if len(plain) == 1 and len(known) == 1:
            del node["anyOf"]
            node["type"] = "string"
            node["examples"] = list(known[0]["enum"])


@step
def move_defaults_to_descriptions(spec: Spec) -> None:
    """Upstream `default`s become attrs defaults that `to_dict()` sends unasked: document them in prose instead."""
    for node in walk(spec):
        if "default" not in node:
            continue
        value = node.pop("default")
        if value is None:
            continue
        note = f"Server default: `{_literal(value)}`."
        node["description"] = f"{node['description']} {note}" if node.get("description") else note


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@step
def const_single_value_enums(spec: Spec) -> None:
    """One-value enums flagged x-stainless-const are constants: `const` makes a Literal, defaulted when required."""
    for node in walk(spec):
        props, required = node.get("properties"), node.get("required", [])
        if not isinstance(props, dict) or not isinstance(required, list):
            continue
        for name, prop in props.items():
            if not isinstance(prop, dict) or not prop.pop("x-stainless-const", False):
                continue
            (value,) = prop.pop("enum")
            prop["const"] = value
            if name in required:
                prop["default"] = value  # the only legal value: let callers leave it out
    for node in walk(spec):
        node.pop("x-stainless-const", None)


MESSAGE_ROLES = ["developer", "system", "user", "assistant", "tool", "function"]


@step
def listed_messages_keep_their_roles(spec: Spec) -> None:
    """Listed messages reuse the reply schema, pinning `role` to assistant; the API lists each message's own role."""
    item = schemas(spec)["ChatCompletionMessageList"]["properties"]["data"]["items"]
    item["properties"]["role"] = {"type": "string", "enum": list(MESSAGE_ROLES)}


@step
def add_discriminator_mappings(spec: Spec) -> None:
    """Six discriminators lack `mapping`: map each tag to its variant so parsers pick it without trial and error."""
    for node in walk(spec):
        disc = node.get("discriminator")
        if not disc or "mapping" in disc:
            continue
        prop = disc["propertyName"]
        mapping: dict[str, str] = {}
        for variant in node.get("oneOf") or node.get("anyOf") or []:
            target = resolve(spec, variant)
            tag = target["properties"][prop]
            values = [tag["const"]] if "const" in tag else tag.get("enum", [])
            if "$ref" not in variant or len(values) != 1:
                raise ValueError(f"discriminator on {prop!r}: variant {variant} has no single tag value")
            mapping[values[0]] = variant["$ref"]
        disc["mapping"] = mapping


@step
def stream_custom_tool_calls(spec: Spec) -> None:
    """A chunk's tool-call delta allows only `function`, yet custom tools stream `custom: {name, input}` (openai-openapi#576)."""
    delta = schemas(spec)["ChatCompletionMessageToolCallChunk"]["properties"]
    delta["type"] = {"type": "string", "enum": ["function", "custom"]}
    delta["custom"] = {
        "type": "object",
        "description": "A custom tool call's name (in its first delta) and a fragment of its free-form input.",
        "properties": {"name": {"type": "string"}, "input": {"type": "string"}},
    }


@step
def stream_as_sse_events(spec: Spec) -> None:
    """The stream response puts one chunk under text/event-stream; describe the SSE event whose `data` holds a chunk."""
    content = spec["paths"]["/chat/completions"]["post"]["responses"]["200"]["content"]
    chunk = content["text/event-stream"]["schema"]
    content["text/event-stream"]["schema"] = {"$ref": "#/components/schemas/ChatCompletionStreamEvent"}
    schemas(spec)["ChatCompletionStreamEvent"] = {
        "type": "object",
        "description": (
            "One server-sent event of a streamed completion. `data` holds one JSON-encoded "
            "chunk, or the literal `[DONE]` that ends the stream."
        ),
        "required": ["data"],
        "properties": {
            "data": {"type": "string", "contentMediaType": CHUNK_MEDIA_TYPE, "contentSchema": chunk},
            "event": {"type": "string"},
            "id": {"type": "string"},
            "retry": {"type": "integer"},
        },
    }


@step
def add_links(spec: Spec) -> None:
    """No OpenAPI links: stateful testers infer `completion_id` from the wrong field; link create's `id` explicitly."""
    targets = {
        "GetCompletion": "getChatCompletion",
        "UpdateCompletion": "updateChatCompletion",
        "DeleteCompletion": "deleteChatCompletion",
        "ListCompletionMessages": "getChatCompletionMessages",
    }
    response = spec["paths"]["/chat/completions"]["post"]["responses"]["200"]
    response["links"] = {
        name: {"operationId": op, "parameters": {"completion_id": "$response.body#/id"}} for name, op in targets.items()
    }


@step
def metadata_filter_as_deep_object(spec: Spec) -> None:
    """The list filter is used as `metadata[key]=value` but declared in form style with a nullable schema."""
    for param in spec["paths"]["/chat/completions"]["get"]["parameters"]:
        if param.get("name") == "metadata":
            param["style"] = "deepObject"
            param["explode"] = True
            param["schema"] = {"type": "object", "additionalProperties": {"type": "string"}}


@step
def declare_bearer_auth(spec: Spec) -> None:
    """Upstream's bearer scheme is bare and shared with admin keys: keep one described `ApiKeyAuth`, required by all."""
    spec["components"].setdefault("securitySchemes", {})
    spec["components"]["securitySchemes"] = {
        "ApiKeyAuth": {"type": "http", "scheme": "bearer", "description": "An OpenAI API key, sent as a Bearer token."}
    }
    spec["security"] = [{"ApiKeyAuth": []}]


@step
def add_org_project_headers(spec: Spec) -> None:
    """Upstream omits the `OpenAI-Organization` and `OpenAI-Project` request headers that real servers accept."""
    params = spec["components"].setdefault("parameters", {})
    refs = []
    for name, header, what in (
        ("OpenAIOrganization", "OpenAI-Organization", "Organization"),
        ("OpenAIProject", "OpenAI-Project", "Project"),
    ):
        params[name] = {
            "name": header,
            "in": "header",
            "required": False,
            "description": f"{what} the request is billed to, for keys that belong to several.",
            "schema": {"type": "string"},
        }
        refs.append({"$ref": f"#/components/parameters/{name}"})
    for _, _, op in operations(spec):
        op["parameters"] = list(op.get("parameters", [])) + copy.deepcopy(refs)


ERROR_RESPONSES = {
    "400": ("BadRequest", "The request is malformed or a parameter is invalid."),
    "401": ("Unauthorized", "No API key, or an invalid one."),
    "403": ("Forbidden", "The key may not use this resource or model."),
    "404": ("NotFound", "No such completion or model."),
    "409": ("Conflict", "The resource was changed concurrently."),
    "422": ("UnprocessableEntity", "The request is well-formed but cannot be processed."),
    "429": ("TooManyRequests", "Rate limit or quota exceeded; retry after the delay the headers give."),
    "500": ("InternalServerError", "The server failed; the request may be retried."),
}


@step
def add_error_responses(spec: Spec) -> None:
    """Only 200/429 are documented; real servers answer 400/401/403/404/409/422/500 with an `{"error": ...}` body."""
    responses = spec["components"].setdefault("responses", {})
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    for name, text in ERROR_RESPONSES.values():
        kept = responses.get(name, {}).get("headers")  # upstream's 429 keeps its `Retry-After` as it is
        responses[name] = {"description": text, "content": copy.deepcopy(body)}
        if kept:
            responses[name]["headers"] = kept
    retry = responses["TooManyRequests"].setdefault("headers", {})
    if "Retry-After" in retry:
        retry["Retry-After"]["description"] = "Seconds to wait before retrying."
    # OpenAI's 429s also say the delay in milliseconds, which upstream leaves out.
    retry["retry-after-ms"] = {
        "description": "Milliseconds to wait before retrying.",
        "schema": {"type": "number", "minimum": 0},
    }
    for _, _, op in operations(spec):
        documented = op["responses"]
        for code, (name, _text) in ERROR_RESPONSES.items():
            documented[code] = {"$ref": f"#/components/responses/{name}"}


@step
def add_request_id_header(spec: Spec) -> None:
    """Upstream documents no response headers, yet every answer carries `x-request-id`, which users quote to support."""
    header = {"description": "Identifier of this request, for support.", "schema": {"type": "string"}}
    for _, _, op in operations(spec):
        response = op["responses"]["200"]
        response.setdefault("headers", {})["x-request-id"] = copy.deepcopy(header)
    for response in spec["components"]["responses"].values():
        response.setdefault("headers", {})["x-request-id"] = copy.deepcopy(header)


OPERATION_TEXT = {
    "createChatCompletion": "Answer a conversation; with `stream: true` the answer comes as a stream of chunks.",
    "listChatCompletions": "List completions that were created with `store: true`, page by page.",
    "getChatCompletion": "Get one stored completion.",
    "updateChatCompletion": "Replace the `metadata` of a stored completion.",
    "deleteChatCompletion": "Delete a stored completion.",
    "getChatCompletionMessages": "List the messages of a stored completion, page by page.",
}


PARAMETER_TEXT = {
    "completion_id": "Id of a stored completion (`chatcmpl-...`).",
    "model": "Only completions made with this model.",
    "metadata": "Only completions whose metadata holds these pairs, sent as `metadata[key]=value`.",
    "after": "Id of the last item of the previous page; this page starts after it.",
    "limit": "Largest number of items to return.",
    "order": "Sort by creation time, `asc` or `desc`.",
}


@step
def describe_in_our_words(spec: Spec) -> None:
    """With upstream prose dropped, give the document and each operation a short description of our own."""
    spec["info"] = {
        "title": "Chat Completions API",
        "version": spec["info"]["version"],
        "description": (
            "The Chat Completions part of OpenAI's REST API, trimmed and normalised from OpenAI's "
            "published OpenAPI document (MIT licence, see LICENSE-openai beside this file)."
        ),
        "license": {"name": "MIT", "identifier": "MIT"},
    }
    for (path, method), op_id in OPERATIONS.items():
        op = spec["paths"][path][method]
        if op.get("operationId") != op_id:
            raise ValueError(
                f"{method.upper()} {path}: expected operationId {op_id!r}, found {op.get('operationId')!r}"
            )
        op["summary"] = OPERATION_TEXT[op_id]
        for response in op["responses"].values():
            if "$ref" not in response:
                response["description"] = "The requested object." if "content" in response else "Done."
        for param in op.get("parameters", []):
            if "$ref" not in param:
                param["description"] = PARAMETER_TEXT[param["name"]]
