"""Base :class:`~kadermodel.model.Kader` + uitbreiding -> a new Kader, with provenance.

In: a checked base kader and an :class:`~kadermodel.ast.UitbreidingFile` (or the path or text
of one). Out: a new Kader (the base is never changed) whose ``extensions`` ends with the
uitbreiding's id, whose ``sources`` hold every file involved and whose ``warnings`` collect the
warnings found. Every fact, parameter and bouwsteen records in ``herkomst`` where it was
defined and each change to it (extension id, file, line).

The steps, in order:

1. header: the uitbreiding's base (``op X``) must be the kader or an uitbreiding already
   applied to it, and the uitbreiding must not be applied already;
2. declarations: new feiten, parameters, thema's (with a title), plateaus on top of a thema
   (numbered on from its top), bouwstenen (in a new or an existing plateau), new values for
   parameters of the base (type from the base); a name that exists already is an error;
3. conditions of the new bouwstenen, resolved against base + uitbreiding;
4. operations, in file order: ``verscherp`` (new condition = old and extra), ``vervang``
   (the whole rule, ``vereist`` included, becomes the new condition) and ``vervalt``
   (withdraw, with a reason); at most one ``vervang``/``vervalt`` per bouwsteen per
   uitbreiding, and as its first change;
5. structure: no plateau may end up empty, nothing may still refer to a withdrawn bouwsteen
   (withdraw or replace those bouwstenen too), no dependency cycles;
6. the weakening check (:mod:`kadermodel.extend.weakening`): a ``vervang``, ``vervalt`` or new
   parameter value that makes a plateau-1 bouwsteen of the base weaker is an error unless it
   says ``bewust zwakker "reden"``; on higher plateaus it is a warning.

Two uitbreidingen changing the same bouwsteen or parameter give a warning naming both places.
Extension errors have codes E1xx (Dutch messages, spans into the uitbreiding); errors inside
conditions and values are the same as in a kader (K2xx, K3xx, K401), raised as
:class:`~kadermodel.errors.ExtensionError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from kadermodel import model as m
from kadermodel.errors import Diagnostic, ExtensionError, Span, os_error_reason, suggest
from kadermodel.extend import weakening
from kadermodel.extend.weakening import Change
from kadermodel.language import ast
from kadermodel.language.build import Builder, find_cycles
from kadermodel.language.bundled import bundled_ids, bundled_kader
from kadermodel.language.checks import check_kader
from kadermodel.language.resolve import Resolver, check_literal
from kadermodel.language.syntax import parse_source

_HEADER = re.compile(r"\A(?:\s|#[^\n]*)*(kader|uitbreiding)\s+([A-Za-z_][A-Za-z0-9_]*)")


@attrs.frozen
class Applied:
    """An uitbreiding applied structurally, before the weakening check."""

    kader: m.Kader
    changes: tuple[Change, ...]
    """The changes that can weaken the base, in file order."""
    warnings: tuple[Diagnostic, ...]
    second_changes: tuple[tuple[str, tuple[m.Herkomst, Span]], ...] = ()
    """Bouwstenen changed again after an earlier uitbreiding: the earlier change, this one."""


# ------------------------------------------------------------------ entry points


def apply_file(
    tree: ast.UitbreidingFile,
    text: str,
    search_path: tuple[Path, ...] = (),
    *,
    peildatum: dt.date | None = None,
) -> m.Kader:
    """Apply an uitbreiding file to its base, found by id (``op X``).

    The base is a bundled kader, or a ``.kader`` file in ``search_path`` whose kader or
    uitbreiding id is X; an uitbreiding base is itself resolved the same way, so a municipal
    uitbreiding on a regional one on the national kader loads in one call. Bundled ids win
    over files with the same id.
    """
    base = resolve_base(
        tree.base, search_path, chain=(tree.id.text,), sources={tree.source_name: text}
    )
    return apply_uitbreiding(base, tree, text, peildatum=peildatum)


def apply_extension_path(
    kader: m.Kader, path: Path, *, peildatum: dt.date | None = None
) -> m.Kader:
    """Apply the uitbreiding in the file ``path`` to ``kader`` (which it must build on)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        detail = (
            os_error_reason(error) if isinstance(error, OSError) else "geen leesbaar UTF-8-bestand"
        )
        raise ExtensionError(
            [
                Diagnostic(
                    "E100",
                    f"kan uitbreiding '{path}' niet lezen: {detail}",
                    None,
                    hint="geef het pad naar een .kader-bestand dat begint met "
                    f"'uitbreiding naam op {_top(kader)}'",
                )
            ]
        ) from None
    return apply_text(kader, text, str(path), peildatum=peildatum)


