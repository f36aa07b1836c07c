"""docs/security.md names the tests that verify each ASVS requirement (``path::test_name``); this fails when one of
them no longer exists, so the table cannot rot. Files are read with ``ast``, not imported: nothing runs."""

import ast
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "security.md"
# `path/to/test_file.py::test_name` or `path::Class::test_name`, inside backticks
TEST_ID = re.compile(r"`([\w./-]+\.py)((?:::\w+)+)`")


@cache
def defined_tests(path: Path) -> frozenset[str]:
    """Every test id in the file: ``test_x`` at module level, ``Class::test_x`` and ``test_x`` for methods."""
    tree = ast.parse(path.read_text(), filename=str(path))
    ids = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            ids.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test"):
                    ids.update({f"{node.name}::{item.name}", item.name})
    return frozenset(ids)


def named_tests(text: str) -> list[tuple[str, str]]:
    return [(path, name.removeprefix("::")) for path, name in TEST_ID.findall(text)]


def missing_tests(text: str) -> list[str]:
    missing = []
    for path, name in named_tests(text):
        file = ROOT / path
        if not file.is_file():
            missing.append(f"{path}::{name} (no such file)")
        elif name not in defined_tests(file):
            missing.append(f"{path}::{name}")
    return missing


def test_every_test_the_security_table_names_exists():
    text = DOC.read_text()

    assert len(named_tests(text)) >= 50  # the pattern still finds the table's references
    assert missing_tests(text) == []


def test_a_renamed_or_removed_test_is_reported():
    text = (
        "`tests/test_security_doc.py::test_every_test_the_security_table_names_exists` "
        "`tests/test_security_doc.py::test_that_was_never_written` `tests/no_such_file.py::test_x`"
    )

    assert missing_tests(text) == [
        "tests/test_security_doc.py::test_that_was_never_written",
        "tests/no_such_file.py::test_x (no such file)",
    ]


def test_every_chapter_row_says_how_it_is_verified():
    rows = [line for line in DOC.read_text().splitlines() if line.startswith("| V")]

    assert rows
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 4, row
        evidence = cells[3]
        assert TEST_ID.search(evidence) or "n/a" in evidence or "gap" in evidence or "`make audit`" in evidence, row
