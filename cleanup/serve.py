"""``cleanup serve``: the HTTP service and the interactive review pages (routes only).

The pipeline runs in a process pool (``api.work``) so one slow article does not block the
others; a request that takes longer than the timeout gets a 503 and its pool is replaced
(the stuck worker is terminated). Every error is a JSON object ``{"error": ...}`` with a 4xx,
or a 503 when the workers are unavailable; never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import secrets
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import api
from .config import CleanupConfig
from .difflog import dumps
from .html.render import ASSETS, ArticleView, article_page, review_index
from .review import decide, decided_with, default_accepted, log_records


class Unavailable(Exception):
    """The workers did not answer in time or died."""


class Workers:
    """A process pool with a per-call timeout; a stuck pool is replaced, not waited for.

    At most ``size`` calls run at once (the rest wait their turn, up to the timeout too), so
    the timeout measures an article's own running time, and a replaced pool takes down only
    the calls then running: those killed alongside a stuck one are retried once.
    """

    def __init__(self, size: int, timeout: float):
        self.size, self.timeout = max(1, size), timeout
        self.pool = self._new()
        self.slots = asyncio.Semaphore(self.size)

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.size, mp_context=multiprocessing.get_context("spawn"))

    async def call(self, fn, *args):
        try:
            await asyncio.wait_for(self.slots.acquire(), self.timeout)
        except asyncio.TimeoutError:
            raise Unavailable(f"all {self.size} workers stayed busy for {self.timeout:g} s; retry later") from None
        try:
            for attempt in (1, 2):
                pool = self.pool
                try:
                    future = asyncio.get_running_loop().run_in_executor(pool, fn, *args)
                    return await asyncio.wait_for(future, self.timeout)
                except asyncio.TimeoutError:
                    self.replace(pool)
                    raise Unavailable(f"the article took longer than {self.timeout:g} s") from None
                except BrokenProcessPool:
                    replaced = self.pool is not pool  # killed alongside a stuck call: retry once
                    self.replace(pool)
                    if not (replaced and attempt == 1):
                        raise Unavailable("a worker process died; retry") from None
        finally:
            self.slots.release()

    def replace(self, pool: ProcessPoolExecutor) -> None:
        if self.pool is not pool:
            return
        self.pool = self._new()
        processes = list((pool._processes or {}).values())  # noqa: SLF001 (terminate the stuck worker)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)  # at exit: running requests finish first


@dataclass
class Reviewed:
    """One posted article: every change the pipeline can make, and the editor's decisions."""

    id: str
    name: str
    original: str
    candidates: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    metadata: dict[str, Any]
    accepted: set[int] = field(default_factory=set)

    def decided(self):
        return decide(self.original, self.candidates, self.accepted)


class Store:
    """The articles under review, in memory; the oldest goes when it is full."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict[str, Reviewed] = OrderedDict()

    def add(self, item: Reviewed) -> None:
        self.items[item.id] = item
        while len(self.items) > self.size:
            self.items.popitem(last=False)

    def get(self, key: str) -> Reviewed:
        try:
            return self.items[key]
        except KeyError:
            raise HTTPException(404, f"no article '{key}' under review (it may have been evicted)") from None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _json(request: Request, limit: int) -> Any:
    body = await _body(request, limit)
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise api.BadRequest(400, f"the body is not valid JSON: {exc}") from None


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refusing early one far over the size limit (JSON escapes may grow it 6x)."""
    cap = limit * 6 + 65536
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise api.BadRequest(413, f"the body is {declared} bytes; the text limit is {limit}")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise api.BadRequest(413, f"the body is over {cap} bytes; the text limit is {limit}")
    return body


