"""The hook pipeline written in guides/design.md is the one mkdocs.yml runs.

The table there lists the hooks in mkdocs.yml's order, with each hook's events and the
priorities it sets; here it is compared with mkdocs.yml and with the hook modules' own code.
"""

from __future__ import annotations

import ast
import re

from mkdocs.utils.yaml import yaml_load

from tests.sitebuild import ROOT

DESIGN = ROOT / "guides" / "design.md"
ROW_RE = re.compile(r"^\| `(?P<hook>hooks/on_\w+\.py)` \| (?P<events>[^|]+) \|", re.M)
EVENT_RE = re.compile(r"(on_\w+)(?: \((-?\d+)\))?")


def documented_pipeline(text: str) -> list[tuple[str, set[str]]]:
    """The table's hooks in order, each with its events written as "on_x" or "on_x (priority)"."""
    section = text.split("## The hook pipeline", 1)[1].split("\n## ", 1)[0]
    return [(row["hook"], {name if not priority else f"{name} ({priority})"
                           for name, priority in EVENT_RE.findall(row["events"])})
            for row in ROW_RE.finditer(section)]


def hook_events(source: str) -> set[str]:
    """A hook module's event functions, with the priority its `@event_priority(n)` sets."""
    events = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
            priorities = [ast.literal_eval(d.args[0]) for d in node.decorator_list
                          if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "event_priority"]
            events.add(f"{node.name} ({priorities[0]})" if priorities else node.name)
    return events


def disagreements(configured: list[str], documented: list[tuple[str, set[str]]], read) -> list[str]:
    """Where mkdocs.yml's hooks (`configured`), the table and each module (`read(path)`) differ."""
    problems = []
    if configured != [hook for hook, _ in documented]:
        problems.append(f"mkdocs.yml runs {configured}, the table lists {[hook for hook, _ in documented]}")
    for hook, events in documented:
        if hook in configured and (actual := hook_events(read(hook))) != events:
            problems.append(f"{hook}: the table says {sorted(events)}, the module has {sorted(actual)}")
    return problems


def read_hook(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def configured_hooks() -> list[str]:
    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["hooks"]


def test_the_written_pipeline_is_the_one_mkdocs_runs():
    documented = documented_pipeline(DESIGN.read_text(encoding="utf-8"))
    assert len(documented) == len(configured_hooks())
    assert disagreements(configured_hooks(), documented, read_hook) == []


def test_a_hook_out_of_order_is_reported():
    documented = documented_pipeline(DESIGN.read_text(encoding="utf-8"))
    swapped = configured_hooks()
    swapped[0], swapped[-1] = swapped[-1], swapped[0]
    assert any(problem.startswith("mkdocs.yml runs") for problem in disagreements(swapped, documented, read_hook))


def test_an_event_or_priority_the_table_does_not_name_is_reported():
    documented = documented_pipeline(DESIGN.read_text(encoding="utf-8"))
    changed = {"hooks/on_drafts.py": "from mkdocs.plugins import event_priority\n\n"
                                     "@event_priority(50)\ndef on_files(files, *, config):\n    return files\n",
               "hooks/on_search.py": "def on_post_build(*, config):\n    pass\n\ndef on_page_content(html, **kw):\n"
                                     "    return html\n\ndef on_files(files, **kw):\n    return files\n"}
    problems = disagreements(configured_hooks(), documented, lambda path: changed.get(path) or read_hook(path))
    assert [problem.split(":")[0] for problem in problems] == ["hooks/on_drafts.py", "hooks/on_search.py"]
