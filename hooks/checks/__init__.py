"""The check engine: a block scanner that follows Python-Markdown, findings, and the rule registry."""
