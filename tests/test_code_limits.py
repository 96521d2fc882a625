"""The size limits of hooks/ and feedback/: a module under 500 lines, a class under 200, a function under 80;
and of our scripts (docs/assets/javascripts/): a file under 500 lines.

A module that grows past one is reported as path:line with its size and the limit, so the fix
(split it by concern) starts from the right place.
"""

from __future__ import annotations

import ast

import pytest

from tests.sitebuild import ROOT

PACKAGES = ("hooks", "feedback")
SCRIPTS = "docs/assets/javascripts"
MODULE_LINES, CLASS_LINES, FUNCTION_LINES = 500, 200, 80


def oversized(path: str, source: str) -> list[str]:
    """Each limit `source` breaks, as "path:line: what is too long (lines, limit)"."""
    found = []
    lines = len(source.splitlines())
    if lines > MODULE_LINES:
        found.append(f"{path}:1: module of {lines} lines, over {MODULE_LINES}: split it by concern")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            size = node.end_lineno - node.lineno + 1
            kind, limit = ("class", CLASS_LINES) if isinstance(node, ast.ClassDef) else ("function", FUNCTION_LINES)
            if size > limit:
                found.append(f"{path}:{node.lineno}: {kind} {node.name} of {size} lines, over {limit}: split it")
    return found


def test_no_module_class_or_function_of_hooks_or_feedback_is_over_its_limit():
    sources = sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
    assert sources
    assert [line for path in sources
            for line in oversized(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))] == []


def long_script(path: str, source: str) -> list[str]:
    """The module limit for one of our scripts, as "path:line: ..." (no parser for JavaScript here, so files only)."""
    lines = len(source.splitlines())
    if lines > MODULE_LINES:
        return [f"{path}:1: script of {lines} lines, over {MODULE_LINES}: split it by concern"]
    return []


def test_no_script_of_ours_is_over_the_module_limit():
    scripts = sorted((ROOT / SCRIPTS).rglob("*.js"))
    assert scripts
    assert [line for path in scripts
            for line in long_script(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))] == []


def test_a_script_over_the_module_limit_is_reported_and_one_at_it_passes():
    assert long_script("a.js", "x();\n" * (MODULE_LINES + 1)) == [
        f"a.js:1: script of {MODULE_LINES + 1} lines, over {MODULE_LINES}: split it by concern"]
    assert long_script("a.js", "x();\n" * MODULE_LINES) == []


def body(lines: int) -> str:
    return "".join(f"    x{n} = {n}\n" for n in range(lines))


@pytest.mark.parametrize("source, expected", [
    ("x = 1\n" * (MODULE_LINES + 1), f"m.py:1: module of {MODULE_LINES + 1} lines, over {MODULE_LINES}: split it by concern"),
    (f"import os\n\ndef long():\n{body(FUNCTION_LINES)}",
     f"m.py:3: function long of {FUNCTION_LINES + 1} lines, over {FUNCTION_LINES}: split it"),
    (f"class Big:\n{body(CLASS_LINES)}", f"m.py:1: class Big of {CLASS_LINES + 1} lines, over {CLASS_LINES}: split it"),
    (f"class Small:\n    async def run(self):\n{body(FUNCTION_LINES)}".replace("\n    x", "\n        x"),
     f"m.py:2: function run of {FUNCTION_LINES + 1} lines, over {FUNCTION_LINES}: split it"),
])
def test_a_module_class_or_function_over_its_limit_is_reported_where_it_starts(source, expected):
    assert oversized("m.py", source) == [expected]


def test_code_at_its_limits_passes():
    source = f"def at_limit():\n{body(FUNCTION_LINES - 1)}" + "\n" * (MODULE_LINES - FUNCTION_LINES - 10)
    assert len(source.splitlines()) <= MODULE_LINES
    assert oversized("m.py", source) == []
