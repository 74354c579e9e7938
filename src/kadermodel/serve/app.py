"""The ASGI application: routes, request limits, the questionnaire's static files.

:func:`create_app` takes kaders that are already loaded (and checked), compiles each once
(plan, graph and the caches of the explanations are filled before the first request), and
returns a Starlette application that shares them read-only between requests. A request
never changes server state; the work of a request (assess, explain, ...) runs in a worker
thread under a time limit, so a slow request cannot hold up the event loop.

Limits: a request body larger than ``max_body_bytes`` gets 413, read no further; a request
whose work takes longer than ``time_limit`` seconds gets 503 (the worker thread finishes its
computation in the background; the explanation searches have budgets of their own).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from importlib import metadata, resources
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import attrs
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import kadermodel as km
from kadermodel import model as m
from kadermodel.engine.graph import graph_of
from kadermodel.engine.plan import plan_of
from kadermodel.errors import Diagnostic, KaderError, suggest
from kadermodel.facts.schema import facts_schema as facts_schema_of
from kadermodel.report.assessment import assessment_json
from kadermodel.report.explanation import explanation_json, next_steps_json
from kadermodel.serve import catalog, factsfile, openapi, problems, questions, report

T = TypeVar("T")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STATIC = {
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
)


@attrs.frozen
class Limits:
    """What one request may cost."""

    max_body_bytes: int = 1_000_000
    """Largest request body accepted (bytes); a bigger one gets HTTP 413."""
    time_limit: float = 10.0
    """Seconds of work per request; past it the answer is HTTP 503."""
    workers: int = 4
    """Requests computed at the same time (worker threads); others wait their turn."""


class _Problem(Exception):
    """An answer other than 200 with a JSON problem body."""

    def __init__(self, status: int, body: dict[str, Any]):
        super().__init__(status)
        self.status = status
        self.body = body


def json_bytes(data: Any) -> bytes:
    """JSON exactly as the command line writes it (``kadermodel ... --format json``)."""
    return utf8(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def utf8(text: str) -> bytes:
    """Text as UTF-8; a lone surrogate (JSON allows ``"\\ud800"``) is written escaped."""
    return text.encode("utf-8", "backslashreplace")


def _json_response(data: Any, status: int = 200) -> Response:
    return Response(
        json_bytes(data),
        status_code=status,
        media_type="application/json",
        headers=_SECURITY_HEADERS,
    )


def _version() -> str:
    try:
        return metadata.version("kadermodel")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _warm(kader: m.Kader) -> None:
    """Compile the kader and fill the explanations' caches before any request comes."""
    plan_of(kader)
    graph_of(kader)
    questions.next_question_json(kader, km.parse_facts({}, kader), dt.date(2000, 1, 1))


