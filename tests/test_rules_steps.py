"""The step-numbering rules, KB101-KB105: Markdown in, (ID, line, col) out (KB106: tests/test_rules_steps_run_on.py).

Each case states what the site's Markdown does with the input; the renderer-agreement
tests (tests/test_renderer_agreement.py) check those claims against the real renderer.
"""

from __future__ import annotations

import textwrap

from hypothesis import given, settings, strategies as st

from hooks.checks.config import load_settings
from hooks.checks.engine import check_text, fix_text
from hooks.checks.source import Settings
from tests.conftest import ROOT, soup

SITE = load_settings(ROOT / "mkdocs.yml")
STEP_RULES = {"KB101", "KB102", "KB103", "KB104", "KB105", "KB106"}


def check(markdown: str, site: Settings = SITE) -> list[tuple[str, int, int]]:
    """(ID, line, col) of each step finding in the dedented Markdown."""
    text = textwrap.dedent(markdown).lstrip("\n")
    return [(f.rule_id, f.line, f.col) for f in check_text(text, site) if f.rule_id in STEP_RULES]


def fix(markdown: str, site: Settings = SITE) -> str:
    """The dedented Markdown after `--fix`."""
    return fix_text(textwrap.dedent(markdown).lstrip("\n"), site)


# ---------------------------------------------------------------- KB101 step-sequence

def test_gap_is_reported_once_with_the_expected_number():
    """`1. 2. 4. 5.` shows as 1-4: the first break (4 after 2) is reported, not every later step."""
    assert check("""
        1. Open Mail.
        2. Click Accounts.
        4. Click Save.
        5. Quit.
        """) == [("KB101", 3, 1)]


def test_gap_message_names_both_steps_and_the_fix():
    """The message reads like a compiler's: what follows what, what was expected, how to fix."""
    finding = check_text("1. a\n2. b\n4. c\n", SITE)[0]
    assert finding.message == "step 4 follows step 2 (expected 3); renumber with --fix"


def test_repeated_number_is_reported():
    """`1. 2. 2. 3.` repeats step 2."""
    assert check("1. a\n2. b\n2. c\n3. d\n") == [("KB101", 3, 1)]


def test_loose_list_with_a_gap_is_one_list():
    """Blank lines between steps do not split a list, so the gap is still within one list."""
    assert check("1. a\n\n2. b\n\n5. c\n") == [("KB101", 5, 1)]


def test_numbered_lines_in_a_code_fence_are_not_checked():
    """Lines inside a fence are code, even when they look like a broken list."""
    assert check("""
        ```text
        1. one
        3. three
        1) paren
        Important: not prose
        ```
        """) == []


def test_indented_code_block_is_not_checked():
    """A block indented 4 spaces after a paragraph is code, not a list."""
    assert check("Run this:\n\n    1. one\n    3. three\n") == []


def test_html_comment_is_not_checked():
    """A commented-out draft of a list is never checked."""
    assert check("<!--\n1. one\n3. three\n-->\n") == []


def test_front_matter_is_not_checked_and_lines_count_from_the_file_start():
    """Front matter is skipped, and the finding's line counts the front matter's lines."""
    assert check("""
        ---
        title: Reset
        tags:
          - 1. not a step
        ---

        # Reset

        1. a
        3. b
        """) == [("KB101", 10, 1)]


def test_ten_or_more_steps_pass():
    """Steps 1 to 12 with two-digit numbers are one correct list."""
    assert check("".join(f"{n}. Step {n}.\n" for n in range(1, 13))) == []


def test_gap_after_step_ten_is_reported():
    """A gap among two-digit numbers is found too."""
    assert check("".join(f"{n}. s\n" for n in [*range(1, 11), 12])) == [("KB101", 11, 1)]


def test_four_space_and_tab_nesting_pass():
    """Sub-steps indented by 4 spaces or one tab are their own list, starting at 1."""
    assert check("1. a\n    1. a1\n    2. a2\n2. b\n\t1. b1\n\t2. b2\n3. c\n") == []


def test_gap_in_a_nested_list_is_reported_on_the_nested_step():
    """The nested list is checked on its own."""
    assert check("1. a\n    1. a1\n    3. a3\n2. b\n") == [("KB101", 3, 5)]


