"""The collector's web service (Starlette): POST /api/feedback, /api/search, /api/view and /api/contact, GET /api/health."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from feedback.events import validate_contact, validate_view
from feedback.ratelimit import RateLimiter
from feedback.searches.storage import store_search
from feedback.searches.validation import validate_search
from feedback.settings import Settings
from feedback.sitemap import Sitemap, SitemapUnavailable
from feedback.storage import Database, connect
from feedback.storage.records import Record
from feedback.validation import Rejection, parse_body, validate

log = logging.getLogger("feedback")
PREFLIGHT_MAX_AGE = "600"


def wrong_origin() -> Rejection:
    return Rejection(403, "wrong_origin", "Feedback is accepted only from the help center's own pages.")


def rate_limited() -> Rejection:
    return Rejection(429, "rate_limited", "You have sent a lot of answers in a short time. "
                     "Please wait a minute and try again.")


def unavailable() -> Rejection:
    return Rejection(503, "unavailable", "Feedback cannot be stored at the moment. Please try again later.")


def body_too_large(limit: int) -> Rejection:
    return Rejection(413, "too_large", f"The feedback is larger than {limit:,} bytes and was not stored.")


class NeedsSitemapRead(Exception):
    """The pages already read do not hold the path: only a sitemap read, which may block, can tell."""


PageCheck = Callable[[str], bool]
BodyCheck = Callable[[bytes, PageCheck], object]


async def checked_on_loop_or_in_thread(check: BodyCheck, body: bytes, sitemap: Sitemap) -> object:
    """The record `check` makes of `body`: on the event loop when the pages already read answer it
    (no thread hand-off per request), else again in a thread, where the sitemap may be read."""

    def known_page(path: str) -> bool:
        if sitemap.knows(path):
            return True
        raise NeedsSitemapRead

    try:
        return check(body, known_page)
    except NeedsSitemapRead:
        return await run_in_threadpool(check, body, sitemap.__contains__)


def cors_headers(origin: str) -> dict[str, str]:
    """The headers that let the site's own page read our answer."""
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused as soon as it grows past `limit` bytes (Content-Length or not)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise body_too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise body_too_large(limit)
    return bytes(body)


class GroupCommit:
    """Answers that arrive while a commit is running are committed together in the next one.

    Every answer is still acknowledged only after the commit that holds it; one fsync serves
    many readers, so a burst of answers does not queue behind one fsync each. Answers are
    validated before they join a group; should the database still refuse one, the group is stored
    again answer by answer, so only that answer fails.
    """

    def __init__(self, database: Database, writer: ThreadPoolExecutor):
        self.database = database
        self.writer = writer
        self.waiting: list[tuple[Record, asyncio.Future]] = []
        self.draining: asyncio.Task | None = None

    async def store(self, answer: Record) -> None:
        """Return once `answer` is committed; raise what the commit raised."""
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((answer, future))
        if self.draining is None:
            self.draining = asyncio.create_task(self._drain())
        await future

    async def _drain(self) -> None:
        try:
            while self.waiting:
                batch, self.waiting = self.waiting, []
                error = await self._commit([answer for answer, _ in batch])
                if error is not None and len(batch) > 1:
                    for answer, future in batch:
                        settle(future, await self._commit([answer]))
                else:
                    for _, future in batch:
                        settle(future, error)
        finally:
            self.draining = None

    async def _commit(self, answers: list[Record]) -> Exception | None:
        """Store `answers` in one transaction; the error it raised, or None."""
        try:
            await asyncio.get_running_loop().run_in_executor(self.writer, partial(self.database.store, *answers))
        except Exception as error:  # noqa: BLE001 - handed to the waiting requests
            return error
        return None


def settle(future: asyncio.Future, error: Exception | None) -> None:
    """Wake the request waiting on `future` with success or with `error`."""
    if future.done():  # the request was cancelled: its reader has gone
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)


def answer_error(settings: Settings, rejection: Rejection, origin: str | None) -> JSONResponse:
    """A refusal as one JSON line, readable by the site's own pages."""
    headers = cors_headers(origin) if origin in settings.origins else {}
    if rejection.code == "rate_limited":
        headers["Retry-After"] = str(int(settings.rate_window))
    return JSONResponse(rejection.as_json(), status_code=rejection.status, headers=headers)


def preflight_route(settings: Settings) -> Callable:
    """The CORS preflight every POST route answers with."""
    async def preflight(request: Request) -> Response:
        origin = request.headers.get("origin")
        if origin not in settings.origins:
            return answer_error(settings, wrong_origin(), origin)
        return Response(status_code=204, headers={
            **cors_headers(origin), "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": PREFLIGHT_MAX_AGE})

    return preflight