def apply_text(
    kader: m.Kader,
    text: str,
    name: str = "<uitbreiding>",
    *,
    peildatum: dt.date | None = None,
) -> m.Kader:
    """Apply uitbreiding text to ``kader``.

    >>> from kadermodel import bundled_kader
    >>> regio = apply_text(bundled_kader(), '''
    ... uitbreiding regio op vng_mensenhandel_2021 {
    ...     parameter min_driehoek = 4
    ... }
    ... ''')
    >>> regio.parameters["min_driehoek"].value, regio.extensions
    (4, ('regio',))
    """
    tree = parse_source(text, name)
    if isinstance(tree, ast.KaderFile):
        raise ExtensionError(
            [
                Diagnostic(
                    "E102",
                    f"'{name}' is een kader, geen uitbreiding",
                    tree.id.span,
                    hint=f"een uitbreiding begint met: uitbreiding naam op {_top(kader)} {{",
                )
            ],
            {name: text},
        )
    return apply_uitbreiding(kader, tree, text, peildatum=peildatum)


def apply_uitbreiding(
    kader: m.Kader,
    tree: ast.UitbreidingFile,
    text: str,
    *,
    peildatum: dt.date | None = None,
) -> m.Kader:
    """Apply a parsed uitbreiding to ``kader``: structure, then the weakening check.

    ``peildatum`` is the day ``binnen`` windows are measured from in the weakening check
    (default: today).
    """
    applied = build(kader, tree, text)
    try:
        findings = weakening.check(kader, applied.kader, applied.changes, peildatum=peildatum)
    except RecursionError:
        # Conditions are inlined through every bouwsteen they depend on; a chain of
        # thousands of `vereist` links nests deeper than Python can walk.
        raise ExtensionError(
            [
                Diagnostic(
                    "E144",
                    "de afhankelijkheden van de gewijzigde bouwstenen zijn te diep genest "
                    "om te controleren of de uitbreiding de basis verzwakt",
                    tree.id.span,
                    hint="verkort de keten van bouwstenen die op elkaar voortbouwen (via "
                    "'vereist' of in hun voorwaarde; enkele duizenden schakels achter elkaar)",
                )
            ],
            dict(applied.kader.sources),
        ) from None
    found = [
        *_never_together(kader, applied, peildatum),
        *weakening.diagnostics(findings, kader, applied.kader, tree.id.span),
    ]
    found = _ordered(found, tree.source_name)
    if any(d.severity == "fout" for d in found):
        raise ExtensionError(found, dict(applied.kader.sources))
    return attrs.evolve(applied.kader, warnings=(*kader.warnings, *found))


def _never_together(base: m.Kader, applied: Applied, peildatum: dt.date | None) -> list[Diagnostic]:
    """The warnings of a build, with E151 instead of E150 where it is the case.

    E150 says only that a bouwsteen is changed a second time. When the two changes together
    leave a bouwsteen that no municipality can meet any more (and the base still could), the
    warning says exactly that (decided with the same exact search as the weakening check).
    """
    day = peildatum or dt.date.today()
    never: dict[Span, Diagnostic] = {}
    for qid, (earlier, span) in applied.second_changes:
        if qid not in applied.kader.bouwstenen or not _can_hold(base, qid, day):
            continue
        if _can_hold(applied.kader, qid, day):
            continue
        never[span] = Diagnostic(
            "E151",
            f"bouwsteen '{qid}' is eerder {earlier.action} door {earlier.source} "
            f"({Path(earlier.file).name} regel {earlier.line}); samen met deze wijziging kan "
            "geen gemeente er nog aan voldoen",
            span,
            hint="de twee wijzigingen sluiten elkaar uit; pas deze wijziging aan, of vervang "
            "de bouwsteen in één keer met 'vervang ... als ...'",
            severity="waarschuwing",
        )
    found = []
    for warning in applied.warnings:
        if warning.code == "E150" and warning.span in never:
            found.append(never.pop(warning.span))
        else:
            found.append(warning)
    return found


