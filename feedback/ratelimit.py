"""A per-client limit on answers, kept in memory only (client addresses are never stored)."""

from __future__ import annotations

import time
from collections import deque


class RateLimiter:
    """At most `limit` requests per client in any `window` seconds (a sliding window).

    A request looks only at its own client's times; the clients whose times have all left the
    window are dropped in one sweep at most once per window, so a request costs the same however
    many clients there are, and memory holds at most the clients of the last two windows.
    """

    def __init__(self, limit: int, window: float):
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[float]] = {}
        self._swept_at = float("-inf")

    def allow(self, client: str, now: float | None = None) -> bool:
        """Count one request from `client`; False when it is over the limit."""
        now = time.monotonic() if now is None else now
        cutoff = now - self.window
        if now - self._swept_at >= self.window:
            self._forget_before(cutoff)
            self._swept_at = now
        times = self._seen.setdefault(client, deque())
        while times and times[0] <= cutoff:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True

    def _forget_before(self, cutoff: float) -> None:
        """Drop the clients with no time after `cutoff`."""
        for client in [client for client, times in self._seen.items() if not times or times[-1] <= cutoff]:
            del self._seen[client]