def create_app(config: CleanupConfig | None = None, *, workers: int = 2, timeout: float = 30.0,
               max_bytes: int = 1_000_000, store_size: int = 200) -> Starlette:
    """The ASGI app; ``config`` gives the defaults each request's ``config`` overrides."""
    base = config or CleanupConfig()
    store = Store(store_size)

    async def run(text: str, overrides: dict[str, Any], name: str = "request") -> dict[str, Any]:
        answer = await app.state.workers.call(api.work, text, base, overrides, name)
        if "error" in answer:
            raise api.BadRequest(answer["status"], answer["error"])
        return answer

    async def clean(request: Request) -> Response:
        text, overrides = api.request_from(await _json(request, max_bytes), max_bytes)
        answer = await run(text, overrides)
        answer.pop("original")
        return JSONResponse(answer)

    async def check(request: Request) -> Response:
        text, overrides = api.request_from(await _json(request, max_bytes), max_bytes)
        answer = await run(text, overrides)
        return JSONResponse({"pending": len(answer["changes"]), "changes": answer["changes"],
                             "findings": answer["findings"], "score": answer["score"],
                             "metadata": answer["metadata"]})

    async def rules(request: Request) -> Response:
        return JSONResponse(await app.state.workers.call(api.rules, base))

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "workers": app.state.workers.size, "reviews": len(store.items)})

    async def review_list(request: Request) -> Response:
        items = []
        for item in reversed(store.items.values()):
            decided = item.decided()
            items.append({"id": item.id, "name": item.name, "applied": len(decided.applied),
                          "pending": len(decided.pending), "findings": item.findings})
        return HTMLResponse(review_index(items))

    async def review_post(request: Request) -> Response:
        kind = request.headers.get("content-type", "").split(";")[0].strip()
        if kind == "application/x-www-form-urlencoded":
            raw = await _body(request, max_bytes)
            form = {k: v[-1] for k, v in parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).items()}
            body: Any = {"text": form.get("text", "").replace("\r\n", "\n"), "name": form.get("name") or "article"}
            if form.get("mode"):
                body["config"] = {"mode": form["mode"]}
            if "text" not in form:
                raise api.BadRequest(422, "the form has no \"text\" field")
        else:
            body = await _json(request, max_bytes)
        text, overrides = api.request_from(body, max_bytes)
        name = body.get("name") or "article"
        overrides["unsafe_fixes"] = True  # every change the pipeline can make becomes a candidate
        key = secrets.token_urlsafe(8)
        answer = await run(text, overrides, name)
        store.add(Reviewed(key, name, text, answer["changes"], answer["findings"], answer["metadata"],
                           default_accepted(answer["changes"])))
        return RedirectResponse(f"/review/{key}", status_code=303)

    async def review_page(request: Request) -> Response:
        item = store.get(request.path_params["key"])
        decided = item.decided()
        view = ArticleView(item.name, item.original, decided.applied, item.findings, {}, item.metadata,
                           suggestions=decided.pending, candidates=item.candidates, ids=decided.ids)
        return HTMLResponse(article_page(view, assets="/assets", index="/review", review=f"/review/{item.id}"))

    async def review_decide(request: Request) -> Response:
        item = store.get(request.path_params["key"])
        index = request.path_params["index"]
        if not 0 <= index < len(item.candidates):
            raise HTTPException(404, f"no change {index} (the article has {len(item.candidates)})")
        body = await _json(request, 4096)
        if not isinstance(body, dict) or set(body) != {"accept"} or not isinstance(body["accept"], bool):
            raise api.BadRequest(422, "the body must be {\"accept\": true} or {\"accept\": false}")
        item.accepted = decided_with(item.original, item.candidates, item.accepted, index, body["accept"])
        decided = item.decided()
        return JSONResponse({"accepted": sorted(item.accepted), "applied": decided.ids,
                             "blocked": {str(k): v for k, v in decided.blocked_by.items()}, "text": decided.text})

    async def review_text(request: Request) -> Response:
        item = store.get(request.path_params["key"])
        return PlainTextResponse(item.decided().text)

    async def review_log(request: Request) -> Response:
        item = store.get(request.path_params["key"])
        decided = item.decided()
        header = {"file": item.name, "output": None, "metadata": item.metadata}
        lines = "".join(dumps(r) + "\n" for r in log_records(header, item.original, decided, item.findings))
        return Response(lines, media_type="application/x-ndjson")

    async def bad_request(request: Request, exc: api.BadRequest) -> Response:
        return _error(exc.status, exc.message)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(exc.status_code, str(exc.detail))

    async def unavailable(request: Request, exc: Unavailable) -> Response:
        return _error(503, str(exc))

    async def internal(request: Request, exc: Exception) -> Response:
        return _error(500, f"internal error: {type(exc).__name__}")

    @asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        app.state.workers.close()

    app = Starlette(
        routes=[
            Route("/health", health),
            Route("/v1/rules", rules),
            Route("/v1/clean", clean, methods=["POST"]),
            Route("/v1/check", check, methods=["POST"]),
            Route("/review", review_list),
            Route("/review", review_post, methods=["POST"]),
            Route("/review/{key}", review_page),
            Route("/review/{key}/changes/{index:int}", review_decide, methods=["POST"]),
            Route("/review/{key}/text", review_text),
            Route("/review/{key}/log", review_log),
            Mount("/assets", StaticFiles(directory=ASSETS)),
        ],
        exception_handlers={api.BadRequest: bad_request, HTTPException: http_error,
                            Unavailable: unavailable, Exception: internal},
        lifespan=lifespan,
    )
    app.state.workers = Workers(workers, timeout)
    return app


def run(config: CleanupConfig, *, host: str, port: int, workers: int, timeout: float, max_bytes: int) -> int:
    """Serve until interrupted (uvicorn); the exit code."""
    import uvicorn

    app = create_app(config, workers=workers, timeout=timeout, max_bytes=max_bytes)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
