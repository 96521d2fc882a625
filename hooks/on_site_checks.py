"""MkDocs hook: the file and site checks of the writers' command, during the build.

A file that cannot become a page (not UTF-8, empty, far too large, a link out of docs/,
front matter that does not load, a `template:` the theme does not have) is reported in one
line and left out of the site, so the build neither crashes on it nor publishes it. Two files
with one URL, and a folder of articles without an index.md, are reported. A `.nav.yml` that cannot be read, or holds a value awesome-nav
refuses, is reported and left out (the folder's pages then follow by name), and markup in its
navigation titles is reported. A file that is neither an article nor a `.nav.yml` is published
only when it is of an allowed type (and, for an SVG, safe to open); otherwise it is reported and
left out (KB417, KB418).
MkDocs (or ProperDocs) reports an unknown setting before any event; that line is reworded as it is logged.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from hooks import engine_loggers
from hooks.checks.rules.files import FileFacts, outside_target, page_verdict, path_under, read_facts
from hooks.checks.rules.nav import NAV_FILE, nav_verdict
from hooks.checks.rules.sections import missing_index_findings
from hooks.checks.rules.settings import setting_lines, unknown_setting_finding
from hooks.checks.rules.site import duplicate_urls
from hooks.checks.rules.static_files import is_static, static_findings
from hooks.checks.rules.templates import templates_in

log = logging.getLogger("mkdocs.plugins.kb_site_checks")
UNRECOGNISED_RE = re.compile(r"Config value '(?P<key>[^']*)': Unrecognised configuration name: (?P=key)")
# mkdocs.yml names this file as hooks/on_site_checks.py, so the config sits one folder up.
CONFIG_FILES = tuple(Path(__file__).resolve().parent.parent / name for name in ("mkdocs.yml", "mkdocs.yaml"))


class UnknownSettingLine(logging.Filter):
    """Rewords MkDocs' "Unrecognised configuration name" as our line: file, line, what, fix."""

    kb_unknown_setting = True

    def filter(self, record: logging.LogRecord) -> bool:
        """Reword the record when it is about an unknown setting; let every record through."""
        match = UNRECOGNISED_RE.fullmatch(record.getMessage())
        config = next((path for path in CONFIG_FILES if path.is_file()), None)
        if match and config:
            line = setting_lines(config.read_text(encoding="utf-8")).get(match.group("key"), 1)
            record.msg, record.args = unknown_setting_finding(match.group("key"), line).format(
                os.path.relpath(config)), ()
        return True


for _config_log in engine_loggers("config"):
    if not any(getattr(known, "kb_unknown_setting", False) for known in _config_log.filters):
        _config_log.addFilter(UnknownSettingLine())


def on_files(files, *, config):
    """Report, and leave out of the site, every page or other file that cannot be published; report
    shared URLs, folders without an index page and markup in navigation titles."""
    docs = Path(config.docs_dir)
    templates = templates_in(config.theme.custom_dir)
    for file in list(files):
        if file.abs_src_path is None or Path(file.src_dir or "") != docs:  # generated, or the theme's own
            continue
        source = Path(file.abs_src_path)
        if source.name == NAV_FILE and not outside_target(source, docs):  # a link out of docs/ is KB408's
            nav = nav_verdict(source.read_bytes(), check_settings=True)
            for finding in nav.findings:
                log.warning(finding.format(os.path.relpath(source)))
            if nav.text is None:
                files.remove(file)
                continue
        if file.is_documentation_page():
            facts = read_facts(source, docs)
        elif target := outside_target(source, docs):
            facts = FileFacts(path_under(source, docs), None, target)
        else:
            if is_static(file.src_uri) and file.inclusion.is_in_serve():
                refused = static_findings(file.src_uri, source.read_bytes)
                for finding in refused:
                    log.warning(finding.format(os.path.relpath(source)))
                if refused:
                    files.remove(file)
            continue
        verdict = page_verdict(facts, templates)
        for finding in verdict.findings:
            log.warning(finding.format(os.path.relpath(source)))
        if verdict.text is None:
            files.remove(file)
    pages = {os.path.relpath(file.abs_src_path): file.url for file in files.documentation_pages()}
    for path, finding in duplicate_urls(pages):
        log.warning(finding.format(path))
    ours = [file.src_uri for file in files.documentation_pages() if Path(file.src_dir or "") == docs]
    for page, finding in missing_index_findings(ours, os.path.relpath(docs)):
        log.warning(finding.format(os.path.relpath(docs / page)))
    return files