def _can_hold(kader: m.Kader, qid: str, day: dt.date) -> bool:
    rules = {q: b.full_condition for q, b in kader.bouwstenen.items()}
    params = {name: p.value for name, p in kader.parameters.items()}
    rule = weakening.inline(kader.bouwstenen[qid].full_condition, rules, params)
    return weakening.counterexample(weakening.FALSE, rule, kader, day) is not None


def build(kader: m.Kader, tree: ast.UitbreidingFile, text: str) -> Applied:
    """Apply the uitbreiding's declarations and operations, without the weakening check.

    Raises :class:`ExtensionError` with every structural problem found.
    """
    return _Builder(kader, tree, text).run()


# ------------------------------------------------------------------ finding the base


def resolve_base(
    name: ast.Name,
    search_path: Iterable[Path],
    *,
    chain: tuple[str, ...],
    sources: Mapping[str, str],
) -> m.Kader:
    """The kader an uitbreiding names after ``op``: bundled, or a file in ``search_path``."""
    wanted = name.text
    if wanted in bundled_ids():
        return bundled_kader(wanted)
    folders = tuple(search_path)
    found = _kader_files(folders)
    if wanted in chain:
        raise ExtensionError(
            [
                Diagnostic(
                    "E104",
                    "kringverwijzing tussen uitbreidingen: " + " -> ".join([*chain, wanted]),
                    name.span,
                    hint="een uitbreiding kan niet (via andere) op zichzelf voortbouwen",
                )
            ],
            dict(sources),
        )
    if wanted not in found:
        known = [*bundled_ids(), *found]
        where = ", ".join(str(f) for f in folders) or "geen map opgegeven"
        raise ExtensionError(
            [
                Diagnostic(
                    "E101",
                    f"onbekend basiskader '{wanted}'",
                    name.span,
                    hint=f"gezocht tussen de meegeleverde kaders ({', '.join(bundled_ids())}) "
                    f"en de .kader-bestanden in: {where}",
                    suggestion=suggest(wanted, known),
                )
            ],
            dict(sources),
        )
    path = found[wanted]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:  # changed since it was listed
        detail = (
            os_error_reason(error) if isinstance(error, OSError) else "geen leesbaar UTF-8-bestand"
        )
        raise ExtensionError(
            [Diagnostic("E100", f"kan basiskader '{path}' niet lezen: {detail}", name.span)],
            dict(sources),
        ) from None
    tree = parse_source(text, str(path))
    if isinstance(tree, ast.KaderFile):
        return check_kader(tree, text)
    base = resolve_base(
        tree.base,
        (path.parent, *folders),
        chain=(*chain, wanted),
        sources={**sources, str(path): text},
    )
    return apply_uitbreiding(base, tree, text)


