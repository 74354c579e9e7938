"""Profiles and bookkeeping for the parser fuzz tests.

``KADERMODEL_FUZZ=long`` (``make fuzz``) runs at least 10,000 examples per target; otherwise
a quick profile keeps the normal suite fast. Every target counts the inputs it ran and the
distinct outcomes (the KaderError codes, and any other exception type, which fails the test);
the terminal summary prints those figures, and a long run also appends each target's line to
``artifacts/fuzz.log`` as soon as the target ends (a run of hours keeps what it found).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

LONG = os.environ.get("KADERMODEL_FUZZ") == "long"
EXAMPLES = 10_000 if LONG else 40
"""Hypothesis examples per target."""
LOG = Path(__file__).resolve().parents[2] / "artifacts" / "fuzz.log"


class Stats:
    """Per fuzz target: inputs run, outcomes seen, seconds spent."""

    def __init__(self) -> None:
        self.runs: Counter[str] = Counter()
        self.outcomes: dict[str, Counter[str]] = {}
        self.crashes: dict[str, Counter[str]] = {}
        self.seconds: Counter[str] = Counter()

    def outcome(self, target: str, what: str) -> None:
        self.runs[target] += 1
        self.outcomes.setdefault(target, Counter())[what] += 1

    def crash(self, target: str, error: BaseException) -> None:
        self.runs[target] += 1
        self.crashes.setdefault(target, Counter())[type(error).__name__] += 1

    def lines(self) -> Iterator[str]:
        profile = "long (KADERMODEL_FUZZ=long)" if LONG else "quick"
        yield f"profile: {profile}, hypothesis max_examples per target: {EXAMPLES}"
        for target in sorted(self.runs):
            yield self.line(target)

    def line(self, target: str) -> str:
        """One target's figures: inputs, time, outcomes."""
        codes = self.outcomes.get(target, Counter())
        crashes = self.crashes.get(target, Counter())
        accepted = codes.get("accepted", 0)
        errors = sorted(c for c in codes if c != "accepted")
        return (
            f"{target}: {self.runs[target]} inputs in {self.seconds[target]:.1f} s; "
            f"{accepted} accepted; KaderError codes ({len(errors)}): "
            f"{', '.join(errors) or '-'}; other exceptions: "
            f"{len(crashes)} {dict(crashes) if crashes else ''}".rstrip()
        )


STATS = Stats()


@pytest.fixture
def stats(request: pytest.FixtureRequest) -> Iterator[Stats]:
    start = time.perf_counter()
    yield STATS
    target = request.node.originalname
    STATS.seconds[target] += time.perf_counter() - start
    if LONG and STATS.runs[target]:
        LOG.parent.mkdir(exist_ok=True)
        with LOG.open("a", encoding="utf-8") as log:
            log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {STATS.line(target)}\n")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not STATS.runs:
        return
    terminalreporter.write_sep("-", "kadermodel fuzz")
    for line in STATS.lines():
        terminalreporter.write_line(line)
