"""One measurement in a fresh process: `python -m bench.worker FIGURE CONTENDER URL [--repeat N]`.

Prints one JSON object: client CPU seconds (`time.process_time`) and wall seconds per unit of work,
and memory figures. FIGURE is `import`, `cold`, `call`, `parse`, `large` or `stream`; CONTENDER is `ours`,
`openai` or `httpx`. Every contender does the same work and touches the same fields of the answer.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from typing import Any

KEY = "sk-bench-0000"
MESSAGES = [{"role": "user", "content": "Say this is a test!"}]


def rss_mb() -> float:
    """Current resident set size, in MB (Linux /proc)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- contenders: (import + construct) -> (create, stream, touch) ---------------------------------------

Create = Callable[[str], Any]
Stream = Callable[[], int]


def make_ours(url: str) -> tuple[Create, Stream]:
    from chat_completions import Client

    client = Client(api_key=KEY, base_url=url, max_retries=0)
    create = client.chat.completions.create

    def stream() -> int:
        count = 0
        with create(model="bench-stream", messages=MESSAGES, stream=True) as chunks:
            for chunk in chunks:
                count += len(chunk.choices)
        return count

    return (lambda model: create(model=model, messages=MESSAGES)), stream


def make_openai(url: str) -> tuple[Create, Stream]:
    from openai import OpenAI

    client = OpenAI(api_key=KEY, base_url=url, max_retries=0)
    create = client.chat.completions.create

    def stream() -> int:
        count = 0
        with create(model="bench-stream", messages=MESSAGES, stream=True) as chunks:  # type: ignore[call-overload]
            for chunk in chunks:
                count += len(chunk.choices)
        return count

    return (lambda model: create(model=model, messages=MESSAGES)), stream  # type: ignore[call-overload]


def make_httpx(url: str) -> tuple[Create, Stream]:
    import httpx

    client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"})

    def create(model: str) -> Any:
        return client.post("/chat/completions", json={"model": model, "messages": MESSAGES}).json()

    def stream() -> int:
        count = 0
        with client.stream(
            "POST", "/chat/completions", json={"model": "bench-stream", "messages": MESSAGES, "stream": True}
        ) as r:
            for line in r.iter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    count += len(json.loads(line[6:])["choices"])
        return count

    return create, stream


def make_import_httpx(url: str) -> tuple[Create, Stream]:
    """The reference for import cost: `import httpx` alone, no client."""
    import httpx  # noqa: F401

    def unused(*args: Any) -> Any:
        raise NotImplementedError

    return unused, unused


CONTENDERS = {"ours": make_ours, "openai": make_openai, "httpx": make_httpx, "import httpx": make_import_httpx}


# --- `parse`: a structured output decoded into the same small pydantic model by each contender ---------------------


def location_model() -> Any:
    import pydantic

    class Location(pydantic.BaseModel):
        city: str
        temperature: float
        units: str
        tags: list[str]

    return Location


def parse_ours(url: str) -> Callable[[], int]:
    from chat_completions import Client

    client, model = Client(api_key=KEY, base_url=url, max_retries=0), location_model()
    parse = client.chat.completions.parse
    return lambda: len(
        parse(model="bench-parse", messages=MESSAGES, response_format=model).choices[0].message.parsed.city
    )


def parse_openai(url: str) -> Callable[[], int]:
    from openai import OpenAI

    client, model = OpenAI(api_key=KEY, base_url=url, max_retries=0), location_model()
    parse = client.chat.completions.parse
    return lambda: len(
        parse(model="bench-parse", messages=MESSAGES, response_format=model).choices[0].message.parsed.city
    )  # type: ignore[union-attr]


def parse_httpx(url: str) -> Callable[[], int]:
    """The floor: the plain create of raw httpx (the same body) plus the decoding (pydantic's `model_validate_json`)."""
    import httpx

    client, model = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"}), location_model()
    schema = {"name": "Location", "schema": model.model_json_schema(), "strict": True}  # the same request size
    body = {
        "model": "bench-parse",
        "messages": MESSAGES,
        "response_format": {"type": "json_schema", "json_schema": schema},
    }

    def work() -> int:
        answer = client.post("/chat/completions", json=body).json()
        return len(model.model_validate_json(answer["choices"][0]["message"]["content"]).city)

    return work


PARSERS = {"ours": parse_ours, "openai": parse_openai, "httpx": parse_httpx}


def touch(answer: Any) -> int:
    """Read the same fields from every contender's answer: all contents and every logprob list."""
    if isinstance(answer, dict):
        total = 0
        for choice in answer["choices"]:
            total += len(choice["message"]["content"])
            if choice["logprobs"]:
                total += sum(len(t["top_logprobs"]) for t in choice["logprobs"]["content"])
        return total
    total = 0
    for choice in answer.choices:
        total += len(choice.message.content)
        if choice.logprobs:
            total += sum(len(t.top_logprobs) for t in choice.logprobs.content)
    return total


def measure(figure: str, contender: str, url: str, repeat: int) -> dict[str, Any]:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    create, stream = CONTENDERS[contender](url)
    cpu1, wall1 = time.process_time(), time.perf_counter()
    result: dict[str, Any] = {"figure": figure, "contender": contender, "rss_after_import_mb": rss_mb()}
    if figure == "import":
        result.update(cpu=cpu1 - cpu0, wall=wall1 - wall0)
        return result
    if figure == "cold":  # what a short-lived process pays: import, client, and its first request
        touch(create("bench-small"))
        cpu2, wall2 = time.process_time(), time.perf_counter()
        result.update(cpu=cpu2 - cpu0, wall=wall2 - wall0)
        return result

    if figure == "stream":
        work: Callable[[], int] = stream
    elif figure == "parse":
        work = PARSERS[contender](url)
    else:
        model = "bench-large" if figure == "large" else "bench-small"

        def work() -> int:
            return touch(create(model))

    warmup = 2 if figure in ("large", "stream") else 50
    for _ in range(warmup):
        work()
    baseline_peak = peak_rss_mb()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        work()
    cpu1, wall1 = time.process_time(), time.perf_counter()
    result.update(cpu=(cpu1 - cpu0) / repeat, wall=(wall1 - wall0) / repeat)
    result.update(peak_rss_mb=peak_rss_mb(), peak_before_mb=baseline_peak)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("figure", choices=["import", "cold", "call", "parse", "large", "stream"])
    parser.add_argument("contender", choices=sorted(CONTENDERS))
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(measure(args.figure, args.contender, args.url, args.repeat)))


if __name__ == "__main__":
    main()
