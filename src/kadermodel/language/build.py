"""The one kader builder: declarations -> the parts of a :class:`~kadermodel.model.Kader`.

A kader file and an uitbreiding declare the same things (feiten, parameters, thema's with
plateaus and bouwstenen, stellingen), so one :class:`Builder` does it for both, and the same
mistake gets the same code and message wherever it is made:

- a name declared twice in one file: K201, naming the first line;
- a type listing a value twice: K209; a parameter value that does not fit its type: K306;
- a plateau number that does not follow on: K204; an empty thema or plateau block: K205, K206;
- a bouwsteen without a condition: K208; names and types inside conditions: K2xx/K3xx
  (:mod:`kadermodel.language.resolve`); dependency cycles: K401.

A builder for an uitbreiding starts from its base kader (``base``): names that exist there
are errors of their own (E110-E113), thema blocks without a title add to a thema of the base
(E122 when there is none), and a plateau block may add bouwstenen to an existing plateau
(E132 when it also gives a title). The operations of uitbreidingen (``verscherp``,
``vervang``, ``vervalt``, new parameter values) live in :mod:`kadermodel.extend.apply`, on
top of this builder.

Every step reports and goes on, so one run finds every problem of a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from kadermodel import model as m
from kadermodel.errors import Diagnostic, DiagnosticCollector, Span, suggest
from kadermodel.language import ast
from kadermodel.language.resolve import Resolver, Scope, check_literal, check_type

if TYPE_CHECKING:
    import networkx as nx

META_KEYS = ("titel", "uitgever", "versie", "omschrijving")

Action = Literal["gedefinieerd", "verscherpt", "vervangen", "vervallen", "gewijzigd"]


@attrs.define
class PlateauDraft:
    title: str | None
    ids: list[str]


@attrs.define
class ThemaDraft:
    title: str
    plateaus: list[PlateauDraft]
    span: Span | None
    declared: int | None = None
    """Line where this file declared the thema (None: from the base)."""


class Builder(DiagnosticCollector):
    """Collects the declarations of one file (a kader, or an uitbreiding on ``base``)."""

    def __init__(self, origin: str, base: m.Kader | None = None):
        super().__init__()
        self.origin = origin
        """The id of the kader or uitbreiding being built (recorded in ``herkomst``)."""
        self.base = base
        self.feiten: dict[str, m.Feit] = dict(base.feiten) if base else {}
        self.parameters: dict[str, m.Parameter] = dict(base.parameters) if base else {}
        self.bouwstenen: dict[str, m.Bouwsteen] = dict(base.bouwstenen) if base else {}
        self.stellingen: dict[str, m.Stelling] = dict(base.stellingen) if base else {}
        self.controles: dict[str, m.Controle] = dict(base.controles) if base else {}
        self.withdrawn: dict[str, m.Bouwsteen] = dict(base.withdrawn) if base else {}
        self.themas: dict[str, ThemaDraft] = {}
        if base is not None:
            for thema in base.themas.values():
                self.themas[thema.id] = ThemaDraft(
                    thema.title,
                    [PlateauDraft(p.title, list(p.bouwstenen)) for p in thema.plateaus],
                    thema.span,
                )
        self.declared: dict[str, Span] = {}
        """Names declared in this file, by namespace (``naam:x``, ``thema:x``, ``stelling:x``)."""
        self.new_bouwstenen: list[tuple[str, ast.BouwsteenDecl]] = []
        self.former: dict[str, str] = {}
        """Former names (``voorheen``) -> the fact that has them now."""
        for feit in self.feiten.values():
            self.former.update(dict.fromkeys(feit.voorheen, feit.name))

    # -------------------------------------------------------------- helpers
    def herkomst(self, action: Action, span: Span, reason: str | None = None) -> m.Herkomst:
        return m.Herkomst(action, self.origin, span.file, span.line, reason)

    def base_place(self, herkomst: Sequence[m.Herkomst]) -> str:
        if not herkomst:
            return "het basiskader"
        first = herkomst[0]
        return f"{first.source} (regel {first.line})"

    def unique(
        self, name: ast.Name, namespace: Literal["naam", "thema", "stelling", "controle"]
    ) -> bool:
        """Claim a name in this file (K201 when it is claimed already).

        Feiten and parameters share one namespace (a bare name in a condition must mean one
        thing); thema's, stellingen and controles each have their own.
        """
        key = f"{namespace}:{name.text}"
        first = self.declared.get(key)
        former = self.former.get(name.text) if namespace == "naam" else None
        if former is not None:
            self._former_clash(name, former)
            return False
        if first is not None:
            self.error(
                "K201",
                f"'{name.text}' is al gedeclareerd op regel {first.line}",
                name.span,
                hint="kies een andere naam of verwijder een van beide declaraties",
            )
            return False
        self.declared[key] = name.span
        return True

    # -------------------------------------------------------------- declarations
    def declare(self, items: Sequence[ast.ExtensionItem]) -> None:
        """Feiten, parameters and thema's (with plateaus and bouwstenen), in file order."""
        for item in items:
            match item:
                case ast.FeitDecl():
                    self.feit(item)
                case ast.ParameterDecl():
                    self.parameter(item)
                case ast.ThemaDecl():
                    self.thema(item)

    def _free_in_base(self, name: ast.Name) -> bool:
        """E110 when an uitbreiding declares a feit or parameter its base already has."""
        if self.base is None:
            return True
        text = name.text
        existing = self.base.feiten.get(text) or self.base.parameters.get(text)
        if existing is None:
            return True
        kind = "feit" if text in self.base.feiten else "parameter"
        self.error(
            "E110",
            f"{kind} '{text}' bestaat al in {self.base_place(existing.herkomst)}",
            name.span,
            hint="een uitbreiding voegt nieuwe namen toe; kies een andere naam"
            + (
                f", of geef de parameter een nieuwe waarde: parameter {text} = ..."
                if kind == "parameter"
                else ""
            ),
        )
        return False

    def feit(self, decl: ast.FeitDecl) -> None:
        if not (self._free_in_base(decl.name) and self.unique(decl.name, "naam")):
            return
        former: list[str] = []
        for old in decl.voorheen:
            if old.text in self.former:
                self._former_clash(old, self.former[old.text])
            elif (
                old.text in self.feiten
                or old.text in self.parameters
                or f"naam:{old.text}" in self.declared
            ):
                self.error(
                    "K210",
                    f"'{old.text}' kan geen vroegere naam zijn: er bestaat een feit of "
                    "parameter met die naam",
                    old.span,
                    hint="een vroegere naam (voorheen) is een naam die niet meer in gebruik is",
                )
            else:
                self.former[old.text] = decl.name.text
                former.append(old.text)
        self.feiten[decl.name.text] = m.Feit(
            decl.name.text,
            check_type(decl.type, self.report),
            decl.vraag,
            decl.bron,
            decl.toelichting,
            decl.span,
            (self.herkomst("gedefinieerd", decl.span),),
            tuple(former),
        )

    def _former_clash(self, name: ast.Name, owner: str) -> None:
        """K210: a name that is already the former name of a fact."""
        self.error(
            "K210",
            f"'{name.text}' is al de vroegere naam van feit '{owner}'",
            name.span,
            hint="een feitenbestand met die naam moet naar één feit wijzen; kies een andere "
            "naam, of haal 'voorheen' bij een van beide weg",
        )

    def parameter(self, decl: ast.ParameterDecl) -> None:
        if not (self._free_in_base(decl.name) and self.unique(decl.name, "naam")):
            return
        type_ = check_type(decl.type, self.report)
        value = check_literal(decl.value, type_, self.report, decl.name.text)
        if value is None:
            return
        self.parameters[decl.name.text] = m.Parameter(
            decl.name.text,
            type_,
            value,
            decl.bron,
            decl.toelichting,
            decl.span,
            (self.herkomst("gedefinieerd", decl.span),),
        )

    def thema(self, decl: ast.ThemaDecl) -> None:
        name = decl.name.text
        draft = self.themas.get(name)
        if self.base is None or decl.title is not None:
            # A new thema: a kader declares every thema it has, an uitbreiding a new one
            # with its title.
            if draft is not None and draft.declared is None:
                self.error(
                    "E111",
                    f"thema '{name}' bestaat al in het basiskader '{self.base_id}'",
                    decl.name.span,
                    hint="laat de titel weg om plateaus of bouwstenen aan dit thema toe te "
                    f"voegen: thema {name} {{ plateau ... }}",
                )
                return
            if not self.unique(decl.name, "thema"):
                return
            if decl.title is None:
                self.error(
                    "K207",
                    f"thema '{name}' heeft geen titel",
                    decl.name.span,
                    hint=f'schrijf de titel achter de naam: thema {name} "Titel"',
                )
            draft = ThemaDraft(decl.title or name, [], decl.span, decl.span.line)
            self.themas[name] = draft
        elif draft is None:
            self.error(
                "E122",
                f"onbekend thema '{name}'",
                decl.name.span,
                hint="zonder titel voegt een thema-blok plateaus of bouwstenen toe aan een "
                f'bestaand thema; een nieuw thema krijgt een titel: thema {name} "Titel" {{ ... }}',
                suggestion=suggest(name, self.themas),
            )
            return
        if not decl.plateaus:
            self.error(
                "K205",
                f"thema '{name}' heeft geen plateaus",
                decl.span,
                hint="schrijf ten minste één plateau met bouwstenen: plateau 1 { ... }",
            )
        # In a kader, each thema block numbers its plateaus 1, 2, 3, ...; an uitbreiding may
        # also add bouwstenen to a plateau that exists already.
        for plateau in decl.plateaus:
            self.plateau(name, draft, plateau, reopen=self.base is not None)

    @property
    def base_id(self) -> str:
        return self.base.id if self.base is not None else self.origin

    def plateau(
        self, thema: str, draft: ThemaDraft, decl: ast.PlateauDecl, *, reopen: bool
    ) -> None:
        top = len(draft.plateaus)
        number = decl.number
        point = Span.point(
            decl.span.file, decl.span.line, decl.span.column, len(f"plateau {number}")
        )
        if reopen and 1 <= number <= top:
            if decl.title is not None:
                self.error(
                    "E132",
                    f"plateau {number} van thema '{thema}' bestaat al; een titel kan alleen "
                    "bij een nieuw plateau",
                    point,
                    hint="laat de titel weg om bouwstenen aan dit plateau toe te voegen",
                )
        else:
            if number != top + 1:
                self.error(
                    "K204",
                    f"plateau {number} kan hier niet: thema '{thema}' heeft "
                    + (f"{top} plateaus" if top != 1 else "1 plateau")
                    + f", dus het volgende plateau is {top + 1}",
                    point,
                    hint="nummer de plateaus van een thema 1, 2, 3, ... in volgorde; een "
                    "nieuw plateau komt direct boven het hoogste",
                )
            draft.plateaus.append(PlateauDraft(decl.title, []))
            number = top + 1
        if not decl.bouwstenen:
            self.error(
                "K206",
                f"plateau {decl.number} van thema '{thema}' heeft geen bouwstenen",
                decl.span,
                hint="zet er ten minste één bouwsteen in, of laat het plateau weg",
            )
        for bouwsteen in decl.bouwstenen:
            self.bouwsteen(thema, number, draft.plateaus[number - 1], bouwsteen)

    def bouwsteen(
        self, thema: str, number: int, plateau: PlateauDraft, decl: ast.BouwsteenDecl
    ) -> None:
        qid = f"{thema}.{decl.name.text}"
        existing = self.bouwstenen.get(qid) or self.withdrawn.get(qid)
        if existing is not None:
            if self.base is not None and (qid in self.base.bouwstenen or qid in self.withdrawn):
                gone = " (vervallen)" if qid in self.withdrawn else ""
                self.error(
                    "E112",
                    f"bouwsteen '{decl.name.text}' bestaat al in thema '{thema}': "
                    f"{self.base_place(existing.herkomst)}{gone}",
                    decl.name.span,
                    hint="kies een andere naam; een bestaande bouwsteen wijzig je met "
                    f"verscherp of vervang {qid} als ...",
                )
            else:
                first = existing.span
                self.error(
                    "K201",
                    f"bouwsteen '{decl.name.text}' staat al in thema '{thema}' "
                    f"(regel {first.line if first else '?'})",
                    decl.name.span,
                    hint="een bouwsteen heeft een eigen naam binnen zijn thema",
                )
            return
        if decl.condition is None and not decl.requires:
            self.error(
                "K208",
                f"bouwsteen '{decl.name.text}' heeft geen voorwaarde",
                decl.name.span,
                hint="voeg 'als ...' of 'vereist ...' toe",
            )
        self.bouwstenen[qid] = m.Bouwsteen(
            thema,
            decl.name.text,
            number,
            decl.text,
            decl.bron,
            (),
            None,
            decl.span,
            (self.herkomst("gedefinieerd", decl.span),),
            afwijking_toegestaan=not decl.geen_afwijking,
        )
        plateau.ids.append(qid)
        self.new_bouwstenen.append((qid, decl))

    # -------------------------------------------------------------- conditions
    def scope(self) -> Scope:
        return Scope(
            {name: feit.type for name, feit in self.feiten.items()},
            self.parameters,
            dict(self.bouwstenen),
            {name: len(draft.plateaus) for name, draft in self.themas.items()},
        )

    def conditions(self, resolver: Resolver) -> None:
        """Resolve the ``vereist`` lists and conditions of the bouwstenen this file added."""
        for qid, decl in self.new_bouwstenen:
            current = self.bouwstenen[qid]
            requires = []
            for ref in decl.requires:
                kind, name = resolver.resolve_ref(ref, current.thema)
                if kind == "bouwsteen":
                    requires.append(name)
            condition = (
                resolver.resolve(decl.condition, current.thema)
                if decl.condition is not None
                else None
            )
            self.bouwstenen[qid] = attrs.evolve(
                current, requires=tuple(requires), condition=condition
            )

    def stelling(self, decl: ast.StellingDecl, resolver: Resolver) -> None:
        name = decl.name.text
        if self.base is not None and name in self.base.stellingen:
            self.error(
                "E113",
                f"stelling '{name}' bestaat al in het basiskader '{self.base.id}'",
                decl.name.span,
                hint="kies een andere naam",
            )
            return
        if not self.unique(decl.name, "stelling"):
            return
        condition = resolver.resolve(decl.condition, None, in_stelling=True)
        self.stellingen[name] = m.Stelling(name, decl.text, condition, decl.span)

    def controle(self, decl: ast.ControleDecl, resolver: Resolver) -> None:
        name = decl.name.text
        if self.base is not None and name in self.base.controles:
            self.error(
                "E113",
                f"controle '{name}' bestaat al in het basiskader '{self.base.id}'",
                decl.name.span,
                hint="kies een andere naam",
            )
            return
        if not self.unique(decl.name, "controle"):
            return
        condition = resolver.resolve(decl.condition, None, in_controle=True)
        self.controles[name] = m.Controle(
            name,
            decl.text,
            decl.bron,
            condition,
            decl.span,
            (self.herkomst("gedefinieerd", decl.span),),
        )

    # -------------------------------------------------------------- the result
    def built_themas(self) -> tuple[dict[str, m.Thema], dict[str, m.Bouwsteen]]:
        """The thema's and their bouwstenen, in thema and plateau order."""
        themas: dict[str, m.Thema] = {}
        bouwstenen: dict[str, m.Bouwsteen] = {}
        for name, draft in self.themas.items():
            plateaus = []
            for number, plateau in enumerate(draft.plateaus, start=1):
                plateaus.append(m.Plateau(number, plateau.title, tuple(plateau.ids)))
                for qid in plateau.ids:
                    bouwstenen[qid] = self.bouwstenen[qid]
            themas[name] = m.Thema(name, draft.title, tuple(plateaus), draft.span)
        return themas, bouwstenen


