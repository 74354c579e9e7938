"""The report page of ``POST /kaders/{id}/report``: the HTML report of ``kadermodel assess
--format html`` (:func:`kadermodel.report.html.report_html`), self-contained and offline."""

from __future__ import annotations

import kadermodel as km
from kadermodel.report.html import report_html
from kadermodel.report.receipt import version


def report_page(assessment: km.Assessment) -> str:
    """The assessment as the self-contained Dutch HTML report."""
    return report_html(assessment, version=version())
