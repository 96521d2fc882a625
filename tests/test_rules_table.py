"""The writers' guide's table of rules names, for each rule, the module that holds its logic and the
test file that exercises it; both must be right, and no rule may be an empty stand-in."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.conftest import ROOT, soup

GUIDE = "writers-guide/rules/"  # the page with the table of rules


def table_rows(html: str) -> dict[str, dict[str, str]]:
    """The built guide's table of rules: each rule ID's cells, by column heading."""
    for table in soup(html).select("article table"):
        headings = [th.get_text(strip=True) for th in table.select("thead th")]
        if headings[:2] == ["ID", "name"]:
            return {cells[0]: dict(zip(headings, cells)) for row in table.select("tbody tr")
                    if (cells := [td.get_text(strip=True) for td in row.find_all("td")])}
    return {}


def registered_here(module: Path, rule_id: str) -> ast.FunctionDef | None:
    """The function that `module` registers as the rule's check with @rule(ID, ...), if any."""
    if not (module.is_file() and ROOT in module.resolve().parents):
        return None
    tree = ast.parse(module.read_text(encoding="utf-8"))
    # A rule's ID may be written as a name (KB416, RULE): the live module tells its value.
    names = vars(importlib.import_module(".".join(module.relative_to(ROOT).with_suffix("").parts)))
    for node in ast.walk(tree):
        for decorator in getattr(node, "decorator_list", ()):
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "rule" and decorator.args:
                first = decorator.args[0]
                value = first.value if isinstance(first, ast.Constant) else names.get(getattr(first, "id", ""))
                if value == rule_id:
                    return node
    return None


def is_stub(function: ast.FunctionDef) -> bool:
    """A body of nothing but a docstring and `return ()` (or nothing): a rule found elsewhere."""
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return all(isinstance(s, (ast.Pass, ast.Return)) and (getattr(s, "value", None) is None or
               (isinstance(s.value, ast.Tuple) and not s.value.elts)) for s in body)


def exercises(test_file: Path, rule_id: str) -> bool:
    """The test file names the rule, or (the catalogue test) runs a case whose guide line names it."""
    if not (test_file.is_file() and test_file.parent == ROOT / "tests" and test_file.name.startswith("test_")):
        return False
    if rule_id in test_file.read_text(encoding="utf-8"):
        return True
    if test_file.name == "test_catalogue.py":
        from tests.test_catalogue import guide_catalogue
        return any(f" {rule_id} " in line for line in guide_catalogue().values())
    return False


def table_problems(rows: dict[str, dict[str, str]]) -> list[str]:
    """What is wrong with the table's module and tests columns, one line per rule."""
    from hooks.checks.findings import RULES
    problems = [f"{rule_id}: not in the table" for rule_id in sorted(set(RULES) - set(rows))]
    for rule_id, row in sorted(rows.items()):
        function = registered_here(ROOT / row.get("module", ""), rule_id)
        if function is None:
            problems.append(f"{rule_id}: module {row.get('module')!r} does not register it")
        elif is_stub(function):
            problems.append(f"{rule_id}: {row['module']} registers an empty stand-in, not its logic")
        if not exercises(ROOT / row.get("tests", ""), rule_id):
            problems.append(f"{rule_id}: test file {row.get('tests')!r} does not exercise it")
    return problems


def test_the_built_table_names_each_rules_module_and_test_file(site):
    """Every registered rule has a row whose module registers it on real logic, and whose test file
    exercises it."""
    rows = table_rows(site.html(GUIDE))
    assert rows
    assert table_problems(rows) == []


@pytest.mark.parametrize("column, wrong", [
    ("module", "hooks/checks/rules/phones.py"),
    ("module", ""),
    ("tests", "tests/test_phones.py"),
    ("tests", ""),
    ("tests", "tests/no_such_test.py"),
])
def test_a_wrong_or_missing_module_or_test_file_is_reported(site, column, wrong):
    """Each of these rows, changed from the built one, is reported, on its rule."""
    rows = table_rows(site.html(GUIDE))
    rows["KB101"] = {**rows["KB101"], column: wrong}
    assert [line.split(":", 1)[0] for line in table_problems(rows)] == ["KB101"]


def test_a_stub_is_told_from_a_rule_with_logic():
    """A function that only returns nothing is a stand-in; one that finds something is not."""
    stub, real = ast.parse('def a(doc):\n    """Found elsewhere."""\n    return ()\n\n'
                           "def b(doc):\n    return [f for f in doc]\n").body
    assert is_stub(stub) and not is_stub(real)
