"""A free TCP port on this machine, for the servers the tests start (the preview, the collector)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
