"""Normalise the trimmed upstream spec, one named step per upstream defect.

Each step is a function `step(spec) -> str | None` that edits the spec in place; its
docstring's first line names the defect it fixes. `STEPS` runs in order, and
`normalise(spec)` applies all of them. To learn where a field's type comes from,
read the field in `openapi/chat-completions.yaml`, then find the step below
that touches that keyword (`nullable`, `const`, `default`, `allOf`, ...).

Each step checks its own precondition, so that a changed upstream never ends in a traceback:
- the defect is gone upstream: the step changes nothing and returns a one-line note saying so;
- something the step relies on is missing or renamed: it raises `Expected(what)`, and `normalise`
  stops the run with `PipelineError(step name, "expected ...")`, one line naming both.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

from problems import Expected, PipelineError
from trim import prune, split_ref

Spec = dict[str, Any]
Step = Callable[[Spec], str | None]
STEPS: list[Step] = []
# Steps that make the spec agree with recorded real answers (openapi/evidence/) rather than fix an upstream defect;
# the change report says so for the changes they bring.
EVIDENCE_STEPS: set[str] = set()

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


def evidence_step(func: Step) -> Step:
    """Register `func` as the next step, one that follows what servers really send (see `EVIDENCE_STEPS`)."""
    EVIDENCE_STEPS.add(func.__name__)
    return step(func)


def normalise(spec: Spec, notes: list[str] | None = None, *, evidence: bool = True) -> Spec:
    """Apply every step in order, then drop components nothing refers to any more.

    A step that found nothing to fix appends `"<step>: <why>"` to `notes`. A step whose precondition
    fails stops the run with a `PipelineError` naming it; so does any other error inside a step.
    `evidence=False` leaves out the evidence steps (to tell which changes they bring).
    """
    for func in STEPS:
        if not evidence and func.__name__ in EVIDENCE_STEPS:
            continue
        try:
            note = func(spec)
        except PipelineError:
            raise
        except Expected as exc:
            raise PipelineError(func.__name__, f"expected {exc}") from None
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            # A precondition nobody wrote down yet: still one line, naming the step.
            raise PipelineError(func.__name__, f"unexpected spec shape ({type(exc).__name__}: {exc})") from None
        if note and notes is not None:
            notes.append(f"{func.__name__}: {note}")
    return prune(spec)


def dig(node: Any, *keys: str) -> Any:
    """`node[k1][k2]...`, or `Expected` naming the dotted path that is missing."""
    for depth, key in enumerate(keys):
        if not isinstance(node, dict) or key not in node:
            raise Expected(".".join(keys[: depth + 1]))
        node = node[key]
    return node


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
    return dig(spec, "components", "schemas")  # type: ignore[no-any-return]


def schema(spec: Spec, name: str, *keys: str) -> Any:
    """`components.schemas.<name>.<keys...>`, or `Expected` naming the full path that is missing."""
    return dig(spec, "components", "schemas", name, *keys)


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
    return dig(spec, "components", kind, name)  # type: ignore[no-any-return]


def create_operation(spec: Spec) -> dict[str, Any]:
    """POST /chat/completions, which several steps edit."""
    return dig(spec, "paths", "/chat/completions", "post")  # type: ignore[no-any-return]


# --- steps, in order -------------------------------------------------------------------------


@step
def drop_prose(spec: Spec) -> str | None:
    """Upstream prose (descriptions, summaries, examples, x-oaiMeta) is OpenAI's text: keep facts, not words."""
    prose = ("description", "summary", "example", "examples", "x-oaiMeta", "termsOfService", "contact")
    dropped = 0
    for node in walk(spec):
        for key in prose:
            dropped += node.pop(key, None) is not None
    return None if dropped else "no upstream prose found: nothing to drop"


@step
def drop_vendor_extensions(spec: Spec) -> str | None:
    """x-oaiTypeLabel, x-oaiExpandable and friends only steer OpenAI's own doc and SDK generators."""
    dropped = 0
    for node in walk(spec):
        for key in [k for k in node if k.startswith("x-") and k != "x-stainless-const"]:
            del node[key]
            dropped += 1
    return None if dropped else "no vendor extensions found: nothing to drop"


@step
def drop_titles(spec: Spec) -> str | None:
    """Titles collide ("JSON schema", "Allowed tools"): the generator names models by title, drops create."""
    dropped = 0
    for node in walk([spec.get("paths"), spec.get("components")]):  # info.title is the document's own name
        dropped += isinstance(node.pop("title", None), str)
    return None if dropped else "no titles found: nothing to drop"


