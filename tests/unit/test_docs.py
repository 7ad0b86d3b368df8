"""The prose stays usable: a short README, links that lead somewhere, no internal markers.

Checks README.md, CONTRIBUTING.md and every page under docs/: relative links must name a file (or folder) that
exists, and a `#fragment` into a Markdown page must name one of its headings, as GitHub spells heading anchors.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
#: The README is the first page a user reads: what the project is, two commands, one example per tool, links.
README_LIMIT = 10 * 1024
PAGES = [README, ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"\[[^\]]*\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
#: Internal bookkeeping that means nothing to a reader: section markers and references to tracker issues.
_MARKERS = re.compile(r"<!--\s*(?:section|end)\s*:|\bissues?\s+#?\d+|\(issue\b", re.IGNORECASE)


def _rel(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def _prose(text: str) -> str:
    """The page without code blocks or code spans, where link-like text is not a link."""
    return _CODE.sub("", _FENCE.sub("", text))


def anchors(page: Path) -> set[str]:
    """The heading anchors GitHub makes for a Markdown page."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for heading in _HEADING.findall(_FENCE.sub("", page.read_text(encoding="utf-8"))):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def test_the_readme_stays_short() -> None:
    size = len(README.read_bytes())
    assert size <= README_LIMIT, (
        f"README.md is {size} bytes, over {README_LIMIT}: move reference material to a page under docs/ and link it"
    )


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_relative_links_lead_somewhere(page: Path) -> None:
    broken = []
    for target in _LINK.findall(_prose(page.read_text(encoding="utf-8"))):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # https:, mailto: ...
            continue
        path, _, fragment = unquote(target).partition("#")
        dest = (page.parent / path).resolve() if path else page
        if not dest.exists():
            broken.append(f"{target} (no such file)")
        elif fragment and dest.suffix == ".md" and fragment not in anchors(dest):
            broken.append(f"{target} (no heading #{fragment} in {_rel(dest)})")
    assert not broken, f"{_rel(page)} links to: " + "; ".join(broken)


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_no_internal_markers(page: Path) -> None:
    lines = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if _MARKERS.search(line)
    ]
    assert not lines, f"{_rel(page)} carries internal markers (section markers or issue numbers): " + "; ".join(lines)


def test_the_checks_see_what_they_should() -> None:
    """Guard the checks themselves: a broken link, a marker and GitHub's anchors are recognised."""
    assert _LINK.findall("see [the mock](docs/mock.md#speed) and [x](https://example.com)") == [
        "docs/mock.md#speed",
        "https://example.com",
    ]
    assert _LINK.findall(_prose("`[not](a-link.md)` and\n```\n[nor](this.md)\n```\n")) == []
    assert _MARKERS.search("<!-- section:sdk (issue 3) -->")
    assert _MARKERS.search("the goal from issue 6")
    assert not _MARKERS.search("openai-openapi#576 and the issues tracker")
    assert {"the-sdk-chat_completions", "raw-responses"} <= anchors(ROOT / "docs" / "sdk.md")
