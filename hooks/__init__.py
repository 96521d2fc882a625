"""Knowledge Base checks and build hooks.

The checks are plain functions (text in, findings out) that import nothing from
MkDocs. The MkDocs hook modules (`hooks/on_*.py`) and the writers' command
(`python -m hooks check`) both call them.
"""