def test_list_inside_an_admonition_is_checked():
    """A list in a `!!!` note is checked, with its column in the file."""
    assert check("""
        !!! note
            1. a
            3. b
        """) == [("KB101", 3, 5)]


def test_lists_inside_admonition_details_and_tabs_pass():
    """Correct lists inside `!!!`, `???` and `===` blocks pass."""
    assert check("""
        !!! note
            1. a
            2. b

        ??? tip "More"
            1. a
            2. b

        === "Windows"
            1. a
            2. b

        === "Mac"
            1. a
            2. b
        """) == []


def test_list_inside_a_tab_is_checked():
    """A broken list inside a content tab is reported."""
    assert check('=== "Mac"\n    1. a\n    1. b\n') == [("KB101", 3, 5)]


def test_list_inside_a_github_alert_and_a_blockquote_is_checked():
    """Lists in a `> [!NOTE]` alert and in a plain quote are checked."""
    assert check("> [!NOTE]\n> 1. a\n> 3. b\n\n> 1. a\n> 2. b\n") == [("KB101", 3, 3)]


def test_two_procedures_in_two_sections_both_start_at_1():
    """Each section's procedure starts at 1: no finding."""
    assert check("## Incoming\n\n1. a\n2. b\n\n## Outgoing\n\n1. a\n2. b\n") == []


def test_fence_without_a_blank_line_stays_inside_the_step():
    """A fence right after a step's line, even under-indented, renders inside the step."""
    assert check("1. a\n  ```\n  x\n  ```\n2. b\n") == []


def test_suppressed_gap_is_silent_and_not_fixed():
    """`kb-ignore KB101` on the line silences the finding, and --fix leaves that list alone."""
    text = "1. a\n2. b\n4. c <!-- kb-ignore KB101 -->\n"
    assert check(text) == []
    assert fix(text) == text


def test_byte_order_mark_does_not_hide_front_matter_or_shift_columns():
    """MkDocs drops a UTF-8 byte-order mark, so the front matter is still front matter."""
    assert check("\ufeff---\ntitle: T\n---\n\n1. 1. a\n    3. b\n") == [("KB101", 6, 5)]


# ---------------------------------------------------------------- KB101 --fix

def test_fix_renumbers_from_the_first_number_and_changes_nothing_else():
    """Only the marker digits change; spacing, text and the first number stay."""
    assert fix("3. a\n5. b  \n5.  c *x*\n") == "3. a\n4. b  \n5.  c *x*\n"


def test_fix_keeps_crlf_line_endings_and_is_idempotent():
    """Windows line endings survive, and a second run changes nothing."""
    text = "# T\r\n\r\n1. a\r\n3. b\r\n"
    once = fix_text(text, SITE)
    assert once == "# T\r\n\r\n1. a\r\n2. b\r\n"
    assert fix_text(once, SITE) == once


def test_fix_renumbers_nested_list_and_list_in_a_quote():
    """Markers inside containers and nesting are found at their real columns."""
    assert fix("1. a\n    1. x\n    3. y\n2. b\n\n> 1. q\n> 1. r\n") == \
        "1. a\n    1. x\n    2. y\n2. b\n\n> 1. q\n> 2. r\n"


def test_fix_never_changes_a_first_number_or_an_indentation_finding():
    """A list that starts wrong, or whose sub-list is under-indented, needs a person."""
    text = "2024. The server moved.\n\n1. a\n  1. sub\n2. b\n"
    assert fix(text) == text


def test_fix_with_tabs_before_the_marker():
    """A tab-indented nested marker is found in the file, not in the tab-expanded text."""
    assert fix("1. a\n\t1. x\n\t5. y\n") == "1. a\n\t1. x\n\t2. y\n"


# ---------------------------------------------------------------- KB102 list-start

def test_list_starting_at_4_after_a_heading_is_reported():
    """A list cannot continue across a heading: a new section starts at 1."""
    assert check("1. a\n2. b\n3. c\n\n## Next\n\n4. d\n") == [("KB102", 7, 1)]


def test_continuation_after_an_admonition_passes():
    """4 after 3, interrupted by a note at the list's own indentation, continues the list."""
    assert check("""
        1. a
        2. b
        3. c

        !!! important "Check"
            Read this.

        4. d
        5. e
        """) == []