def check_header(tree: ast.KaderFile, report: DiagnosticCollector) -> dict[str, str]:
    """The kader's ``kader x { ... }`` fields (K203 unknown, K201 twice)."""
    meta: dict[str, str] = {}
    for entry in tree.meta:
        key = entry.key.text
        if key not in META_KEYS:
            report.error(
                "K203",
                f"onbekend kopveld '{key}'",
                entry.key.span,
                hint="mogelijke kopvelden: " + ", ".join(META_KEYS),
                suggestion=suggest(key, META_KEYS),
            )
        elif key in meta:
            report.error("K201", f"kopveld '{key}' staat er twee keer", entry.span)
        meta[key] = entry.value
    return meta


def check_stale_after(tree: ast.KaderFile, report: DiagnosticCollector) -> int | None:
    """The header's ``verouderd na N maanden|jaar`` in months (K211 other units, K201 twice)."""
    months = None
    for index, entry in enumerate(tree.stale_after):
        if index:
            report.error("K201", "kopveld 'verouderd na' staat er twee keer", entry.span)
        elif entry.unit not in ("maand", "jaar") or entry.amount < 1:
            report.error(
                "K211",
                "'verouderd na' telt in maanden of jaren, en minstens 1",
                entry.span,
                hint="bijvoorbeeld: verouderd na 24 maanden",
            )
        else:
            months = entry.amount * (12 if entry.unit == "jaar" else 1)
    return months