@step
def fix_int64_bounds(spec: Spec) -> str | None:
    """`seed` bounds were written through a float (±9223372036854776000): use the exact int64 limits."""
    fixed = 0
    for node in walk(spec):
        if node.get("type") == "integer":
            if isinstance(node.get("minimum"), (int, float)) and node["minimum"] < INT64_MIN:
                node["minimum"] = INT64_MIN
                fixed += 1
            if isinstance(node.get("maximum"), (int, float)) and node["maximum"] > INT64_MAX:
                node["maximum"] = INT64_MAX
                fixed += 1
    return None if fixed else "no integer bound beyond int64: nothing to fix"


@step
def nullable_to_null_type(spec: Spec) -> str | None:
    """3.0-style `nullable: true` in a 3.1 document is ignored by validators: make null an explicit `anyOf` branch."""
    fixed = 0
    for node in walk(spec):
        if node.pop("nullable", False) is not True:
            continue
        fixed += 1
        for variants in (node.get("oneOf"), node.get("anyOf")):
            for variant in variants or []:
                variant.pop("nullable", None)  # null is covered once, at this level
        keep: dict[str, Any] = {k: node.pop(k) for k in ("description", "default", "deprecated") if k in node}
        inner = dict(node)
        if list(inner) == ["oneOf"] and len(inner["oneOf"]) == 1:
            inner = inner["oneOf"][0]
        node.clear()
        node["anyOf"] = [inner, {"type": "null"}]
        node.update(keep)
    return None if fixed else "no 3.0-style `nullable: true` left upstream: nothing to fix"


