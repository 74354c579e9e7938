"""The OpenAPI 3.1 document of the API (``GET /openapi.json``) and its docs page (``/docs``).

Written by hand from the routes in :mod:`kadermodel.serve.app` (a test checks that every route
is described); response bodies point to the JSON Schemas the command line already has.
The docs page is plain HTML made from the same document: no script, nothing from a CDN.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from kadermodel.report.assessment import assessment_schema
from kadermodel.report.explanation import schema as explanation_schema

_JSON = "application/json"
_FACTS_BODY = {
    "required": True,
    "description": "A facts document (JSON, or YAML as in a facts file): gemeente, "
    "peildatum, feiten, bronnen. A fact that is absent or 'onbekend' is unknown.",
    "content": {
        _JSON: {"schema": {"$ref": "#/components/schemas/Facts"}},
        "application/yaml": {"schema": {"type": "string"}},
    },
}
_PROBLEM = {"content": {_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
_KADER = {"name": "kader_id", "in": "path", "required": True, "schema": {"type": "string"}}
_PEILDATUM = {
    "name": "peildatum",
    "in": "query",
    "required": False,
    "description": "JJJJ-MM-DD; default: the facts' own peildatum, else today",
    "schema": {"type": "string", "format": "date"},
}
_THEMA = {
    "name": "thema",
    "in": "query",
    "required": False,
    "description": "only this thema",
    "schema": {"type": "string"},
}


def _json_response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {_JSON: {"schema": schema}}}


def _post(
    summary: str,
    description: str,
    ok: dict[str, Any],
    parameters: Sequence[dict[str, Any]] = (_PEILDATUM,),
    body: dict[str, Any] = _FACTS_BODY,
) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "description": description,
            "parameters": [_KADER, *parameters],
            "requestBody": body,
            "responses": {
                "200": ok,
                "404": {"description": "no kader with this id", **_PROBLEM},
                "413": {"description": "request body too large", **_PROBLEM},
                "415": {"description": "request body is not UTF-8 text", **_PROBLEM},
                "422": {"description": "bad facts (Dutch diagnostics)", **_PROBLEM},
                "503": {"description": "the per-request time limit was reached", **_PROBLEM},
            },
        }
    }


def openapi_document(version: str) -> dict[str, Any]:
    any_object = {"type": "object"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "kadermodel",
            "version": version,
            "description": "The VNG Kader voor de aanpak van mensenhandel door gemeenten as "
            "executable rules. Paths and JSON keys are English; texts for users are Dutch. "
            "The server keeps no state: every request carries its facts.",
        },
        "paths": {
            "/health": {
                "get": {
                    "summary": "Liveness: the server runs and its kaders are compiled",
                    "responses": {"200": _json_response("ok", any_object)},
                }
            },
            "/kaders": {
                "get": {
                    "summary": "The kaders this server assesses against",
                    "description": "`kaders`: each with the uitbreidingen applied to it; "
                    "`readings`: the bundled readings (lezingen) of the Kader, each an "
                    "uitbreiding to start the server with (`kadermodel serve --uitbreiding "
                    "ID`).",
                    "responses": {"200": _json_response("the kaders", any_object)},
                }
            },
            "/kaders/{kader_id}": {
                "get": {
                    "summary": "A kader: thema's, bouwstenen (text, bron), facts (question, "
                    "type), parameters",
                    "parameters": [_KADER],
                    "responses": {
                        "200": _json_response("the kader", any_object),
                        "404": {"description": "no kader with this id", **_PROBLEM},
                    },
                }
            },
            "/kaders/{kader_id}/facts-schema": {
                "get": {
                    "summary": "The JSON Schema of a facts document for this kader",
                    "parameters": [_KADER],
                    "responses": {
                        "200": _json_response("a JSON Schema (2020-12)", any_object),
                        "404": {"description": "no kader with this id", **_PROBLEM},
                    },
                }
            },
            "/kaders/{kader_id}/assess": _post(
                "Assess facts",
                "The same JSON, byte for byte, as `kadermodel assess --format json`.",
                _json_response("the assessment", {"$ref": "#/components/schemas/Assessment"}),
            ),
            "/kaders/{kader_id}/explain": _post(
                "Explain an assessment",
                "The same JSON as `kadermodel explain --format json` (optionally one thema).",
                _json_response("the explanation", {"$ref": "#/components/schemas/Explanation"}),
                (_THEMA, _PEILDATUM),
            ),
            "/kaders/{kader_id}/next-steps": _post(
                "The smallest changes that lift each thema (or one) to its next plateau",
                "A list of next steps, one per thema.",
                _json_response("the next steps", any_object),
                (_THEMA, _PEILDATUM),
            ),
            "/kaders/{kader_id}/next-question": _post(
                "The next question of a questionnaire, with 'waarom vragen we dit?'",
                "A fact set to 'weet niet' was asked and its answer is not known: it counts "
                "as unknown and is not asked again; absent or 'onbekend' facts are not asked "
                "yet. `question` is null when the questionnaire is done.",
                _json_response("the next question and the ranges so far", any_object),
            ),
            "/kaders/{kader_id}/report": _post(
                "The assessment as the Dutch HTML report",
                "The report of `kadermodel assess --format html`: one self-contained page "
                "(styles and pictures inline, no external resources).",
                {"description": "the report", "content": {"text/html": {}}},
            ),
            "/kaders/{kader_id}/facts-file": _post(
                "Facts as a YAML facts file (for download)",
                "Every fact grouped per thema under its question: the answers, 'weet niet' "
                "kept, the others 'onbekend' (not asked yet).",
                {"description": "the facts file", "content": {"application/yaml": {}}},
            ),
            "/kaders/{kader_id}/facts": _post(
                "Read a facts file (YAML or JSON) back into questionnaire state",
                "Known values as JSON, plus `dont_know`: the facts answered 'weet niet', and "
                "`warnings` (e.g. F220: a fact under its former name).",
                _json_response("the facts", any_object),
                (),
            ),
        },
        "components": {
            "schemas": {
                "Facts": {
                    "type": "object",
                    "description": "see GET /kaders/{kader_id}/facts-schema for one kader",
                },
                "Assessment": assessment_schema(),
                "Explanation": explanation_schema(),
                "Problem": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["status", "code", "message", "diagnostics"],
                            "properties": {
                                "status": {"type": "integer"},
                                "code": {"type": "string"},
                                "message": {
                                    "type": "string",
                                    "description": "Dutch, as the command line prints it",
                                },
                                "diagnostics": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    },
                },
            }
        },
    }


def _example(method: str, path: str) -> str:
    url = "http://127.0.0.1:8000" + path.replace("{kader_id}", "vng_mensenhandel_2021")
    if method == "get":
        return f"curl {url}"
    return (
        f"curl -X POST {url} \\\n     -H 'Content-Type: application/yaml' "
        "--data-binary @examples/voorbeeldstad.yaml"
    )


def docs_html(document: dict[str, Any]) -> str:
    """The API described for a reader: every path, what it takes, a curl example."""
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>kadermodel API</title>\n"
        '<link rel="icon" href="data:,">\n'
        '<link rel="stylesheet" href="/static/style.css">\n</head>\n<body class="docs">\n'
        f"<h1>kadermodel API {html.escape(document['info']['version'])}</h1>\n"
        f"<p>{html.escape(document['info']['description'])}</p>\n"
        '<p>The machine-readable description: <a href="/openapi.json">/openapi.json</a>. '
        'The web questionnaire: <a href="/">/</a>.</p>\n'
    ]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            parts.append(
                f'<section class="endpoint"><h2><code>{method.upper()} '
                f"{html.escape(path)}</code></h2>\n<p>{html.escape(operation['summary'])}</p>\n"
            )
            if operation.get("description"):
                parts.append(f"<p>{html.escape(operation['description'])}</p>\n")
            query = [p for p in operation.get("parameters", ()) if p["in"] == "query"]
            if query:
                parts.append("<ul>\n")
                for parameter in query:
                    text = parameter.get("description", "")
                    parts.append(
                        f"<li><code>?{html.escape(parameter['name'])}=</code> "
                        f"{html.escape(text)}</li>\n"
                    )
                parts.append("</ul>\n")
            parts.append(f"<pre>{html.escape(_example(method, path))}</pre>\n</section>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)