def find_cycles(bouwstenen: Mapping[str, m.Bouwsteen]) -> list[Diagnostic]:
    """One diagnostic per dependency cycle, naming it in order: ``a -> b -> a``."""
    if _acyclic(bouwstenen):
        return []  # the common case, without importing networkx (start-up time)
    import networkx as nx

    graph = nx.DiGraph()
    order = {qid: i for i, qid in enumerate(bouwstenen)}
    for qid, bouwsteen in bouwstenen.items():
        graph.add_node(qid)
        for dep in bouwsteen.depends_on:
            if dep in bouwstenen:
                graph.add_edge(qid, dep)
    diagnostics = []
    components = [
        sorted(c, key=order.__getitem__)
        for c in nx.strongly_connected_components(graph)
        if len(c) > 1 or graph.has_edge(next(iter(c)), next(iter(c)))
    ]
    for component in sorted(components, key=lambda c: order[c[0]]):
        start = component[0]
        path = _cycle_from(graph.subgraph(component), start, order)
        bouwsteen = bouwstenen[start]
        diagnostics.append(
            Diagnostic(
                "K401",
                "kringverwijzing tussen bouwstenen: " + " -> ".join(path),
                bouwsteen.span,
                hint="een bouwsteen kan niet (via andere) van zichzelf afhangen; "
                "haal een van deze verwijzingen weg",
            )
        )
    return diagnostics


