"""Problems as JSON bodies: the Dutch diagnostics of the command line, with HTTP statuses.

Bad facts, an unknown thema or a peildatum that is no date give HTTP 422 with the same
diagnostics (code, Dutch message, line and column in the request body, hint, suggestion) that
``kadermodel assess`` prints; ``message`` is exactly the text the command line would print.
The server's own problems have S codes: S404 (no such kader or path), S405 (method),
S413 (body too large), S415 (body not UTF-8 text), S503 (time limit), S500 (a bug).
"""

from __future__ import annotations

from typing import Any

from kadermodel.errors import Diagnostic, KaderError
from kadermodel.report.diagnostics import diagnostic_json


def error_json(error: KaderError) -> dict[str, Any]:
    """A KaderError as the body of an HTTP 422 answer."""
    return {
        "error": {
            "status": 422,
            "code": error.code,
            "message": str(error),
            "diagnostics": [diagnostic_json(d) for d in error.diagnostics],
        }
    }


def problem_json(status: int, code: str, message: str, hint: str | None = None) -> dict[str, Any]:
    """A problem of the request itself (not of its facts) as a JSON body."""
    diagnostic = Diagnostic(code, message, None, hint=hint)
    return {
        "error": {
            "status": status,
            "code": code,
            "message": diagnostic.render(),
            "diagnostics": [diagnostic_json(diagnostic)],
        }
    }
