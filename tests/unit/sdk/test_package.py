"""The package surface: cheap import, documented public names, py.typed."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import chat_completions as cc
from sdk_support import API_KEY


def test_import_and_construct_load_neither_httpx_nor_attrs_nor_models() -> None:
    code = (
        "import sys, chat_completions as cc\n"
        "c = cc.Client(api_key='sk-x'); a = cc.AsyncClient(api_key='sk-x'); c.with_options(timeout=1)\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('httpx', 'httpcore', 'attrs', 'attr', 'chat_completions_api', 'ssl', 'httpx_sse', 'anyio',"
        " 'msgspec', 'jiter', 'pydantic', 'json'))\n"
        "print(heavy, 'chat_completions._azure' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[] False"  # nor the Azure clients: they load when first named


def test_public_names_are_exported_and_documented() -> None:
    assert sorted(cc.__all__) == sorted(set(cc.__all__))
    for name in cc.__all__:
        obj = getattr(cc, name)
        if inspect.isclass(obj):
            assert (obj.__doc__ or "").strip(), name
            assert obj.__module__.startswith("chat_completions"), name
    for method in (cc.Client.with_options, cc.Client.close, cc.AsyncClient.aclose, cc.Stream.close):
        assert method.__doc__
    assert (Path(cc.__file__).parent / "py.typed").is_file()


def test_clients_share_one_ssl_context() -> None:
    a, b = cc.Client(api_key=API_KEY), cc.Client(api_key=API_KEY)
    try:
        pools = [c._requester().http._transport._pool for c in (a, b)]  # type: ignore[attr-defined]
        assert pools[0] is not pools[1]
        assert pools[0]._ssl_context is pools[1]._ssl_context
    finally:
        a.close()
        b.close()


def _imports(module: Path) -> set[str]:
    """The package-relative modules `module` imports anywhere (at run time or for type checking)."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names.update([node.module] if node.module else [alias.name for alias in node.names])
    return names


def test_the_resource_modules_import_in_one_direction() -> None:
    """`_resources` reaches `_raw` (its `with_raw_response`); neither `_raw` nor the shared `_params` reaches back."""
    package = Path(cc.__file__).parent
    assert "_raw" in _imports(package / "_resources.py")
    assert "_resources" not in _imports(package / "_raw.py")
    assert not {"_resources", "_raw"} & _imports(package / "_params.py")