def _acyclic(bouwstenen: Mapping[str, m.Bouwsteen]) -> bool:
    """Whether no bouwsteen depends on itself, directly or through others (Kahn's algorithm)."""
    waiting = {
        qid: sum(1 for dep in set(b.depends_on) if dep in bouwstenen)
        for qid, b in bouwstenen.items()
    }
    dependants: dict[str, list[str]] = {qid: [] for qid in bouwstenen}
    for qid, bouwsteen in bouwstenen.items():
        for dep in set(bouwsteen.depends_on):
            if dep in bouwstenen:
                dependants[dep].append(qid)
    ready = [qid for qid, count in waiting.items() if count == 0]
    placed = 0
    while ready:
        qid = ready.pop()
        placed += 1
        for later in dependants[qid]:
            waiting[later] -= 1
            if waiting[later] == 0:
                ready.append(later)
    return placed == len(bouwstenen)


def _cycle_from(graph: nx.DiGraph, start: str, order: Mapping[str, int]) -> list[str]:
    """The shortest cycle through ``start``, preferring earlier-declared bouwstenen."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in sorted(graph.successors(node), key=order.__getitem__):
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if successor not in previous:
                    previous[successor] = node
                    following.append(successor)
        frontier = following
    raise AssertionError("no cycle through start")  # pragma: no cover
