"""Diagnostics for machines: a JSON list and SARIF 2.1.0 (for editors and CI annotations).

``kadermodel check`` and ``kadermodel lint`` print these with ``--format json`` and
``--format sarif``. Keys are English, messages and hints Dutch, paths as the user gave them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kadermodel.errors import Diagnostic

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"fout": "error", "waarschuwing": "warning"}


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    """One diagnostic: code, severity (``error``/``warning``), message, file, line, column."""
    span = diagnostic.span
    return {
        "code": diagnostic.code,
        "severity": _LEVELS.get(diagnostic.severity, "error"),
        "message": diagnostic.message,
        "file": span.file if span else None,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "hint": diagnostic.hint,
        "suggestion": diagnostic.suggestion,
    }


def diagnostics_json(diagnostics: Iterable[Diagnostic]) -> list[dict[str, Any]]:
    return [diagnostic_json(d) for d in diagnostics]


def diagnostics_sarif(diagnostics: Sequence[Diagnostic], version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run of the ``kadermodel`` tool."""
    codes = sorted({d.code for d in diagnostics})
    results = []
    for diagnostic in diagnostics:
        text = diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")
        result: dict[str, Any] = {
            "ruleId": diagnostic.code,
            "level": _LEVELS.get(diagnostic.severity, "error"),
            "message": {"text": text},
        }
        span = diagnostic.span
        if span is not None:
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": span.file},
                        "region": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": span.end_column,
                        },
                    }
                }
            ]
        results.append(result)
    return {
        "version": "2.1.0",
        "$schema": SARIF_SCHEMA,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kadermodel",
                        "version": version,
                        "rules": [{"id": code} for code in codes],
                    }
                },
                "results": results,
            }
        ],
    }


def diagnostics_document(fmt: str, diagnostics: Sequence[Diagnostic], version: str) -> Any:
    """The JSON list (``fmt`` ``json``) or the SARIF log (``sarif``) of ``diagnostics``."""
    if fmt == "json":
        return diagnostics_json(diagnostics)
    return diagnostics_sarif(diagnostics, version)
