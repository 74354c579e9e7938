"""Rule coverage: which bouwstenen and which parts of their conditions case files exercised.

Every assessed case adds the truth of each bouwsteen and of each sub-condition (traced with
the reference interpreter) to a :class:`RuleCoverage`. The report says, per bouwsteen and per
part, whether some case made it ``waar`` and some case made it ``onwaar``, and lists the
bouwstenen no case decided at all.
"""

from __future__ import annotations

import attrs

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment
from kadermodel.engine.interpret import Environment, Trace, trace
from kadermodel.language.unparse import cond_text
from kadermodel.logic import Truth


def trace_bouwsteen(assessment: Assessment, qid: str) -> Trace:
    """The traced full condition (``vereist`` and ``als``) of a bouwsteen in an assessment."""
    kader = assessment.kader
    env = Environment(kader, assessment.facts.values, assessment.peildatum, assessment.truth)
    return trace(kader.bouwstenen[qid].full_condition, env)


Path_ = tuple[int, ...]


@attrs.define
class KaderCoverage:
    """What the cases of one kader exercised."""

    kader: m.Kader
    cases: int = 0
    bouwstenen: dict[str, set[Truth]] = attrs.field(factory=dict)
    parts: dict[tuple[str, Path_], set[Truth]] = attrs.field(factory=dict)

    def record(self, assessment: Assessment) -> None:
        self.cases += 1
        for qid in self.kader.bouwstenen:
            self.bouwstenen.setdefault(qid, set()).add(assessment.truth(qid))
            stack: list[tuple[Path_, Trace]] = [((), trace_bouwsteen(assessment, qid))]
            while stack:
                path, node = stack.pop()
                self.parts.setdefault((qid, path), set()).add(node.truth)
                stack.extend(((*path, i), child) for i, child in enumerate(node.children))

    def never_exercised(self) -> tuple[str, ...]:
        """Bouwstenen no case made waar or onwaar."""
        return tuple(
            q
            for q in self.kader.bouwstenen
            if not self.bouwstenen.get(q, set()) & {Truth.TRUE, Truth.FALSE}
        )

    def rows(self) -> list[tuple[int, str, bool, bool]]:
        """(depth, label, seen waar, seen onwaar) per bouwsteen and per part, in order."""
        found = []
        for qid, bouwsteen in self.kader.bouwstenen.items():
            seen = self.bouwstenen.get(qid, set())
            found.append((0, qid, Truth.TRUE in seen, Truth.FALSE in seen))
            # The root is the bouwsteen itself; its parts are what is interesting.
            for path, node in m.walk_paths(bouwsteen.full_condition):
                if not path:
                    continue
                part = self.parts.get((qid, path), set())
                label = cond_text(node, sources=self.kader.sources)
                if isinstance(node, m.BouwsteenIs) and node.span is None:
                    label = f"vereist {node.bouwsteen}"
                found.append((len(path), label, Truth.TRUE in part, Truth.FALSE in part))
        return found

    def report(self) -> str:
        rows = self.rows()
        blocks = [r for r in rows if r[0] == 0]
        parts = [r for r in rows if r[0] > 0]
        full_blocks = sum(1 for r in blocks if r[2] and r[3])
        full_parts = sum(1 for r in parts if r[2] and r[3])
        lines = [
            f"kader {' + '.join((self.kader.id, *self.kader.extensions))}: "
            f"{self.cases} {'geval' if self.cases == 1 else 'gevallen'}; "
            "waar en onwaar gezien voor "
            f"{full_blocks} van {len(blocks)} bouwstenen en {full_parts} van {len(parts)} "
            "delen van voorwaarden",
        ]
        width = min(max(len("  " * d + label) for d, label, _, _ in rows), 72)
        lines.append(f"  {'bouwsteen / deel':<{width}}  waar  onwaar")
        for depth, label, true, false in rows:
            text = "  " * depth + label
            if len(text) > width:
                text = text[: width - 3] + "..."
            mark = "" if true and false else "  <-"
            lines.append(
                f"  {text:<{width}}  {'ja' if true else 'nee':<4}  "
                f"{'ja' if false else 'nee':<6}{mark}".rstrip()
            )
        never = self.never_exercised()
        if never:
            lines.append(
                "  nooit geraakt (geen geval maakte ze waar of onwaar): " + ", ".join(never)
            )
        else:
            lines.append("  elke bouwsteen is door een geval waar of onwaar gemaakt")
        return "\n".join(lines)


@attrs.define
class RuleCoverage:
    """Coverage of every kader that case files used in one test session."""

    kaders: dict[str, KaderCoverage] = attrs.field(factory=dict)

    def record(self, assessment: Assessment) -> None:
        kader = assessment.kader
        key = "+".join((kader.id, *kader.extensions))
        if key not in self.kaders:
            self.kaders[key] = KaderCoverage(kader)
        self.kaders[key].record(assessment)

    def report(self) -> str:
        if not self.kaders:
            return "geen testbestanden (*.kadertest.yaml) uitgevoerd: geen regeldekking"
        return "\n\n".join(c.report() for c in self.kaders.values())
