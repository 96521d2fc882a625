"""A per-client limit on answers, kept in memory only (client addresses are never stored)."""

from __future__ import annotations

import time
from collections import deque


class RateLimiter:
    """At most `limit` requests per client in any `window` seconds (a sliding window)."""

    def __init__(self, limit: int, window: float):
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[float]] = {}

    def allow(self, client: str, now: float | None = None) -> bool:
        """Count one request from `client`; False when it is over the limit."""
        now = time.monotonic() if now is None else now
        self._forget_before(now - self.window)
        times = self._seen.setdefault(client, deque())
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def _forget_before(self, cutoff: float) -> None:
        """Drop old times, and clients with none left, so memory stays bounded."""
        for client in list(self._seen):
            times = self._seen[client]
            while times and times[0] <= cutoff:
                times.popleft()
            if not times:
                del self._seen[client]
