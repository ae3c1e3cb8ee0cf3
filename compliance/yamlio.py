"""YAML input with line numbers, so every validation problem can name its line.

PyYAML composes a node tree that knows where each value stands; we keep a map
from the path of every value (``("practice", "email")``) to its line, turn
pydantic's error locations into ``file:LINE: field.path: message`` lines, and
reject duplicate keys, which YAML would otherwise silently drop.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from compliance.errors import InputError, InputProblem

ModelT = TypeVar("ModelT", bound=BaseModel)
PathKey = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """A parsed YAML document and the line of every value in it."""

    source: Path
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, location: Sequence[str | int]) -> int | None:
        """The line of the deepest known part of ``location`` (1-based)."""
        key = tuple(location)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)


def _walk(
    node: yaml.Node,
    path: PathKey,
    lines: dict[PathKey, int],
    problems: list[InputProblem],
    source: Path,
) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(
                    InputProblem(
                        source,
                        key_node.start_mark.line + 1,
                        ".".join(str(p) for p in (*path, key)),
                        f"duplicate key (first given on line {seen[key]})",
                    )
                )
            seen[key] = key_node.start_mark.line + 1
            _walk(value_node, (*path, key), lines, problems, source)
            # A key's own line is more useful than its value's for block values.
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, problems, source)


# libyaml's parser where PyYAML was built with it: the catalogues parse about ten times
# faster (a first `onboard` spent most of its time in the pure-Python parser).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> LoadedYaml:
    """Read and parse a YAML file; malformed YAML becomes an :class:`InputError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(path, "file not found") from None
    except IsADirectoryError:
        raise InputError.single(path, "is a folder, not a YAML file") from None
    except UnicodeDecodeError as exc:
        raise InputError.single(
            path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8"
        ) from None
    except OSError as exc:
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    return parse_yaml(text, path)


def parse_yaml(text: str, source: Path) -> LoadedYaml:
    """Parse YAML text that came from ``source`` (used in messages only)."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or "malformed YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
        raise InputError.single(source, f"malformed YAML: {what}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError.single(source, f"malformed YAML: {exc}") from None
    if node is None:
        raise InputError.single(source, "the file is empty")
    lines: dict[PathKey, int] = {}
    problems: list[InputProblem] = []
    _walk(node, (), lines, problems, source)
    if problems:
        raise InputError(problems)
    loader = _LOADER("")
    try:
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError.single(
            source, f"malformed YAML: {exc.problem}", line=mark.line + 1 if mark else None
        ) from None
    finally:
        loader.dispose()
    return LoadedYaml(source=source, data=data, lines=lines)


def describe_error(error: Mapping[str, Any]) -> str:
    """A short, plain-English message for one pydantic error."""
    kind = error.get("type", "")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see `compliance init` for an example)"
    message = str(error.get("msg", "invalid value"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message


def validate(
    loaded: LoadedYaml, model: type[ModelT], context: dict[str, Any] | None = None
) -> ModelT:
    """Validate ``loaded.data`` against ``model``; one problem line per pydantic error."""
    try:
        return model.model_validate(loaded.data, context=context)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            location = [part for part in error["loc"] if not _is_union_tag(part)]
            field_path = ".".join(str(part) for part in location) or None
            problems.append(
                InputProblem(
                    loaded.source, loaded.line_of(location), field_path, describe_error(error)
                )
            )
        problems.sort(key=lambda p: (p.line or 0, p.field or ""))
        raise InputError(problems) from None


def _is_union_tag(part: str | int) -> bool:
    # pydantic puts the union member's type name in error locations ("str", "function-after[").
    return isinstance(part, str) and (
        "[" in part or part in {"str", "int", "bool", "float", "dict"}
    )
