"""State shared between hooks has one home, hooks/state.py, and it is reset between builds.

The scan reads hooks/on_*.py (and every module that sets page attributes) as source: a hook that
keeps a mutable value of its own at module level, declares a `global`, or sets a page or
environment attribute hooks/state.py does not declare is reported as file:line.
The two builds run in one process, as `mkdocs serve` rebuilds do.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from jinja2 import Environment
from mkdocs.commands.build import build
from mkdocs.config import load_config

from hooks import state
from tests.sitebuild import ROOT, copy_project

MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "deque", "OrderedDict", "Counter"}
MUTABLE_NODES = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
# The objects a hook is handed whose attributes other hooks or templates read; Jinja's own
# settings (autoescape, auto_reload) are the environment's, not state one hook leaves for another.
DECLARED = {"page": set(state.PAGE_ATTRIBUTES),
            "env": set(state.ENVIRONMENT_ATTRIBUTES) | set(vars(Environment()))}


def is_mutable(value: ast.expr | None) -> bool:
    if isinstance(value, MUTABLE_NODES):
        return True
    return isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) in MUTABLE_CALLS


def own_state(tree: ast.Module) -> list[tuple[int, str]]:
    """Module-level mutable values and `global` statements: state kept outside hooks/state.py."""
    found = [(node.lineno, "keeps a mutable value at module level") for node in tree.body
             if isinstance(node, (ast.Assign, ast.AnnAssign)) and is_mutable(node.value)]
    found += [(node.lineno, f"declares global {', '.join(node.names)}") for node in ast.walk(tree)
              if isinstance(node, ast.Global)]
    return found


def undeclared_attributes(tree: ast.Module) -> list[tuple[int, str]]:
    """`page.x = ...` or `env.x = ...` where hooks/state.py does not declare x."""
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in [t for tuple_ in targets for t in getattr(tuple_, "elts", [tuple_])]:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id in DECLARED and target.attr not in DECLARED[target.value.id]):
                found.append((target.lineno, f"sets {target.value.id}.{target.attr}, "
                                             "which hooks/state.py does not declare"))
    return found


def problems(sources: dict[str, str]) -> list[str]:
    """Every state a hook module keeps, or attribute it sets, outside hooks/state.py, as path:line: what."""
    lines = []
    for path, source in sorted(sources.items()):
        tree = ast.parse(source)
        checks = [*undeclared_attributes(tree), *(own_state(tree) if Path(path).name.startswith("on_") else [])]
        lines += [f"{path}:{line}: {what}; declare it in hooks/state.py" for line, what in sorted(checks)]
    return lines


def hook_sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
            for path in sorted((ROOT / "hooks").rglob("*.py"))}


def test_the_hooks_keep_state_only_in_hooks_state():
    assert problems(hook_sources()) == []


@pytest.mark.parametrize("source, expected", [
    ('state = {"building": False}\n', "hooks/on_x.py:1: keeps a mutable value at module level"),
    ("seen: dict = dict()\n", "hooks/on_x.py:1: keeps a mutable value at module level"),
    ("on = False\n\ndef on_startup(*, command, dirty):\n    global on\n    on = True\n",
     "hooks/on_x.py:4: declares global on"),
    ("def on_pre_page(page, *, config, files):\n    page.kb_new = 1\n    return page\n",
     "hooks/on_x.py:2: sets page.kb_new, which hooks/state.py does not declare"),
    ("def on_env(env, *, config, files):\n    env.kb_other, x = 1, 2\n    return env\n",
     "hooks/on_x.py:2: sets env.kb_other, which hooks/state.py does not declare"),
])
def test_state_kept_by_a_hook_module_is_reported(source, expected):
    assert problems({"hooks/on_x.py": source}) == [f"{expected}; declare it in hooks/state.py"]


def test_declared_attributes_and_constants_pass():
    source = ('LIMITS = ("a", "b")\nlog = object()\n\ndef on_pre_page(page, *, config, files):\n'
              '    page.last_updated = 1\n    local = {}\n    return page\n')
    assert problems({"hooks/on_x.py": source}) == []


def test_every_declared_page_attribute_is_set_somewhere():
    """A declaration nobody writes any more is stale."""
    written = {target.attr for source in hook_sources().values() for node in ast.walk(ast.parse(source))
               if isinstance(node, ast.Assign)
               for tuple_ in node.targets for target in getattr(tuple_, "elts", [tuple_])
               if isinstance(target, ast.Attribute)}
    assert set(state.PAGE_ATTRIBUTES) - written == set()


def build_once(project: Path, command: str) -> None:
    """One build in this process, started as `command` would start it (`serve` rebuilds like this)."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / f"site-{command}"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_a_build_after_a_preview_build_in_one_process_is_a_whole_build(tmp_path, monkeypatch):
    """The preview's state (no policy, findings on pages) does not leak into the next build, nor back."""
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setenv("KB_BUILD_PROCESSES", "2")
    pid = os.getpid()
    build_once(project, "serve")
    assert os.getpid() == pid
    assert (state.preview.previewing, state.csp.token) == (True, None)
    build_once(project, "build")
    assert (state.preview.previewing, state.checks.beside) == (False, None)
    build_once(project, "serve")
    preview_page = (project / "site-serve" / "index.html").read_text(encoding="utf-8")
    built_page = (project / "site-build" / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in built_page
    assert "Content-Security-Policy" not in preview_page
    stylesheet = "assets/stylesheets/kb-preview.css"
    assert (project / "site-serve" / stylesheet).is_file() and not (project / "site-build" / stylesheet).exists()