def test_continuation_after_a_paragraph_and_an_image_passes():
    """Interruptions by a paragraph or an image also allow the list to continue."""
    assert check("1. a\n2. b\n\nText.\n\n3. c\n\n![Screen](s.png)\n\n4. d\n") == []


def test_continuation_with_the_wrong_number_is_reported():
    """After a list that stopped at 3, the continuation must say 4."""
    assert check("1. a\n2. b\n3. c\n\nText.\n\n5. d\n") == [("KB102", 7, 1)]


def test_year_at_the_start_of_a_paragraph_is_a_list_start():
    """`2024. The server moved` is a one-item list starting at 2024; escape it as `2024\\.`."""
    assert check("Intro.\n\n2024. The server moved.\n") == [("KB102", 3, 1)]
    assert check("Intro.\n\n2024\\. The server moved.\n") == []


def test_list_inside_a_container_does_not_continue_a_list_outside_it():
    """The list in the note is in another container, so it must start at 1."""
    assert check("1. a\n2. b\n\n!!! note\n    3. c\n") == [("KB102", 5, 5)]


def test_without_sane_lists_any_other_start_is_reported():
    """Without sane_lists the site ignores the start number, so even a continuation shows 1."""
    plain = Settings(extensions=frozenset({"admonition"}))
    assert check("1. a\n\n!!! note\n    x\n\n2. b\n", plain) == [("KB102", 6, 1)]


# ---------------------------------------------------------------- KB103 under-indented

def test_two_space_bullets_under_a_step_are_reported_on_the_first_bullet():
    """With sane_lists, `  - x` under a step shows as literal "- x" text in the step."""
    assert check("1. a\n  - x\n  - y\n2. b\n") == [("KB103", 2, 3)]


def test_two_space_bullets_without_sane_lists_become_extra_steps():
    """Without sane_lists, the same bullets become numbered steps: still KB103, no KB101."""
    plain = Settings(extensions=frozenset())
    assert check("1. a\n  - x\n2. b\n", plain) == [("KB103", 2, 3)]


def test_two_space_sub_steps_join_the_outer_list():
    """`  1.` under a step is a step of the outer list, not a sub-list: KB103, not KB101."""
    assert check("1. a\n  1. x\n  2. y\n2. b\n") == [("KB103", 2, 3)]


def test_fence_indented_two_spaces_after_a_blank_line_is_reported():
    """After a blank line, a 2-space fence ends the list; the next list then continues it."""
    assert check("1. a\n\n  ```\n  x\n  ```\n\n2. b\n") == [("KB103", 3, 3)]


def test_paragraph_indented_three_spaces_is_reported():
    """A 3-space paragraph after a blank line falls out of the step."""
    assert check("1. a\n\n   More about a.\n\n2. b\n") == [("KB103", 3, 4)]


def test_four_space_content_passes():
    """Paragraphs, fences and bullets indented 4 spaces belong to the step."""
    assert check("""
        1. a

            More about a.

            ```
            x
            ```

            - x
            - y

        2. b
        """) == []


def test_lazy_continuation_line_passes():
    """A step's wrapped line indented 2 spaces, without a blank line, is part of the step."""
    assert check("1. Open the app and\n  tap Settings.\n2. b\n") == []


# ---------------------------------------------------------------- KB104 paren-marker

def test_paren_markers_are_reported_once_per_paragraph():
    """`1)` lines run together as one paragraph: reported on the first."""
    assert check("Steps:\n\n1) a\n2) b\n") == [("KB104", 3, 1)]


def test_paren_markers_pass_when_the_site_renders_them():
    """With pymdownx.fancylists, `1)` is a list marker, so there is nothing to report."""
    fancy = Settings(extensions=frozenset({"pymdownx.fancylists"}))
    assert check("1) a\n2) b\n", fancy) == []


def test_paren_in_running_text_passes():
    """A parenthesis inside a sentence is not a marker."""
    assert check("See step 1) above.\n") == []


# ---------------------------------------------------------------- KB105 important-paragraph

def test_important_paragraph_inside_a_step_is_reported():
    """A 4-space "Important:" paragraph inside a step is a paragraph too."""
    assert check("1. a\n\n    **Important:** b\n") == [("KB105", 3, 5)]


