"""Versioned prompt files: `prompts/NAME.vN.zh.txt` with named `{placeholders}`.

`render("qa_answer", question=..., sources=...)` picks the highest version present; `render("qa_answer@v1", ...)`
pins one. Literal braces are written doubled (`{{` / `}}`), as in `str.format`. Rendering fails with PromptError
when a placeholder is not supplied or a supplied variable is not used by the file (a typo would otherwise silently
drop context). A file may be split into chat roles with lines `### system`, `### user`, `### assistant`.
"""

from __future__ import annotations

import logging
import re
import string
from pathlib import Path

from ..errors import PromptError

log = logging.getLogger(__name__)

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
_FILE_RE = re.compile(r"^(?P<name>[a-z0-9_]+)\.v(?P<version>\d+)\.zh\.txt$")
_ROLE_RE = re.compile(r"^###\s*(system|user|assistant)\s*$", re.MULTILINE)
_FIELD_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def versions(name: str, directory: Path | None = None) -> dict[int, Path]:
    """Version number -> file for one prompt name (empty when there is none)."""
    found = {}
    for path in (directory or PROMPTS_DIR).glob(f"{name}.v*.zh.txt"):
        m = _FILE_RE.match(path.name)
        if m and m["name"] == name:
            found[int(m["version"])] = path
    return found


def load(name: str, directory: Path | None = None) -> tuple[str, str]:
    """Template text and its reference "name@vN" for `name` or a pinned `name@vN`; PromptError when absent."""
    base, _, pinned = name.partition("@")
    found = versions(base, directory)
    if not found:
        raise PromptError(f"no prompt file {base}.vN.zh.txt in {directory or PROMPTS_DIR}")
    if pinned:
        if not re.fullmatch(r"v\d+", pinned) or int(pinned[1:]) not in found:
            raise PromptError(f"prompt {name} not found; versions present: {sorted(found)}")
        version = int(pinned[1:])
    else:
        version = max(found)
    return found[version].read_text(encoding="utf-8"), f"{base}@v{version}"


def placeholders(template: str) -> set[str]:
    """Names of the `{placeholders}` in a template; PromptError on malformed braces or non-name fields."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as e:
        raise PromptError(f"malformed prompt template: {e} (write literal braces as {{{{ and }}}})") from None
    for f in fields:
        if not _FIELD_RE.match(f):
            # Only plain names: `{a.b}` or `{a[0]}` would let a template reach into objects.
            raise PromptError(f"prompt placeholder {{{f}}} is not a plain name")
    return set(fields)


def fill(template: str, ref: str, variables: dict[str, object]) -> str:
    """Substitute `variables` into `template`; PromptError naming what is missing or unknown."""
    wanted = placeholders(template)
    missing = wanted - variables.keys()
    unknown = variables.keys() - wanted
    if missing:
        raise PromptError(f"prompt {ref} needs {sorted(missing)}, which were not supplied")
    if unknown:
        raise PromptError(f"prompt {ref} has no placeholder for {sorted(unknown)}")
    return template.format_map({k: str(v) for k, v in variables.items()})


def render(name: str, directory: Path | None = None, /, **variables: object) -> tuple[str, str]:
    """Render prompt `name` (or `name@vN`) with `variables`; returns (text, "name@vN")."""
    template, ref = load(name, directory)
    text = fill(template, ref, variables)
    log.debug("rendered %s (%d chars)", ref, len(text))
    return text, ref


def split_roles(template: str) -> list[tuple[str, str]]:
    """Split a template at `### role` lines into [(role, part), ...]; a template without them is one user part."""
    parts = _ROLE_RE.split(template)
    if len(parts) == 1:
        return [("user", template.strip())]
    if parts[0].strip():
        raise PromptError("prompt text before the first ### role line")
    return [(role, part.strip()) for role, part in zip(parts[1::2], parts[2::2])]


def render_messages(name: str, directory: Path | None = None, /,
                    **variables: object) -> tuple[list[tuple[str, str]], str]:
    """Render a prompt as chat parts; returns ([(role, content), ...], "name@vN").

    The template is split into roles *before* substitution, so a `### system` line inside a variable (an article
    that tries to inject instructions) stays inside its part as data.
    """
    template, ref = load(name, directory)
    fill(template, ref, variables)  # checks missing / unknown names against the whole file
    messages = []
    for role, part in split_roles(template):
        used = {k: v for k, v in variables.items() if k in placeholders(part)}
        messages.append((role, fill(part, ref, used)))
    return messages, ref
