"""The WhatsApp subpackage: its modules import each other without a cycle (counted are
all imports, also those inside functions and for type checking only)."""

from __future__ import annotations

import ast
from pathlib import Path

import compliance.archives.whatsapp as package

PACKAGE = Path(package.__file__).parent
PREFIX = "compliance.archives.whatsapp."


def _imports(module: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(n[len(PREFIX) :].split(".")[0] for n in names if n.startswith(PREFIX))
    return found


def test_the_modules_form_no_import_cycle() -> None:
    graph = {path.stem: _imports(path) - {path.stem} for path in PACKAGE.glob("*.py")}
    assert {"grammar", "vocabulary", "count", "messages"} <= set(graph)
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_only_the_vocabulary_holds_phrases() -> None:
    # The message vocabulary lives in one module (and its data file): no other module
    # of the package carries a placeholder or notice phrase of its own.
    for path in PACKAGE.glob("*.py"):
        if path.stem == "vocabulary":
            continue
        text = path.read_text(encoding="utf-8").lower()
        for phrase in ("omitted", "weggelassen", "end-to-end", "ende-zu-ende", "file attached"):
            assert phrase not in text, (path.name, phrase)
