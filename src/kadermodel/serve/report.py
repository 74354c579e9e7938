"""The report page of ``POST /kaders/{id}/report``.

Until the HTML report of :mod:`kadermodel.report` exists, the page shows the text report and
the explanation (the same words as ``kadermodel assess --uitleg``) in a plain, self-contained
HTML page: no script, no external resources.
"""

from __future__ import annotations

import html

import kadermodel as km
from kadermodel.report.assessment import assessment_text
from kadermodel.report.explanation import explanation_text

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 60rem;
       padding: 0 1rem; line-height: 1.4; color: #1a1a1a; }
pre { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.9rem; }
"""


def report_page(assessment: km.Assessment) -> str:
    """A self-contained Dutch HTML page with the assessment and its explanation."""
    gemeente = assessment.facts.gemeente or "de gemeente"
    title = f"Uitkomst voor {gemeente}"
    body = assessment_text(assessment) + "\n" + explanation_text(assessment, None)
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<pre>{html.escape(body)}</pre>\n</body>\n</html>\n"
    )