def post_route(settings: Settings, database: Database, sitemap: Sitemap, check: BodyCheck,
               store: Callable[[object], Awaitable[None]], limiters: tuple[RateLimiter, ...]) -> Callable:
    """A POST route that checks its body with `check` and stores what it gives with `store`: the
    origin check, the body limit and a rate limit of its own (so page views never use up a
    reader's answers) are the same for every route."""

    async def receive(request: Request) -> Response:
        origin = request.headers.get("origin")
        try:
            if origin not in settings.origins:
                raise wrong_origin()
            client = request.client.host if request.client else "unknown"
            if not all(limiter.allow(client) for limiter in limiters):
                raise rate_limited()
            body = await read_body(request, settings.max_body_bytes)
            try:
                # Every check, UTF-8 included, runs before the record is stored (or joins a group commit).
                record = await checked_on_loop_or_in_thread(check, body, sitemap)
            except SitemapUnavailable as error:
                log.error("%s refused, the sitemap is unavailable: %s", request.url.path, error)
                raise unavailable() from None
            try:
                await store(record)
            except database.errors as error:
                log.error("%s not stored: %s", request.url.path, error)
                raise unavailable() from None
        except Rejection as rejection:
            return answer_error(settings, rejection, origin)
        return JSONResponse({"stored": True}, status_code=201, headers=cors_headers(origin))

    return receive


def health_route(sitemap: Sitemap, database: Database, writer: ThreadPoolExecutor) -> Callable:
    async def health(request: Request) -> Response:
        """Ready when the sitemap can be read and the database answers; 503 with the reason otherwise."""
        try:
            await run_in_threadpool(sitemap.paths)
        except SitemapUnavailable as error:
            log.warning("not ready, the sitemap is unavailable: %s", error)
            return not_ready("The site's sitemap cannot be read, so no page can be checked.")
        try:
            await asyncio.get_running_loop().run_in_executor(writer, database.ping)
        except database.errors as error:
            log.error("not ready, the database does not answer: %s", error)
            return not_ready("The database does not answer.")
        return JSONResponse({"status": "ok"})

    return health


async def unexpected(request: Request, error: Exception) -> Response:
    """A fault of ours still answers in JSON (Starlette logs the traceback)."""
    return JSONResponse({"error": "internal", "field": None,
                         "message": "Sorry, something went wrong on our side. Please try again later."}, 500)


def create_app(settings: Settings) -> Starlette:
    """The service for `settings`: one writer thread, the sitemap, an in-memory rate limiter.

    The limiter counts per process: behind a load balancer that spreads one client over N
    collectors, that client may send up to N times the limit (guides/operators.md).
    """
    database = connect(settings.db)
    # One writer thread: SQLite has one writer anyway, a group commit needs no more on PostgreSQL,
    # and the event loop never waits on a commit.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feedback-writer")
    sitemap = Sitemap(settings.sitemap)
    commits = GroupCommit(database, writer)

    def check_answer(body: bytes, is_page: PageCheck) -> Record:
        return validate(parse_body(body), allowed_origins=settings.origins, is_page=is_page,
                        min_comment_length=settings.min_comment_length)

    def check_view(body: bytes, is_page: PageCheck) -> Record:
        return validate_view(parse_body(body), is_page=is_page)

    def check_contact(body: bytes, is_page: PageCheck) -> Record:
        return validate_contact(parse_body(body))

    def store_one_search(search) -> Awaitable[None]:
        return asyncio.get_running_loop().run_in_executor(writer, store_search, database, search)

    def per_route_limit() -> RateLimiter:
        return RateLimiter(settings.rate_limit, settings.rate_window)

    preflight = preflight_route(settings)
    # Searches count apart from answers (a customer who searched can still answer), under the
    # same limit plus a cap over a longer window on what one client can add.
    search = post_route(settings, database, sitemap, lambda body, is_page: validate_search(parse_body(body)),
                        store_one_search, (per_route_limit(), RateLimiter(*settings.search_cap)))
    routes = [Route("/api/health", health_route(sitemap, database, writer), methods=["GET"]),
              Route("/api/search", search, methods=["POST"]), Route("/api/search", preflight, methods=["OPTIONS"])]
    for path, check in (("/api/feedback", check_answer), ("/api/view", check_view), ("/api/contact", check_contact)):
        routes += [Route(path, post_route(settings, database, sitemap, check, commits.store, (per_route_limit(),)),
                         methods=["POST"]), Route(path, preflight, methods=["OPTIONS"])]
    return Starlette(routes=routes, exception_handlers={Exception: unexpected})


def not_ready(reason: str) -> JSONResponse:
    return JSONResponse({"status": "not_ready", "reason": reason}, status_code=503)
