"""The layout's nevers, read from the source: the SDK never imports the mock, the pipeline or the contract tool; the
mock never imports the SDK; the pipeline (`openapi/`) imports none of them. Lazy imports (`import_module("...")`)
count too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SDK = r"chat_completions(_api)?"
MOCK = r"chat_completions_mock"
CONTRACT = r"chat_completions_contract"
PIPELINE = r"(openapi|regen|normalise|trim|fetch|changes|recordings|problems|params)"


def _imports(names: str) -> re.Pattern[str]:
    """An absolute import of a module named by `names` (not a relative one), plain or through `import_module`."""
    statement = rf"^\s*(from|import)\s+{names}(\.|\s|$)"
    lazy = rf"import_module\(\s*f?[\"']{names}[\".]"
    return re.compile(rf"{statement}|{lazy}", re.M)


@pytest.mark.parametrize(
    ("folder", "never"),
    [
        ("wrapper/chat_completions", f"({MOCK}|{CONTRACT}|{PIPELINE})"),
        ("mock/chat_completions_mock", f"({SDK}|{CONTRACT}|{PIPELINE})"),
        ("openapi", f"({SDK}|{MOCK}|{CONTRACT})"),
    ],
)
def test_nothing_imports_what_the_layout_forbids(folder: str, never: str) -> None:
    pattern = _imports(never)
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0).strip()}" for path in files for m in pattern.finditer(path.read_text())
    ]
    assert found == []


def test_the_check_sees_each_kind_of_import() -> None:
    pattern = _imports(f"({MOCK}|{SDK})")
    for line in (
        "import chat_completions_mock",
        "from chat_completions import Client",
        'import_module("chat_completions_mock")',
    ):
        assert pattern.search(line), line
    for line in ("from . import _models", "from ._params import Body", "import chat_completions_contract_extra"):
        assert not pattern.search(line), line