@step
def flatten_allof(spec: Spec) -> str | None:
    """allOf members redefine `top_logprobs` (int vs int|null); the generator can't merge them and drops create."""
    flattened = 0
    for node in list(walk(spec)):
        members = node.get("allOf")
        if not members:
            continue
        flattened += 1
        # Merging assumes object members and nothing beside the allOf that the merge would overwrite.
        if node.keys() - {"allOf", "description", "deprecated"}:
            raise Expected(
                f"an allOf with no siblings to overwrite, found allOf with {sorted(node.keys() - {'allOf'})}"
                " (teach flatten_allof to merge them)"
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
    return None if flattened else "no allOf left upstream: nothing to flatten"


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
def collapse_open_enums(spec: Spec) -> str | None:
    """`anyOf: [string, string-enum]` (model, voice ids) means any string: say so, keep known ids as examples."""
    collapsed = 0
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
            collapsed += 1
    return None if collapsed else "no `anyOf: [string, string-enum]` found: nothing to collapse"


@step
def move_defaults_to_descriptions(spec: Spec) -> str | None:
    """Upstream `default`s become attrs defaults that `to_dict()` sends unasked: document them in prose instead."""
    moved = 0
    for node in walk(spec):
        if "default" not in node:
            continue
        moved += 1
        value = node.pop("default")
        if value is None:
            continue
        note = f"Server default: `{_literal(value)}`."
        node["description"] = f"{node['description']} {note}" if node.get("description") else note
    return None if moved else "no `default` found: nothing to move"


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@step
def const_single_value_enums(spec: Spec) -> str | None:
    """One-value enums flagged x-stainless-const are constants: `const` makes a Literal, defaulted when required."""
    made = 0
    for node in walk(spec):
        props, required = node.get("properties"), node.get("required", [])
        if not isinstance(props, dict) or not isinstance(required, list):
            continue
        for name, prop in props.items():
            if not isinstance(prop, dict) or not prop.pop("x-stainless-const", False):
                continue
            values = prop.pop("enum", None)
            if not isinstance(values, list) or len(values) != 1:
                raise Expected(f"a one-value enum beside x-stainless-const on `{name}`, found enum {values!r}")
            prop["const"] = values[0]
            made += 1
            if name in required:
                prop["default"] = values[0]  # the only legal value: let callers leave it out
    for node in walk(spec):
        node.pop("x-stainless-const", None)
    return None if made else "no enum flagged x-stainless-const: nothing to make const"


MESSAGE_ROLES = ["developer", "system", "user", "assistant", "tool", "function"]


@step
def listed_messages_keep_their_roles(spec: Spec) -> str | None:
    """Listed messages reuse the reply schema, pinning `role` to assistant; the API lists each message's own role."""
    item = schema(spec, "ChatCompletionMessageList", "properties", "data", "items")
    role = dig(item, "properties", "role")
    if set(role.get("enum", [])) >= set(MESSAGE_ROLES):
        return "listed messages already allow every role: nothing to fix"
    item["properties"]["role"] = {"type": "string", "enum": list(MESSAGE_ROLES)}
    return None


@step
def listed_messages_carry_their_name(spec: Spec) -> str | None:
    """Listed messages lack the `name` a request message may set; the API lists it (null when unset), per its example."""
    props = schema(spec, "ChatCompletionMessageList", "properties", "data", "items", "properties")
    if "name" in props:
        return "listed messages already declare `name`: nothing to add"
    props["name"] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    return None


@step
def add_discriminator_mappings(spec: Spec) -> str | None:
    """Six discriminators lack `mapping`: map each tag to its variant so parsers pick it without trial and error."""
    added = 0
    for node in walk(spec):
        disc = node.get("discriminator")
        if not disc or "mapping" in disc:
            continue
        prop = dig(disc, "propertyName")
        mapping: dict[str, str] = {}
        for variant in node.get("oneOf") or node.get("anyOf") or []:
            tag = dig(resolve(spec, variant), "properties", prop) if "$ref" in variant else {}
            values = [tag["const"]] if "const" in tag else tag.get("enum", [])
            if len(values) != 1:
                raise Expected(f"each variant of the discriminator on `{prop}` to be a $ref with one tag value")
            mapping[values[0]] = variant["$ref"]
        disc["mapping"] = mapping
        added += 1
    return None if added else "every discriminator has a mapping upstream: nothing to add"


@step
def stream_custom_tool_calls(spec: Spec) -> str | None:
    """A chunk's tool-call delta allows only `function`, yet custom tools stream `custom: {name, input}` (openai-openapi#576)."""
    delta = schema(spec, "ChatCompletionMessageToolCallChunk", "properties")
    if "custom" in delta and "custom" in dig(delta, "type").get("enum", []):
        return "tool-call deltas already allow `custom` upstream: nothing to fix"
    dig(delta, "type")
    delta["type"] = {"type": "string", "enum": ["function", "custom"]}
    delta["custom"] = {
        "type": "object",
        "description": "A custom tool call's name (in its first delta) and a fragment of its free-form input.",
        "properties": {"name": {"type": "string"}, "input": {"type": "string"}},
    }
    return None


@step
def stream_as_sse_events(spec: Spec) -> None:
    """The stream response puts one chunk under text/event-stream; describe the SSE event whose `data` holds a chunk."""
    content = dig(create_operation(spec), "responses", "200", "content")
    chunk = dig(content, "text/event-stream", "schema")
    if "$ref" not in chunk:
        raise Expected("the text/event-stream schema of POST /chat/completions to be a $ref to the chunk schema")
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
def add_links(spec: Spec) -> str | None:
    """No OpenAPI links: stateful testers infer `completion_id` from the wrong field; link create's `id` explicitly."""
    targets = {
        "GetCompletion": "getChatCompletion",
        "UpdateCompletion": "updateChatCompletion",
        "DeleteCompletion": "deleteChatCompletion",
        "ListCompletionMessages": "getChatCompletionMessages",
    }
    response = dig(create_operation(spec), "responses", "200")
    if response.get("links"):
        return "create's 200 response has links upstream: nothing to add (kept them)"
    response["links"] = {
        name: {"operationId": op, "parameters": {"completion_id": "$response.body#/id"}} for name, op in targets.items()
    }
    return None


@step
def metadata_filter_as_deep_object(spec: Spec) -> str | None:
    """The list filter is used as `metadata[key]=value` but declared in form style with a nullable schema."""
    params = dig(spec, "paths", "/chat/completions", "get", "parameters")
    found = [p for p in params if isinstance(p, dict) and p.get("name") == "metadata"]
    if not found:
        raise Expected("a `metadata` query parameter on GET /chat/completions")
    param = found[0]
    if param.get("style") == "deepObject":
        return "the metadata filter is a deepObject upstream: nothing to fix"
    param["style"] = "deepObject"
    param["explode"] = True
    param["schema"] = {"type": "object", "additionalProperties": {"type": "string"}}
    return None


@step
def declare_bearer_auth(spec: Spec) -> None:
    """Upstream's bearer scheme is bare and shared with admin keys: keep one described `ApiKeyAuth`, required by all."""
    upstream = dig(spec, "components", "securitySchemes").values()
    if not any(s.get("type") == "http" and s.get("scheme", "").lower() == "bearer" for s in upstream):
        raise Expected("an http bearer security scheme upstream (the API key is sent as a Bearer token)")
    spec["components"]["securitySchemes"] = {
        "ApiKeyAuth": {"type": "http", "scheme": "bearer", "description": "An OpenAI API key, sent as a Bearer token."}
    }
    spec["security"] = [{"ApiKeyAuth": []}]


@step
def add_org_project_headers(spec: Spec) -> str | None:
    """Upstream omits the `OpenAI-Organization` and `OpenAI-Project` request headers that real servers accept."""
    documented = {
        resolve(spec, p).get("name", "").lower() for _, _, op in operations(spec) for p in op.get("parameters", [])
    }
    if {"openai-organization", "openai-project"} <= documented:
        return "upstream documents OpenAI-Organization and OpenAI-Project: nothing to add"
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
    return None


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
    error = schema(spec, "ErrorResponse")
    if "error" not in error.get("properties", {}):
        raise Expected("components.schemas.ErrorResponse to be an object with an `error` property")
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
    for path, method, op in operations(spec):
        response = op.get("responses", {}).get("200")
        if not isinstance(response, dict):
            raise Expected(f"a 200 response on {method.upper()} {path}")
        response.setdefault("headers", {})["x-request-id"] = copy.deepcopy(header)
    for response in spec["components"].get("responses", {}).values():
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
        op = spec["paths"][path].get(method)
        if not isinstance(op, dict) or op.get("operationId") != op_id:
            found = op.get("operationId") if isinstance(op, dict) else None
            raise Expected(f"{method.upper()} {path} with operationId {op_id!r}, found {found!r}")
        op["summary"] = OPERATION_TEXT[op_id]
        for response in op["responses"].values():
            if "$ref" not in response:
                response["description"] = "The requested object." if "content" in response else "Done."
        for param in op.get("parameters", []):
            if "$ref" not in param:
                # A parameter new upstream gets a plain line; the change report lists it for a better one.
                param["description"] = PARAMETER_TEXT.get(param["name"], f"The `{param['name']}` parameter.")


# --- evidence: what recorded real answers (openapi/evidence/) show the API sends ---------------------------------
# Each step's first docstring line names the fact and the recordings that prove it; regen.py validates every
# recorded OpenAI answer against the result, so a step that is dropped or wrong fails the run naming a recording.


def answer_schemas(spec: Spec) -> dict[str, dict[str, Any]]:
    """The completion and the stream chunk, found through POST /chat/completions' 200 answer (not by name)."""
    content = dig(create_operation(spec), "responses", "200", "content")
    event = resolve(spec, dig(content, "text/event-stream", "schema"))
    return {
        "completion": resolve(spec, dig(content, "application/json", "schema")),
        "chunk": resolve(spec, dig(event, "properties", "data", "contentSchema")),
    }


@evidence_step
def system_fingerprint_nullable(spec: Spec) -> str | None:
    """gpt-5, gpt-5-mini, gpt-4.5-preview answer `system_fingerprint: null` (evidence: pydantic-ai/openai__*gpt_5*)."""
    made = 0
    for answer in answer_schemas(spec).values():
        prop = dig(answer, "properties").get("system_fingerprint")
        if prop is None or {"type": "null"} in prop.get("anyOf", []):
            continue
        keep = {k: prop.pop(k) for k in ("description", "deprecated") if k in prop}
        inner = dict(prop)
        prop.clear()
        prop.update({"anyOf": [inner, {"type": "null"}], **keep})
        made += 1
    return None if made else "system_fingerprint is already nullable upstream (or gone): nothing to fix"


@evidence_step
def choice_logprobs_optional(spec: Spec) -> str | None:
    """gpt-5 family, o1-mini, o3-mini, gpt-4o-search-preview leave `logprobs` out of each choice (evidence: pydantic-ai/openai__*)."""
    choice = dig(answer_schemas(spec)["completion"], "properties", "choices", "items")
    dig(choice, "properties", "logprobs")
    required = choice.get("required", [])
    if "logprobs" not in required:
        return "a choice's logprobs is already optional upstream: nothing to fix"
    required.remove("logprobs")
    return None
