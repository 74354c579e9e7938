"""An assessment as one self-contained HTML page: :func:`report_html`.

The page needs nothing from a network (styles, the script and the picture are inline; a
Content-Security-Policy forbids every request), works from a USB stick, is Dutch
(``lang="nl"``), prints on A4 and is readable without colour: every coloured state has its word
beside it. It holds a summary per thema, the plateau matrix, a picture of the dependency
graph (inline SVG, laid out by kadermodel itself: thema rows, plateau columns, ``vereist``
arrows), per bouwsteen its text, Kader reference, why it holds or not in the words of the
questions, the facts with their sources, the next steps per thema, the open questions, the
changes made by uitbreidingen, a receipt and the disclaimer.

The output is deterministic: the same assessment gives the same bytes (no clock, no random
ids, no absolute paths).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence

import attrs

from kadermodel import model as m
from kadermodel.engine.controles import failed_controles
from kadermodel.engine.evaluate import Assessment
from kadermodel.explanation.diff import Diff
from kadermodel.explanation.next_steps import NextSteps, next_steps
from kadermodel.explanation.relevance import relevant_unknowns
from kadermodel.explanation.why import Explanation, explain_many
from kadermodel.facts.stale import cutoff
from kadermodel.logic import Truth
from kadermodel.report.afwijking import VIA_AFWIJKING, afwijking_words, expired_warning
from kadermodel.report.controles import HEADING as CONTROLE_HEADING
from kadermodel.report.controles import INTRO as CONTROLE_INTRO
from kadermodel.report.controles import facts_words
from kadermodel.report.stale import stale_answers
from kadermodel.report.textfmt import dutch_date, join_words
from kadermodel.report.words import (
    DISCLAIMER,
    NO_FURTHER,
    STATUS,
    STATUS_KEY,
    answer_words,
    capitalised,
    extension_changes,
    further_words,
    plateau_progress_words,
    plateau_words,
    progress_words,
    provenance_words,
    question_of,
    thema_sentence,
)

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

_STYLE = """
:root { --voldaan: #1a7f37; --voldaan-bg: #dafbe1; --te-doen: #9a3412; --te-doen-bg: #ffedd5;
  --onbekend: #4b5563; --onbekend-bg: #e5e7eb; --ink: #1f2328; --rand: #8c959f; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink);
  max-width: 64rem; margin: 0 auto; padding: 1.5rem; line-height: 1.5; font-size: 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid var(--rand); }