def test_important_in_code_is_not_reported():
    """Indented code is not prose."""
    assert check("Text.\n\n    Important: code\n") == []


def test_important_at_the_very_top_is_reported_as_lost_metadata():
    """MkDocs reads a leading `Important: ...` line as metadata and drops it."""
    assert check("Important: read this.\n\n# Title\n") == [("KB105", 1, 1)]


def test_important_in_each_catalogues_language_is_reported():
    """The word comes from each catalogue's `callout.important`: Spanish and Arabic are reported too."""
    assert check("Texto.\n\nImportante: escriba la contraseña.\n") == [("KB105", 3, 1)]
    assert check("نص.\n\n**مهم:** اكتب كلمة السر بنفسك.\n") == [("KB105", 3, 1)]
    assert check("Texto.\n\nImportante:\n") == [("KB105", 3, 1)]


def test_a_word_that_only_begins_like_important_passes():
    """Neither "Importantly," nor "Importancia" is a note, in any language."""
    assert check("Text.\n\nImportantly: read this.\n\nImportancia: alta.\n\nمهمة: قراءة.\n") == []


def test_the_important_words_are_read_from_the_catalogues(tmp_path):
    """A catalogue's word is used; one that does not read is left to the build, not guessed."""
    from hooks.checks.rules.callouts import important_re, important_words
    (tmp_path / "en.yml").write_text("callout.important: Important\n", encoding="utf-8")
    (tmp_path / "fr.yml").write_text("callout.important: Attention\n", encoding="utf-8")
    (tmp_path / "de.yml").write_text("callout.important: [Wichtig\n", encoding="utf-8")
    words = important_words(tmp_path)
    assert words == ("Attention", "Important")
    assert important_re(words).match("Attention : lisez.") and not important_re(words).match("Wichtig: lesen.")


# ---------------------------------------------------------------- no crashes

MARKDOWN_PIECES = st.sampled_from(
    ["1. a", "3. b", "- x", "1) p", "!!! note", '=== "T"', "??? tip", "```", "~~~", "> q", "> [!NOTE]",
     "<!--", "-->", "---", "## H", "Important: x", "    ", "\t", "", "2024. y", "| a |", "|---|"])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_check_and_fix_never_raise_on_any_text(text):
    """Arbitrary text never crashes the check or the fix, and the fix is idempotent."""
    check_text(text, SITE)
    fixed = fix_text(text, SITE)
    assert fix_text(fixed, SITE) == fixed


def text_lines(text: str) -> int:
    """How many lines hold more than spaces and quote marks."""
    return sum(1 for line in text.splitlines() if line.strip(" >"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", " ", "  ", "    ", "\t", "> "]), MARKDOWN_PIECES), max_size=20),
       st.sampled_from(["\n", "\r\n"]))
def test_check_and_fix_never_raise_on_markdown_like_text(pieces, newline):
    """Markdown-shaped text, the likeliest to reach deep code paths, never crashes either."""
    text = newline.join(indent + piece for indent, piece in pieces)
    check_text(text, SITE)
    fixed = fix_text(text, SITE)
    assert fix_text(fixed, SITE) == fixed
    # The fixes change numbers and add blank lines (KB106), never a line of text.
    assert text_lines(fixed) == text_lines(text)


# ---------------------------------------------------------------- the writers' guide

def test_writers_guide_shows_the_generated_table_and_a_section_per_rule(site):
    """The built guide lists every registered rule in its table, each with a wrong and a right example."""
    from hooks.checks.findings import RULES
    from tests.conftest import soup

    page = soup(site.html("writers-guide/rules/"))
    table_ids = {row.find("td").get_text(strip=True) for table in page.select("article table")
                 for row in table.find_all("tr") if row.find("td")}
    assert set(RULES) <= table_ids
    for rule_id, registered in RULES.items():
        heading = page.find(id=f"{rule_id}-{registered.name}".lower())
        assert heading is not None, rule_id
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            section.append(sibling)
        texts = [s.get_text(" ", strip=True) for s in section]
        assert any(t.startswith("Wrong") for t in texts) and any(t.startswith("Right") for t in texts), rule_id
        assert sum(1 for s in section if s.select("pre code")) >= 2, rule_id