class _Service:
    """The kaders and the work behind each route (plain functions of request data)."""

    def __init__(self, kaders: Sequence[m.Kader], limits: Limits):
        self.kaders: Mapping[str, m.Kader] = {k.id: k for k in kaders}
        self.limits = limits
        self.limiter = anyio.CapacityLimiter(limits.workers)
        self.version = _version()
        self.document = openapi.openapi_document(self.version)
        self.docs = openapi.docs_html(self.document).encode("utf-8")
        folder = resources.files("kadermodel.serve").joinpath("static")
        self.index = folder.joinpath("index.html").read_bytes()
        self.static = {name: folder.joinpath(name).read_bytes() for name in _STATIC}

    # ---------------------------------------------------------------- request data

    def kader(self, request: Request) -> m.Kader:
        kader_id = request.path_params["kader_id"]
        kader = self.kaders.get(kader_id)
        if kader is None:
            hint = suggest(kader_id, self.kaders)
            raise _Problem(
                404,
                problems.problem_json(
                    404,
                    "S404",
                    f"onbekend kader '{kader_id}'",
                    hint="kaders op deze server: "
                    + ", ".join(self.kaders)
                    + (f"; bedoelde je '{hint}'?" if hint else ""),
                ),
            )
        return kader

    async def body_text(self, request: Request) -> str:
        limit = self.limits.max_body_bytes
        too_large = _Problem(
            413,
            problems.problem_json(
                413,
                "S413",
                f"het verzoek is te groot (meer dan {limit} bytes)",
                hint="stuur alleen het feitenbestand mee",
            ),
        )
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        try:
            return b"".join(chunks).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _Problem(
                415,
                problems.problem_json(
                    415,
                    "S415",
                    "de feiten in het verzoek zijn geen UTF-8-tekst",
                    hint="stuur JSON of YAML in UTF-8",
                ),
            ) from None

    @staticmethod
    def query(request: Request, name: str) -> str | None:
        return request.query_params.get(name)

    @staticmethod
    def peildatum(request: Request) -> dt.date | None:
        text = request.query_params.get("peildatum")
        if text is None:
            return None
        day: dt.date | None = None
        if _DATE.match(text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                day = None
        if day is None:
            raise KaderError(
                [
                    Diagnostic(
                        "F206",
                        f"peildatum '{text}' is geen bestaande datum",
                        None,
                        hint="schrijf JJJJ-MM-DD, bijvoorbeeld 2026-06-30",
                    )
                ]
            )
        return day

    async def compute(self, work: Callable[[], T]) -> T:
        try:
            with anyio.fail_after(self.limits.time_limit):
                return await anyio.to_thread.run_sync(
                    _bounded, work, abandon_on_cancel=True, limiter=self.limiter
                )
        except TimeoutError:
            raise _Problem(
                503,
                problems.problem_json(
                    503,
                    "S503",
                    "de berekening duurde te lang (langer dan "
                    f"{self.limits.time_limit:g} seconden)",
                    hint="probeer het later opnieuw of vraag minder tegelijk "
                    "(bijvoorbeeld één thema)",
                ),
            ) from None


def _bounded(work: Callable[[], T]) -> T:
    """Run ``work``; input nested too deeply for the readers is a 422, not a crash."""
    try:
        return work()
    except RecursionError:
        raise KaderError(
            [
                Diagnostic(
                    "S422",
                    "de invoer is te diep genest om te lezen",
                    None,
                    hint="een feitenbestand heeft hooguit drie niveaus: feiten, naam, waarde",
                )
            ]
        ) from None


def read_facts(kader: m.Kader, text: str, name: str = "<verzoek>") -> km.Facts:
    """The facts in a request body, checked against ``kader``.

    A JSON object is read as a mapping first (fifty times faster than the YAML reader);
    only when that finds a problem (or a warning) is the text read again as YAML, so that
    every diagnostic names its line and column in the body, exactly as the command line does
    for a file.
    """
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and _plain_top(data):
            try:
                facts = km.parse_facts(data, kader, name=name, follow_regio=False)
            except KaderError:
                pass
            else:
                if not facts.warnings:
                    return facts
                # a warning (a former fact name) names its line and column, as errors do
    # The server reads no other files: a 'regio:' in what a client sent is an error (F212).
    return km.parse_facts(text, kader, name=name, follow_regio=False)


def _plain_top(data: dict[str, Any]) -> bool:
    """Top-level keys of the forms both readers read alike (texts, a mapping of texts)."""
    texts = all(isinstance(data.get(k), str | None) for k in ("gemeente", "peildatum", "kader"))
    bronnen = data.get("bronnen")
    plain_bronnen = bronnen is None or (
        isinstance(bronnen, dict) and all(isinstance(v, str) for v in bronnen.values())
    )
    return texts and plain_bronnen and isinstance(data.get("toelichting"), str | None)


def _assessment(kader: m.Kader, text: str, peildatum: dt.date | None) -> km.Assessment:
    return km.assess(kader, read_facts(kader, text), peildatum)


def _thema(kader: m.Kader, thema: str | None) -> str | None:
    if thema is not None and thema not in kader.themas:
        raise KaderError(
            [
                Diagnostic(
                    "S422",
                    f"onbekend thema '{thema}'",
                    None,
                    hint="thema's in dit kader: " + ", ".join(kader.themas),
                    suggestion=suggest(thema, kader.themas),
                )
            ]
        )
    return thema


def create_app(kaders: Sequence[m.Kader], limits: Limits | None = None) -> Starlette:
    """The ASGI application for ``kaders`` (each compiled here, once)."""
    if not kaders:
        raise ValueError("create_app needs at least one kader")
    for kader in kaders:
        _warm(kader)
    service = _Service(kaders, limits or Limits())

    async def guarded(request: Request, handler: Callable[[Request], Any]) -> Response:
        try:
            response: Response = await handler(request)
            return response
        except _Problem as problem:
            return _json_response(problem.body, problem.status)
        except KaderError as error:
            return _json_response(problems.error_json(error), 422)

    def facts_route(
        work: Callable[[m.Kader, str, Request], Any],
    ) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            async def handler(request: Request) -> Response:
                kader = service.kader(request)
                text = await service.body_text(request)
                result = await service.compute(lambda: work(kader, text, request))
                if isinstance(result, Response):
                    return result
                return _json_response(result)

            return await guarded(request, handler)

        return endpoint

    def get_route(work: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            async def handler(request: Request) -> Response:
                return _json_response(work(request))

            return await guarded(request, handler)

        return endpoint

    def assess_work(kader: m.Kader, text: str, request: Request) -> Any:
        result = _assessment(kader, text, service.peildatum(request))
        return assessment_json(result)

    def explain_work(kader: m.Kader, text: str, request: Request) -> Any:
        thema = _thema(kader, service.query(request, "thema"))
        result = _assessment(kader, text, service.peildatum(request))
        return explanation_json(result, thema)

    def next_steps_work(kader: m.Kader, text: str, request: Request) -> Any:
        thema = _thema(kader, service.query(request, "thema"))
        result = _assessment(kader, text, service.peildatum(request))
        themas = [thema] if thema is not None else list(kader.themas)
        return {"next_steps": [next_steps_json(km.next_steps(result, t)) for t in themas]}

    def next_question_work(kader: m.Kader, text: str, request: Request) -> Any:
        peildatum = service.peildatum(request)
        return questions.next_question_json(kader, read_facts(kader, text), peildatum)

    def report_work(kader: m.Kader, text: str, request: Request) -> Response:
        result = _assessment(kader, text, service.peildatum(request))
        headers = {**_SECURITY_HEADERS, "Content-Security-Policy": _REPORT_CSP}
        return Response(
            utf8(report.report_page(result)),
            media_type="text/html; charset=utf-8",
            headers=headers,
        )

    def facts_file_work(kader: m.Kader, text: str, request: Request) -> Response:
        facts = read_facts(kader, text)
        name = re.sub(r"[^a-z0-9]+", "-", (facts.gemeente or "feiten").lower()).strip("-")
        headers = {
            **_SECURITY_HEADERS,
            "Content-Disposition": f'attachment; filename="{name or "feiten"}.yaml"',
        }
        return Response(
            utf8(factsfile.facts_file_text(kader, facts)),
            media_type="application/yaml; charset=utf-8",
            headers=headers,
        )

    def facts_work(kader: m.Kader, text: str, request: Request) -> Any:
        facts = read_facts(kader, text, "<bestand>")
        return factsfile.facts_state(facts)

    def health(request: Request) -> Any:
        return {"status": "ok", "version": service.version, "kaders": list(service.kaders)}

    def kaders_list(request: Request) -> Any:
        return {
            "kaders": [catalog.kader_summary(k) for k in service.kaders.values()],
            "readings": catalog.readings_json(),
        }

    def kader_detail(request: Request) -> Any:
        return catalog.kader_json(service.kader(request))

    def facts_schema(request: Request) -> Any:
        return facts_schema_of(service.kader(request))

    def openapi_json(request: Request) -> Any:
        return service.document

    async def index(request: Request) -> Response:
        return Response(
            service.index, media_type="text/html; charset=utf-8", headers=_SECURITY_HEADERS
        )

    async def docs(request: Request) -> Response:
        return Response(
            service.docs, media_type="text/html; charset=utf-8", headers=_SECURITY_HEADERS
        )

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in service.static:
            raise HTTPException(404)
        return Response(service.static[name], media_type=_STATIC[name], headers=_SECURITY_HEADERS)

    post = ["POST"]
    routes = [
        Route("/", index),
        Route("/docs", docs),
        Route("/static/{name}", static),
        Route("/health", get_route(health)),
        Route("/openapi.json", get_route(openapi_json)),
        Route("/kaders", get_route(kaders_list)),
        Route("/kaders/{kader_id}", get_route(kader_detail)),
        Route("/kaders/{kader_id}/facts-schema", get_route(facts_schema)),
        Route("/kaders/{kader_id}/assess", facts_route(assess_work), methods=post),
        Route("/kaders/{kader_id}/explain", facts_route(explain_work), methods=post),
        Route("/kaders/{kader_id}/next-steps", facts_route(next_steps_work), methods=post),
        Route("/kaders/{kader_id}/next-question", facts_route(next_question_work), methods=post),
        Route("/kaders/{kader_id}/report", facts_route(report_work), methods=post),
        Route("/kaders/{kader_id}/facts-file", facts_route(facts_file_work), methods=post),
        Route("/kaders/{kader_id}/facts", facts_route(facts_work), methods=post),
    ]

    async def http_problem(request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, HTTPException) else 500
        if status == 404:
            body = problems.problem_json(
                404,
                "S404",
                f"deze pagina bestaat niet: {request.url.path}",
                hint="zie /docs voor wat deze server kan",
            )
        elif status == 405:
            body = problems.problem_json(
                405,
                "S405",
                f"{request.method} kan niet op {request.url.path}",
                hint="zie /docs voor de juiste methode (GET of POST)",
            )
        else:
            status = 500 if status >= 500 else status
            body = problems.problem_json(
                status,
                f"S{status}",
                "er ging iets mis in de server",
                hint="dit is een fout in kadermodel; meld het met het verzoek erbij",
            )
        return _json_response(body, status)

    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_problem, Exception: http_problem},
    )