h3 { font-size: 1.1rem; margin: 1rem 0 .25rem; }
a { color: #0b4f9c; }
a:focus, summary:focus, button:focus { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.meta { margin: 0; color: #3d444d; }
.disclaimer { border-left: 4px solid var(--rand); padding: .5rem 1rem; background: #f6f8fa; }
table.matrix { border-collapse: collapse; width: 100%; margin: 1rem 0; }
.matrix th, .matrix td { border: 1px solid var(--rand); padding: .4rem; vertical-align: top;
  text-align: left; }
.matrix thead th { background: #f6f8fa; }
.matrix ul { list-style: none; margin: 0; padding: 0; }
.matrix li { margin: .2rem 0; padding: .15rem .3rem; border-radius: 3px; }
.progress { font-size: .9rem; margin: 0 0 .3rem; }
.status { font-weight: 600; white-space: nowrap; }
.st-voldaan { background: var(--voldaan-bg); }
.st-voldaan .status { color: var(--voldaan); }
.st-te-doen { background: var(--te-doen-bg); }
.st-te-doen .status { color: var(--te-doen); }
.st-onbekend { background: var(--onbekend-bg); }
.st-onbekend .status { color: var(--onbekend); }
.st-afwijking { background: var(--voldaan-bg); outline: 1px dashed var(--voldaan); }
.st-afwijking .status { color: var(--voldaan); }
.geen { color: #57606a; }
figure { margin: 1rem 0; overflow-x: auto; }
details.bouwsteen { border: 1px solid var(--rand); border-radius: 4px; margin: .5rem 0;
  padding: .3rem .6rem; }
details.bouwsteen > summary { cursor: pointer; }
dl.feiten { display: grid; grid-template-columns: 1fr auto; gap: .1rem 1rem; }
dl.feiten dd { margin: 0; font-weight: 600; }
.bron { font-size: .9rem; color: #3d444d; }
button { font: inherit; padding: .3rem .8rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  button, .scherm { display: none !important; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  table.matrix, figure, details.bouwsteen { break-inside: avoid; }
  .st-voldaan, .st-te-doen, .st-onbekend, .st-afwijking { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""

_SCRIPT = """
(function () {
  var button = document.getElementById("alles-openen");
  var all = function () { return document.querySelectorAll("details.bouwsteen"); };
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-pressed") !== "true";
      all().forEach(function (d) { d.open = open; });
      button.setAttribute("aria-pressed", open ? "true" : "false");
      button.textContent = open ? "Alle uitleg sluiten" : "Alle uitleg openen";
    });
  }
  window.addEventListener("beforeprint", function () {
    all().forEach(function (d) { d.open = true; });
  });
})();
"""

_SYMBOL = {Truth.TRUE: "\u2713", Truth.FALSE: "\u2717", Truth.UNKNOWN: "?"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _anchor(qid: str) -> str:
    return "b-" + qid.replace(".", "-")


def _status(truth: Truth) -> str:
    return f'<span class="status">{_e(STATUS[truth])}</span>'


def _state(assessment: Assessment, qid: str) -> tuple[str, str]:
    """A bouwsteen's state as (CSS class key, label): "voldaan via afwijking" included."""
    if qid in assessment.afwijkingen:
        return "afwijking", VIA_AFWIJKING
    truth = assessment.truth(qid)
    return STATUS_KEY[truth], STATUS[truth]


# ------------------------------------------------------------------ the parts


def _summary(assessment: Assessment) -> list[str]:
    out = ['<section aria-labelledby="samenvatting">', '<h2 id="samenvatting">Samenvatting</h2>']
    out.append("<ul>")
    for thema_id, result in assessment.themas.items():
        sentence = thema_sentence(result.title, result.plateau, result.top)
        out.append(f"<li>{_e(sentence)} {_e(_progress_sentence(assessment, thema_id))}</li>")
    out.append("</ul>")
    if all(t == Truth.TRUE for t in assessment.truths):
        out.append("<p>Aan alle bouwstenen is voldaan.</p>")
    out.append("</section>")
    return out


def _progress_sentence(assessment: Assessment, thema_id: str) -> str:
    """The progress per plateau after the summary's sentence (which already says whether
    the basisniveau is reached)."""
    progress = assessment.progress[thema_id]
    # a number does not start a sentence: the basisniveau is named first, except where the
    # summary said it already and there is nothing above it
    further_only = progress.top == 1 and progress.plateaus[0].complete
    words = further_words(progress) if further_only else progress_words(progress)
    return f"{capitalised(words)}."


def _matrix(assessment: Assessment) -> list[str]:
    kader = assessment.kader
    width = max(t.top for t in kader.themas.values())
    out = [
        '<section aria-labelledby="matrix">',
        '<h2 id="matrix">Plateaumatrix</h2>',
        '<table class="matrix">',
        "<caption>Per thema de bouwstenen per plateau, met hun stand: voldaan, "
        + ("voldaan via afwijking, " if assessment.afwijkingen else "")
        + "nog te doen of onbekend.</caption>",
        '<thead><tr><th scope="col">Thema</th>',
    ]
    out.extend(f'<th scope="col">Plateau {n}</th>' for n in range(1, width + 1))
    out.append("</tr></thead><tbody>")
    for thema_id, thema in kader.themas.items():
        result = assessment.themas[thema_id]
        progress = assessment.progress[thema_id]
        out.append(
            f'<tr><th scope="row"><a href="#t-{_e(thema_id)}">{_e(thema.title)}</a>'
            f"<br><small>{_e(plateau_words(result.plateau, result.top))}</small></th>"
        )
        for number in range(1, width + 1):
            if number > len(thema.plateaus):
                what = NO_FURTHER if thema.top == 1 else f"dit thema heeft geen plateau {number}"
                out.append(f'<td class="geen">{_e(capitalised(what))}</td>')
                continue
            plateau = thema.plateaus[number - 1]
            counts = progress.plateaus[number - 1]
            cell = [
                f'<td data-plateau="{number}">',
                f'<p class="progress">{_e(capitalised(plateau_progress_words(counts)))}</p><ul>',
            ]
            for qid in plateau.bouwstenen:
                key, label = _state(assessment, qid)
                cell.append(
                    f'<li class="st-{key}" data-bouwsteen="{_e(qid)}">'
                    f'<span class="status">{_e(label)}</span>: <a href="#{_anchor(qid)}">'
                    f"{_e(kader.bouwstenen[qid].text)}</a></li>"
                )
            cell.append("</ul></td>")
            out.append("".join(cell))
        out.append("</tr>")
    out.extend(["</tbody></table>", "</section>"])
    return out


@attrs.frozen
class _Box:
    x: int
    y: int


_NODE_W, _NODE_H, _COL_W, _ROW_GAP, _LABEL_W, _STEP = 210, 28, 250, 18, 200, 36


def _short(text: str, limit: int = 30) -> str:
    text = text.replace("_", " ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _legend(assessment: Assessment) -> str:
    """What the graph's symbols mean (its description and its caption)."""
    via = (
        ", \u2713 met een gestreepte rand: voldaan via afwijking" if assessment.afwijkingen else ""
    )
    return f"\u2713 voldaan{via}, \u2717 nog te doen, ? onbekend."


def graph_svg(assessment: Assessment) -> str:
    """The dependency graph as inline SVG: one row per thema, one column per plateau, an
    arrow from every required bouwsteen to the bouwsteen that requires it. Deterministic."""
    kader = assessment.kader
    width = max(t.top for t in kader.themas.values())
    boxes: dict[str, _Box] = {}
    rows: list[tuple[str, int, int]] = []
    y = 10
    for thema in kader.themas.values():
        tallest = max(len(p.bouwstenen) for p in thema.plateaus)
        label_lines = len(textwrap.wrap(thema.title, 24)[:4])
        height = max(tallest * _STEP + 14, 18 + 15 * label_lines)
        rows.append((thema.title, y, height))
        for plateau in thema.plateaus:
            for i, qid in enumerate(plateau.bouwstenen):
                boxes[qid] = _Box(_LABEL_W + (plateau.number - 1) * _COL_W, y + 8 + i * _STEP)
        y += height + _ROW_GAP
    total_w = _LABEL_W + width * _COL_W
    total_h = y + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_w} {total_h}" '
        f'width="{total_w}" height="{total_h}" role="img" aria-labelledby="graaf-titel '
        'graaf-uitleg" font-family="system-ui, Arial, sans-serif" font-size="12">',
        '<title id="graaf-titel">Samenhang van de bouwstenen</title>',
        '<desc id="graaf-uitleg">Per thema een rij, per plateau een kolom. Een pijl loopt '
        f"van een bouwsteen naar de bouwsteen die erop voortbouwt. {_legend(assessment)}</desc>",
        "<defs>"
        '<marker id="pijl" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#57606a"/></marker></defs>',
    ]
    for number in range(1, width + 1):
        x = _LABEL_W + (number - 1) * _COL_W
        out.append(
            f'<text x="{x + _NODE_W // 2}" y="{total_h - 6}" text-anchor="middle" '
            f'fill="#3d444d">plateau {number}</text>'
        )
    for title, top, height in rows:
        out.append(
            f'<rect x="2" y="{top}" width="{total_w - 4}" height="{height}" fill="#f6f8fa" '
            'stroke="#d0d7de"/>'
        )
        lines = textwrap.wrap(title, 24)[:4]
        spans = "".join(
            f'<tspan x="10" dy="{0 if i == 0 else 15}">{_e(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        out.append(f'<text x="10" y="{top + 22}" font-weight="600" fill="#1f2328">{spans}</text>')
    for qid, bouwsteen in kader.bouwstenen.items():
        end = boxes[qid]
        for dep in bouwsteen.depends_on:
            start = boxes[dep]
            if start.x < end.x:
                x1, y1, x2, y2 = start.x + _NODE_W, start.y + _NODE_H // 2, end.x, end.y + 14
                c = (x2 - x1) // 2
                path = f"M{x1},{y1} C{x1 + c},{y1} {x2 - c},{y2} {x2},{y2}"
            else:
                x1, y1, x2, y2 = start.x, start.y + _NODE_H // 2, end.x, end.y + _NODE_H // 2
                bend = min(x1, x2) - 24
                path = f"M{x1},{y1} C{bend},{y1} {bend},{y2} {x2},{y2}"
            out.append(
                f'<path d="{path}" fill="none" stroke="#57606a" stroke-width="1.3" '
                f'marker-end="url(#pijl)" data-van="{_e(dep)}" data-naar="{_e(qid)}"/>'
            )
    colours = {
        Truth.TRUE: ("#dafbe1", "#1a7f37", ""),
        Truth.FALSE: ("#ffedd5", "#9a3412", ""),
        Truth.UNKNOWN: ("#e5e7eb", "#4b5563", ' stroke-dasharray="4 3"'),
    }
    for qid, box in boxes.items():
        truth = assessment.truth(qid)
        fill, stroke, dash = colours[truth]
        if qid in assessment.afwijkingen:
            dash = ' stroke-dasharray="6 2"'  # as the dashed outline of the table's cell
        bouwsteen = kader.bouwstenen[qid]
        label = _state(assessment, qid)[1]
        out.append(
            f'<g class="knoop" data-bouwsteen="{_e(qid)}" data-stand="{_e(label)}">'
            f"<title>{_e(bouwsteen.text)} ({_e(label)})</title>"
            f'<rect x="{box.x}" y="{box.y}" width="{_NODE_W}" height="{_NODE_H}" rx="4" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>'
            f'<text x="{box.x + 8}" y="{box.y + 18}" fill="#1f2328">'
            f"{_SYMBOL[truth]} {_e(_short(bouwsteen.name))}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def _graph(assessment: Assessment) -> list[str]:
    return [
        '<section aria-labelledby="samenhang">',
        '<h2 id="samenhang">Samenhang van de bouwstenen</h2>',
        "<figure>",
        graph_svg(assessment),
        "<figcaption>Een pijl loopt van een bouwsteen naar de bouwsteen die erop voortbouwt. "
        f"{_legend(assessment)}</figcaption>",
        "</figure>",
        "</section>",
    ]


def _why(assessment: Assessment, explanation: Explanation) -> list[str]:
    kader = assessment.kader
    notes = {n.name: n for n in explanation.all_facts()}
    out: list[str] = []
    if explanation.afwijking is not None:
        out.append(
            "<p>Hieraan is voldaan via een afwijking (pas toe of leg uit): "
            f"{_e(afwijking_words(explanation.afwijking))}</p>"
        )
        return out
    if explanation.truth is Truth.UNKNOWN:
        out.append("<p>Dit is nog onbekend. Nog uit te zoeken:</p><ul>")
        out.extend(f"<li>{_e(question_of(kader, name))}</li>" for name in explanation.open_facts)
        out.append("</ul>")
        return out
    if explanation.truth is Truth.TRUE:
        out.append("<p>Hieraan is voldaan, want:</p><ul>")
    else:
        out.append("<p>Hieraan is nog niet voldaan. Onder meer:</p><ul>")
    for reason in explanation.reasons:
        if reason.bouwsteen is not None:
            other = kader.bouwstenen[reason.bouwsteen]
            state = {
                Truth.TRUE: "daaraan is voldaan",
                Truth.FALSE: "daaraan is nog niet voldaan",
                Truth.UNKNOWN: "dat is nog onbekend",
            }[assessment.truth(reason.bouwsteen)]
            out.append(
                f'<li>Dit bouwt voort op <a href="#{_anchor(other.id)}">'
                f"\u201c{_e(other.text)}\u201d</a>: {state}.</li>"
            )
            continue
        parts = [
            f"{_e(question_of(kader, name))} Antwoord: <strong>"
            f"{_e(answer_words(notes[name].value if name in notes else None))}</strong>."
            for name in reason.facts
        ]
        if parts:
            out.append("<li>" + " ".join(parts) + "</li>")
    out.append("</ul>")
    return out


def _facts_used(assessment: Assessment, explanation: Explanation) -> list[str]:
    notes = explanation.all_facts()
    if not notes:
        return []
    out = ['<dl class="feiten">']
    for note in notes:
        source = assessment.facts.bronnen.get(note.name)
        bron = f'<br><span class="bron">bron: {_e(source)}</span>' if source else ""
        region = assessment.facts.inherited.get(note.name)
        if region is not None:
            bron += f'<br><span class="bron">overgenomen van de regio: {_e(region)}</span>'

        out.append(
            f"<dt>{_e(question_of(assessment.kader, note.name))}{bron}</dt>"
            f"<dd>{_e(answer_words(note.value))}</dd>"
        )
    out.append("</dl>")
    return out


def _bouwsteen(assessment: Assessment, explanation: Explanation) -> list[str]:
    kader = assessment.kader
    bouwsteen = kader.bouwstenen[explanation.bouwsteen]
    truth = explanation.truth
    key, label = _state(assessment, bouwsteen.id)
    out = [
        f'<details class="bouwsteen st-{STATUS_KEY[truth]}-rand" id="{_anchor(bouwsteen.id)}"'
        f"{' open' if truth is not Truth.TRUE else ''}>",
        f'<summary><span class="st-{key}"><span class="status">{_e(label)}</span></span> '
        f"(plateau {bouwsteen.plateau}{', aanbevolen' if bouwsteen.plateau > 1 else ''}): "
        f"{_e(bouwsteen.text)}</summary>",
        f'<p class="bron">Bron in het Kader: {_e(bouwsteen.bron or "niet opgegeven")}</p>',
    ]
    changed = [h for h in bouwsteen.herkomst if h.source in kader.extensions]
    if changed:
        out.append("<p>Aangepast door een uitbreiding: ")
        out.append("; ".join(_e(provenance_words(h)) for h in changed) + ".</p>")
    out.extend(_why(assessment, explanation))
    facts = _facts_used(assessment, explanation)
    if facts:
        out.append("<h4>Gebruikte feiten</h4>")
        out.extend(facts)
    out.append("</details>")
    return out


def _steps(assessment: Assessment, steps: NextSteps) -> list[str]:
    kader = assessment.kader
    if steps.at_top:
        if steps.top == 1:
            return [f"<p>Het basisniveau is bereikt. {_e(capitalised(NO_FURTHER))}.</p>"]
        return ["<p>Het hoogste plateau van dit thema is bereikt.</p>"]
    goal = (
        "het basisniveau (plateau 1)"
        if steps.target == 1
        else f"plateau {steps.target} (aanbevolen)"
    )
    if not steps.reachable:
        return [f"<p>Met de feiten alleen is {_e(goal)} nu niet te bereiken.</p>"]
    out = [f"<p>Wat nodig is voor {_e(goal)}:</p>", "<ol>"]
    for change in steps.steps:
        out.append(
            f"<li>{_e(question_of(kader, change.fact))} Nu: {_e(answer_words(change.old))}. "
            f"Nodig: <strong>{_e(answer_words(change.new))}</strong>.</li>"
        )
    out.append("</ol>")
    return out


def _themas(assessment: Assessment) -> list[str]:
    kader = assessment.kader
    explained = explain_many(assessment, list(kader.bouwstenen))
    out: list[str] = []
    for thema_id, thema in kader.themas.items():
        result = assessment.themas[thema_id]
        out.append(f'<section aria-labelledby="t-{_e(thema_id)}">')
        out.append(f'<h2 id="t-{_e(thema_id)}">{_e(thema.title)}</h2>')
        sentence = thema_sentence(result.title, result.plateau, result.top)
        out.append(f"<p>{_e(sentence)} {_e(_progress_sentence(assessment, thema_id))}</p>")
        out.append("<h3>Volgende stappen</h3>")
        out.extend(_steps(assessment, next_steps(assessment, thema_id)))
        out.append("<h3>Bouwstenen</h3>")
        for plateau in thema.plateaus:
            for qid in plateau.bouwstenen:
                out.extend(_bouwsteen(assessment, explained[qid]))
        out.append("</section>")
    return out


def _controles(assessment: Assessment) -> list[str]:
    """Controles that do not hold: a warning section (nothing when all hold or are open)."""
    failed = failed_controles(assessment)
    if not failed:
        return []
    out = [
        '<section aria-labelledby="controles">',
        f'<h2 id="controles">{_e(CONTROLE_HEADING)}</h2>',
        f"<p>{_e(CONTROLE_INTRO)}</p>",
        "<ul>",
    ]
    for result in failed:
        out.append(
            f'<li>{_e(result.controle.text)} <span class="bron">(controle '
            f"{_e(result.controle.name)}; antwoorden: {_e(facts_words(result))})</span></li>"
        )
    out += ["</ul>", "</section>"]
    return out


def _stale(assessment: Assessment, max_age_months: int | None) -> list[str]:
    """Answers established longer ago than the kader allows: they count, but ask again."""
    months, found = stale_answers(assessment, max_age_months)
    if not found:
        return []
    first = cutoff(assessment.peildatum, months)
    out = [
        '<section aria-labelledby="verouderd">',
        '<h2 id="verouderd">Verouderde antwoorden</h2>',
        f"<p>Deze antwoorden zijn vastgesteld voor {_e(dutch_date(first))}, meer dan "
        f"{months} maanden voor de peildatum. Ze tellen mee, maar kijk ze opnieuw na.</p>",
        '<dl class="feiten">',
    ]
    for stale in found:
        bron = f"; bron: {stale.source}" if stale.source else ""
        out.append(
            f"<dt>{_e(question_of(assessment.kader, stale.name))}<br>"
            f'<span class="bron">vastgesteld op {_e(dutch_date(stale.established))}'
            f"{_e(bron)}</span></dt>"
            f"<dd>{_e(answer_words(assessment.facts.values[stale.name]))}</dd>"
        )
    out += ["</dl>", "</section>"]
    return out


def _open_questions(assessment: Assessment) -> list[str]:
    kader = assessment.kader
    found = relevant_unknowns(assessment)
    out = [
        '<section aria-labelledby="open-vragen">',
        '<h2 id="open-vragen">Open vragen</h2>',
    ]
    if not found.relevant and not found.not_relevant:
        out.append("<p>Alle vragen zijn beantwoord.</p>")
    if found.relevant:
        out.append("<p>Het antwoord op deze vragen kan het plateau nog veranderen:</p><ol>")
        for fact in found.relevant:
            titles = join_words([kader.themas[t].title for t in fact.themas])
            out.append(
                f"<li>{_e(question_of(kader, fact.name))} "
                f'<span class="bron">(van belang voor: {_e(titles)})</span></li>'
            )
        out.append("</ol>")
    if found.not_relevant:
        out.append(
            "<p>Deze vragen horen bij het Kader, maar hun antwoord verandert het plateau nu "
            "niet:</p><ul>"
        )
        out.extend(f"<li>{_e(question_of(kader, n))}</li>" for n in found.not_relevant)
        out.append("</ul>")
    out.append("</section>")
    return out


def _provenance(kader: m.Kader) -> list[str]:
    changes = extension_changes(kader)
    if not changes:
        return []
    out = [
        '<section aria-labelledby="uitbreidingen">',
        '<h2 id="uitbreidingen">Wat uitbreidingen veranderen</h2>',
        "<ul>",
    ]
    for what, entry in changes:
        label = what
        if what in kader.bouwstenen:
            label = kader.bouwstenen[what].text
        elif what in kader.withdrawn:
            label = kader.withdrawn[what].text
        out.append(f"<li>{_e(label)}: {_e(provenance_words(entry))}.</li>")
    out.extend(["</ul>", "</section>"])
    return out


def _regio(assessment: Assessment) -> list[str]:
    facts = assessment.facts
    if not facts.regions:
        return []
    files = join_words(list(facts.regions))
    out = [
        '<section aria-labelledby="regio">',
        '<h2 id="regio">Overgenomen van de regio</h2>',
        f"<p>Deze antwoorden komen uit het feitenbestand van de regio ({_e(files)}). "
        "Wat de gemeente zelf invult, gaat voor.</p>",
    ]
    if not facts.inherited:
        out.append("<p>De gemeente vult alle feiten van de regio zelf in.</p>")
        out.append("</section>")
        return out
    out.append('<dl class="feiten">')
    for name, file in facts.inherited.items():
        source = facts.bronnen.get(name)
        bron = f'<br><span class="bron">bron: {_e(source)}</span>' if source else ""
        out.append(
            f"<dt>{_e(question_of(assessment.kader, name))}{bron}"
            f'<br><span class="bron">uit: {_e(file)}</span></dt>'
            f"<dd>{_e(answer_words(facts.values[name]))}</dd>"
        )
    out.extend(["</dl>", "</section>"])
    return out


def _afwijkingen(assessment: Assessment) -> list[str]:
    applied, gone = assessment.afwijkingen, assessment.expired_afwijkingen
    if not applied and not gone:
        return []
    kader = assessment.kader
    out = ['<section aria-labelledby="afwijkingen">', '<h2 id="afwijkingen">Afwijkingen</h2>']
    if applied:
        out.append(
            "<p>Deze bouwstenen tellen als voldaan via een afwijking: de gemeente heeft "
            "vastgelegd waarom zij er op een andere manier aan voldoet (pas toe of leg uit).</p>"
        )
        out.append("<ul>")
        for qid, afwijking in applied.items():
            out.append(
                f'<li><a href="#{_anchor(qid)}">{_e(kader.bouwstenen[qid].text)}</a> '
                f"{_e(afwijking_words(afwijking))}</li>"
            )
        out.append("</ul>")
    if gone:
        out.append('<ul class="waarschuwingen">')
        out.extend(
            f"<li><strong>Waarschuwing:</strong> {_e(expired_warning(assessment, a))}</li>"
            for a in gone.values()
        )
        out.append("</ul>")
    out.append("</section>")
    return out


def _receipt(assessment: Assessment, source: str | None, version: str | None) -> list[str]:
    kader = assessment.kader
    versie = kader.meta.get("versie")
    version_of_kader = f", versie {versie}" if versie else ""
    rows = [
        ("Kader", f"{kader.title} ({kader.id}{version_of_kader})"),
        ("Uitbreidingen", ", ".join(kader.extensions) or "geen"),
        ("Peildatum", dutch_date(assessment.peildatum)),
    ]
    if source is not None:
        rows.append(("Feitenbestand", source))
    if assessment.facts.regions:
        rows.append(("Regionale feiten", ", ".join(assessment.facts.regions)))
    if version is not None:
        rows.append(("Gemaakt met", f"kadermodel {version}"))
    out = [
        '<section aria-labelledby="verantwoording">',
        '<h2 id="verantwoording">Verantwoording</h2>',
        '<dl class="feiten">',
    ]
    out.extend(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    out.extend(["</dl>", "</section>"])
    return out


def page(title: str, body: Iterable[str], *, script: bool = True) -> str:
    """A complete Dutch HTML page around ``body`` with the report's styles (and script)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        *body,
    ]
    if script:
        parts.append(f"<script>{_SCRIPT}</script>")
    parts.extend(["</body>", "</html>"])
    return "\n".join(parts) + "\n"


def report_html(
    assessment: Assessment,
    *,
    source: str | None = None,
    version: str | None = None,
    max_age_months: int | None = None,
) -> str:
    """The assessment as one self-contained Dutch HTML page (deterministic).

    ``source`` is the facts file as the user named it (shown in the receipt), ``version``
    the kadermodel version to name there; both are left out when ``None``.
    ``max_age_months``: how old an answer may be before it is *verouderd* (None: the kader's
    ``verouderd na``, else 24).
    """
    kader = assessment.kader
    gemeente = assessment.facts.gemeente or "(gemeente niet opgegeven)"
    body = [
        "<header>",
        f"<h1>Stand van zaken: {_e(gemeente)}</h1>",
        f'<p class="meta">{_e(kader.title)}. Peildatum: {_e(dutch_date(assessment.peildatum))}.'
        "</p>",
        "</header>",
        "<main>",
        f'<p class="disclaimer">{_e(DISCLAIMER)}</p>',
        '<p class="scherm"><button type="button" id="alles-openen" aria-pressed="false" '
        "hidden>Alle uitleg openen</button></p>",
        *_summary(assessment),
        *_controles(assessment),
        *_matrix(assessment),
        *_graph(assessment),
        *_themas(assessment),
        *_open_questions(assessment),
        *_stale(assessment, max_age_months),
        *_provenance(kader),
        *_afwijkingen(assessment),
        *_regio(assessment),
        *_receipt(assessment, source, version),
        "</main>",
        f'<footer><p class="disclaimer">{_e(DISCLAIMER)}</p></footer>',
    ]
    return page(f"Stand van zaken: {gemeente}", body)


def overview_html(reports: Sequence[tuple[str, Assessment]]) -> str:
    """An overview page (municipalities x thema's) linking to one report per municipality.

    ``reports`` pairs each report's file name (relative to the overview) with its assessment;
    all use one kader.
    """
    if not reports:
        return page("Overzicht", ["<main><h1>Overzicht</h1><p>Geen gemeenten.</p></main>"])
    kader = reports[0][1].kader
    body = [
        "<header>",
        "<h1>Overzicht van de gemeenten</h1>",
        f'<p class="meta">{_e(kader.title)}. {len(reports)} gemeenten.</p>',
        "</header>",
        "<main>",
        f'<p class="disclaimer">{_e(DISCLAIMER)}</p>',
        '<table class="matrix overzicht">',
        "<caption>Per gemeente het plateau per thema. Een bereik betekent dat nog niet alle "
        "feiten bekend zijn.</caption>",
        '<thead><tr><th scope="col">Gemeente</th>',
    ]
    body.extend(f'<th scope="col">{_e(t.title)}</th>' for t in kader.themas.values())
    body.append("</tr></thead><tbody>")
    for link, result in reports:
        name = result.facts.gemeente or link
        body.append(
            f'<tr><th scope="row"><a href="{_e(link)}">{_e(name)}</a></th>'
            + "".join(
                f'<td data-thema="{_e(t)}">{_e(plateau_words(r.plateau, r.top))}</td>'
                for t, r in result.themas.items()
            )
            + "</tr>"
        )
    body.extend(["</tbody></table>", "</main>"])
    return page("Overzicht van de gemeenten", body, script=False)


_DIRECTION_WORDS = {
    "hoger": "omhoog",
    "lager": "omlaag",
    "preciezer": "preciezer bekend",
    "ruimer": "minder zeker",
    "nieuw": "nieuw",
    "vervallen": "vervallen",
}


def diff_html(found: Diff, old: Assessment, new: Assessment) -> str:
    """What moved between two assessments, per thema, and which answers caused it, as a
    self-contained Dutch page (the same styles as the report)."""
    kader = new.kader
    who_old = found.old_gemeente or "(gemeente onbekend)"
    who_new = found.new_gemeente or "(gemeente onbekend)"
    who = who_old if who_old == who_new else f"{who_old} en {who_new}"

    def text_of(qid: str) -> str:
        bouwsteen = kader.bouwstenen.get(qid) or old.kader.bouwstenen.get(qid)
        return bouwsteen.text if bouwsteen is not None else qid

    def question(name: str) -> str:
        source = kader if name in kader.feiten else old.kader
        return question_of(source, name)

    facts = {c.name: c for c in found.facts}
    blocks = {c.bouwsteen: c for c in found.bouwstenen}
    body = [
        "<header>",
        f"<h1>Vergelijking: {_e(who)}</h1>",
        f'<p class="meta">Peildatum {_e(dutch_date(found.old_peildatum))} en '
        f"{_e(dutch_date(found.new_peildatum))}.</p>",
        "</header>",
        "<main>",
        f'<p class="disclaimer">{_e(DISCLAIMER)}</p>',
    ]
    if found.kader_changed:
        body.append(
            "<p><strong>Let op:</strong> de twee uitkomsten gebruiken niet hetzelfde kader.</p>"
        )
    body.extend(['<section aria-labelledby="bewogen">', '<h2 id="bewogen">Wat is veranderd</h2>'])
    if not found.themas:
        body.append("<p>Geen thema is van plateau veranderd.</p>")
    for change in found.themas:
        old_thema = old.kader.themas.get(change.thema)
        new_thema = kader.themas.get(change.thema)
        before = (
            "-"
            if change.old is None or old_thema is None
            else plateau_words(change.old, old_thema.top)
        )
        after = (
            "-"
            if change.new is None or new_thema is None
            else plateau_words(change.new, new_thema.top)
        )
        body.append(
            f'<h3 data-thema="{_e(change.thema)}">{_e(change.title)}: '
            f"{_e(_DIRECTION_WORDS[change.direction])}</h3>"
        )
        body.append(f"<p>Was: {_e(before)}. Nu: {_e(after)}.</p><ul>")
        for qid in change.bouwstenen:
            block = blocks[qid]
            state_old = "-" if block.old is None else STATUS[block.old]
            state_new = "-" if block.new is None else STATUS[block.new]
            if block.old_afwijking:
                state_old = VIA_AFWIJKING
            if block.new_afwijking:
                state_new = VIA_AFWIJKING
            causes = "".join(
                f"<li>{_e(question(name))} Was: {_e(answer_words(facts[name].old))}. "
                f"Nu: <strong>{_e(answer_words(facts[name].new))}</strong>.</li>"
                for name in block.facts
            )
            rule = " De regel zelf is veranderd." if block.rule_changed else ""
            body.append(
                f'<li data-bouwsteen="{_e(qid)}">{_e(text_of(qid))} Was: {_e(state_old)}, '
                f"nu: <strong>{_e(state_new)}</strong>.{rule}"
                + (f"<ul>{causes}</ul>" if causes else "")
                + "</li>"
            )
        body.append("</ul>")
    body.append("</section>")
    quiet = [c for c in found.facts if not any(c.name in t.facts for t in found.themas)]
    if quiet:
        body.extend(
            [
                '<section aria-labelledby="zonder-gevolg">',
                '<h2 id="zonder-gevolg">Andere antwoorden die veranderden</h2>',
                "<p>Deze antwoorden horen bij het Kader, maar veranderen het plateau nu niet:</p>",
                "<ul>",
            ]
        )
        body.extend(
            f"<li>{_e(question(c.name))} Was: {_e(answer_words(c.old))}. "
            f"Nu: {_e(answer_words(c.new))}.</li>"
            for c in quiet
        )
        body.extend(["</ul>", "</section>"])
    body.append("</main>")
    return page(f"Vergelijking: {who}", body, script=False)