def _kader_files(folders: Iterable[Path]) -> dict[str, Path]:
    """Kader and uitbreiding ids of the ``.kader`` files in ``folders`` (first one wins)."""
    found: dict[str, Path] = {}
    for folder in folders:
        try:
            paths = sorted(Path(folder).glob("*.kader"))
        except OSError:
            continue
        for path in paths:
            try:
                match = _HEADER.match(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            if match:
                found.setdefault(match.group(2), path)
    return found


def _top(kader: m.Kader) -> str:
    return kader.extensions[-1] if kader.extensions else kader.id


def _ordered(diagnostics: Iterable[Diagnostic], file: str) -> list[Diagnostic]:
    def key(d: Diagnostic) -> tuple[int, int, int]:
        if d.span is None:
            return (2, 0, 0)
        return (0 if d.span.file == file else 1, d.span.line, d.span.column)

    return sorted(diagnostics, key=key)


# ------------------------------------------------------------------ the builder

_ACTIONS = {"verscherp": "verscherpt", "vervang": "vervangen", "vervalt": "vervallen"}


class _Builder(Builder):
    """Applies one uitbreiding to its base, collecting every problem (see :func:`build`).

    Declarations go through the one kader builder (:class:`~kadermodel.language.build.Builder`),
    so a mistake in them gets the code and message it gets in a kader; this class adds the
    header, new parameter values and the operations on bouwstenen of the base.
    """

    base: m.Kader

    def __init__(self, base: m.Kader, tree: ast.UitbreidingFile, text: str):
        super().__init__(tree.id.text, base)
        self.tree = tree
        self.ext = tree.id.text
        self.file = tree.source_name
        self.sources = {**base.sources, self.file: text}
        self.overridden: dict[str, Span] = {}
        self.touched: dict[str, tuple[str, int]] = {}
        self.vervalt_spans: dict[str, Span] = {}
        self.op_spans: dict[str, Span] = {}
        """Where this uitbreiding last changed a base bouwsteen (verscherp, vervang)."""
        self.changes: list[Change] = []
        self.second_changes: dict[str, tuple[m.Herkomst, Span]] = {}
        """Base bouwstenen an earlier uitbreiding changed and this one changes again."""

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ExtensionError(_ordered(self.errors, self.file), self.sources)

    # -------------------------------------------------------------- the steps
    def run(self) -> Applied:
        """Every step runs, whatever an earlier one found, so one run reports everything.

        Only a wrong base (E103, E104) stops at once: every name would clash or be unknown.
        """
        self.header()
        self.raise_if_errors()
        items = self.tree.items
        self.declare(items)
        for item in items:
            if isinstance(item, ast.ParameterOverride):
                self.override(item)
        resolver = Resolver(self.scope(), self.report)
        self.conditions(resolver)
        for item in items:
            match item:
                case ast.Verscherp() | ast.Vervang() | ast.Vervalt():
                    self.operation(item, resolver)
                case ast.StellingDecl():
                    self.stelling(item, resolver)
                case ast.ControleDecl():
                    self.controle(item, resolver)
        self.structure()
        self.raise_if_errors()
        changes = sorted(
            self.changes, key=lambda c: (c.span.line, c.span.column) if c.span else (0, 0)
        )
        return Applied(
            self.kader(), tuple(changes), tuple(self.warnings), tuple(self.second_changes.items())
        )

    def header(self) -> None:
        stack = (self.base.id, *self.base.extensions)
        wanted = self.tree.base.text
        if self.ext in stack:
            self.error(
                "E104",
                f"uitbreiding '{self.ext}' is al toegepast op dit kader"
                if self.ext != self.base.id
                else f"uitbreiding '{self.ext}' heeft dezelfde naam als het basiskader",
                self.tree.id.span,
                hint="pas een uitbreiding één keer toe, en geef elke uitbreiding een eigen naam",
            )
        elif wanted not in stack:
            applied = " + ".join(stack)
            self.error(
                "E103",
                f"uitbreiding '{self.ext}' bouwt voort op '{wanted}', maar wordt toegepast "
                f"op '{applied}'",
                self.tree.base.span,
                hint=f"pas eerst '{wanted}' toe, of schrijf 'op {_top(self.base)}' als de "
                f"uitbreiding voor dit kader bedoeld is",
                suggestion=suggest(wanted, stack),
            )

    # -------------------------------------------------------------- parameters
    def override(self, item: ast.ParameterOverride) -> None:
        name = item.name.text
        if name not in self.base.parameters:
            if f"naam:{name}" in self.declared:
                self.error(
                    "E124",
                    f"parameter '{name}' is in deze uitbreiding zelf gedeclareerd "
                    f"(regel {self.declared[f'naam:{name}'].line})",
                    item.name.span,
                    hint="geef de waarde in die declaratie",
                )
            else:
                self.error(
                    "E121",
                    f"onbekende parameter '{name}'",
                    item.name.span,
                    hint="een nieuwe waarde kan alleen voor een parameter van het basiskader; "
                    "een nieuwe parameter declareer je met een type: "
                    f"parameter {name}: aantal = ...",
                    suggestion=suggest(name, self.base.parameters),
                )
            return
        if name in self.overridden:
            self.error(
                "E124",
                f"parameter '{name}' krijgt al een nieuwe waarde op regel "
                f"{self.overridden[name].line}",
                item.name.span,
                hint="geef een parameter één keer per uitbreiding een nieuwe waarde",
            )
            return
        self.overridden[name] = item.span
        old = self.parameters[name]
        value = check_literal(item.value, old.type, self.report, name)
        if value is None:
            return
        self.warn_second_change(f"parameter '{name}'", old.herkomst, item.span)
        bewust = item.bewust.reason if item.bewust else None
        reason = f"{m.format_value(old.value)} -> {m.format_value(value)}"
        if bewust:
            reason += f"; bewust zwakker: {bewust}"
        self.parameters[name] = attrs.evolve(
            old,
            value=value,
            bron=item.bron or old.bron,
            toelichting=item.toelichting or old.toelichting,
            herkomst=(*old.herkomst, self.herkomst("gewijzigd", item.span, reason)),
        )
        if value != old.value or bewust:
            self.changes.append(Change("parameter", name, item.span, bewust))

    # -------------------------------------------------------------- operations
    def target(self, ref: ast.Ref) -> str | None:
        if len(ref.parts) == 1:
            name = ref.parts[0]
            matches = [q for q in self.base.bouwstenen if q.split(".", 1)[1] == name]
            self.error(
                "E123",
                f"noem de bouwsteen met zijn thema: thema.{name}",
                ref.span,
                hint="een wijziging kan over elk thema gaan, dus de naam van het thema hoort erbij",
                suggestion=matches[0]
                if len(matches) == 1
                else suggest(name, [q.split(".", 1)[1] for q in self.base.bouwstenen]),
            )
            return None
        qid = ref.dotted
        if qid in self.base.bouwstenen:
            return qid
        if qid in self.bouwstenen:
            self.error(
                "E125",
                f"bouwsteen '{qid}' is nieuw in deze uitbreiding",
                ref.span,
                hint="verscherp, vervang en vervalt gaan over bouwstenen van het basiskader; "
                "schrijf de voorwaarde van een nieuwe bouwsteen direct bij de bouwsteen",
            )
        elif qid in self.base.withdrawn:
            gone = self.base.withdrawn[qid].herkomst[-1]
            self.error(
                "E120",
                f"bouwsteen '{qid}' is al vervallen door {gone.source} (regel {gone.line})",
                ref.span,
            )
        else:
            self.error(
                "E120",
                f"onbekende bouwsteen '{qid}'",
                ref.span,
                hint="een wijziging noemt een bouwsteen van het basiskader als thema.bouwsteen",
                suggestion=suggest(qid, self.base.bouwstenen),
            )
        return None

    def operation(self, op: ast.Verscherp | ast.Vervang | ast.Vervalt, resolver: Resolver) -> None:
        kind = type(op).__name__.lower()
        qid = self.target(op.target)
        if qid is None:
            return
        previous = self.touched.get(qid)
        if previous is not None and (previous[0] == "vervalt" or kind != "verscherp"):
            done, line = previous
            self.error(
                "E135",
                f"bouwsteen '{qid}' is op regel {line} al {_ACTIONS[done]}",
                op.target.span,
                hint="een bouwsteen kan per uitbreiding één keer vervangen of vervallen, als "
                "eerste wijziging; verscherpen kan daarna nog",
            )
            return
        self.touched[qid] = (kind, op.span.line)
        bouwsteen = self.bouwstenen[qid]
        self.warn_second_change(f"bouwsteen '{qid}'", bouwsteen.herkomst, op.span, qid)
        bewust = op.bewust.reason if not isinstance(op, ast.Verscherp) and op.bewust else None
        bewust_text = f"bewust zwakker: {bewust}" if bewust else None
        if isinstance(op, ast.Vervalt):
            reason = op.reason + (f"; {bewust_text}" if bewust_text else "")
            del self.bouwstenen[qid]
            for plateau in self.themas[bouwsteen.thema].plateaus:
                if qid in plateau.ids:
                    plateau.ids.remove(qid)
            self.withdrawn[qid] = attrs.evolve(
                bouwsteen,
                herkomst=(*bouwsteen.herkomst, self.herkomst("vervallen", op.span, reason)),
            )
            self.vervalt_spans[qid] = op.span
            self.changes.append(Change("vervalt", qid, op.span, bewust))
            return
        condition = resolver.resolve(op.condition, bouwsteen.thema)
        if isinstance(op, ast.Verscherp):
            if bouwsteen.condition is not None:
                # Flat, so that many verscherp's do not nest the condition ever deeper.
                before = bouwsteen.condition
                kept = before.items if isinstance(before, m.And) else (before,)
                condition = m.And((*kept, condition), op.span)
            changed = attrs.evolve(bouwsteen, condition=condition)
            action = self.herkomst("verscherpt", op.span)
        else:
            changed = attrs.evolve(bouwsteen, requires=(), condition=condition)
            action = self.herkomst("vervangen", op.span, bewust_text)
            self.changes.append(Change("vervang", qid, op.span, bewust))
        self.bouwstenen[qid] = attrs.evolve(changed, herkomst=(*bouwsteen.herkomst, action))
        self.op_spans[qid] = op.span

    def warn_second_change(
        self, what: str, herkomst: Sequence[m.Herkomst], span: Span, qid: str | None = None
    ) -> None:
        earlier = [h for h in herkomst if h.action != "gedefinieerd" and h.source != self.ext]
        if not earlier:
            return
        last = earlier[-1]
        if qid is not None and qid not in self.second_changes:
            self.second_changes[qid] = (last, span)
        self.warnings.append(
            Diagnostic(
                "E150",
                f"{what} is eerder {last.action} door {last.source} ({Path(last.file).name} "
                f"regel {last.line}); {self.ext} wijzigt deze opnieuw",
                span,
                hint="controleer of beide wijzigingen samen nog kloppen",
                severity="waarschuwing",
            )
        )

    # -------------------------------------------------------------- structure
    def structure(self) -> None:
        for thema, draft in self.themas.items():
            for number, plateau in enumerate(draft.plateaus, start=1):
                if plateau.ids:
                    continue
                gone = [q for q in self.vervalt_spans if q.startswith(f"{thema}.")]
                gone = [q for q in gone if self.withdrawn[q].plateau == number]
                if not gone:
                    continue  # a new plateau without bouwstenen: K206 said so already
                span = self.vervalt_spans[gone[-1]]
                self.error(
                    "E133",
                    f"plateau {number} van thema '{thema}' houdt geen bouwstenen over",
                    span,
                    hint="een plateau heeft ten minste één bouwsteen; laat er een staan of "
                    "voeg in de uitbreiding een bouwsteen aan dit plateau toe",
                )
        self.dangling()
        # The base had no cycle, so every cycle runs through a bouwsteen this uitbreiding
        # added or changed; list those first (with the place of the change) so that the
        # error points into the uitbreiding.
        first = [
            *self.op_spans,
            *(q for q, _ in self.new_bouwstenen if q in self.bouwstenen),
        ]
        order = [*dict.fromkeys(first), *(q for q in self.bouwstenen if q not in first)]
        spans = {q: self.op_spans[q] for q in self.op_spans if q in self.bouwstenen}
        ordered = {
            q: attrs.evolve(self.bouwstenen[q], span=spans[q]) if q in spans else self.bouwstenen[q]
            for q in order
        }
        self.errors.extend(find_cycles(ordered))

    def dangling(self) -> None:
        gone = set(self.vervalt_spans)
        new = {qid for qid, _ in self.new_bouwstenen}
        users: dict[str, list[str]] = {}
        for qid, bouwsteen in self.bouwstenen.items():
            for dep in bouwsteen.depends_on:
                if dep not in gone:
                    continue
                if qid in new:
                    self.error(
                        "E134",
                        f"bouwsteen '{qid}' verwijst naar '{dep}', die in deze uitbreiding vervalt",
                        bouwsteen.span,
                        hint=f"haal '{dep}' uit de voorwaarde of laat '{dep}' staan",
                    )
                else:
                    users.setdefault(dep, []).append(qid)
        for name, stelling in self.stellingen.items():
            for dep in m.bouwstenen_of(stelling.condition):
                if dep in gone:
                    users.setdefault(dep, []).append(f"stelling {name}")
        for dep, dependents in users.items():
            listed = ", ".join(f"'{d}'" for d in dependents)
            example = next((d for d in dependents if not d.startswith("stelling ")), None)
            replace = f" (vervang {example} als ...)" if example else ""
            self.error(
                "E134",
                f"'{dep}' kan niet vervallen: {listed} "
                + ("hangt" if len(dependents) == 1 else "hangen")
                + " ervan af",
                self.vervalt_spans[dep],
                hint=f"laat die ook vervallen, of geef ze een nieuwe regel zonder '{dep}'{replace}",
            )

    def kader(self) -> m.Kader:
        themas, bouwstenen = self.built_themas()
        return m.Kader(
            id=self.base.id,
            meta=self.base.meta,
            feiten=self.feiten,
            parameters=self.parameters,
            themas=themas,
            bouwstenen=bouwstenen,
            stellingen=self.stellingen,
            controles=self.controles,
            stale_after_months=self.base.stale_after_months,
            extensions=(*self.base.extensions, self.ext),
            sources=self.sources,
            warnings=self.base.warnings,
            withdrawn=self.withdrawn,
        )
