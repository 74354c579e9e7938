"""Hypothesis strategies for any kader: fact sets biased to the kader's boundaries, and kaders.

``facts(kader)`` draws a mapping ``{fact name: value or None}`` (``None`` is unknown) that
``kadermodel.assess`` accepts. Most values come from :func:`kadermodel.abstraction.boundary_values`
(each threshold with its neighbours, each keuze value, the listed verzameling subsets, dates
around every ``binnen`` window), the rest from the whole domain, so both the interesting edges
and the ordinary middle get tried.

``kaders()`` draws the source text of a valid random kader: facts of every type, parameters,
thema's with plateaus and bouwstenen whose conditions use every construct of the language.

>>> import kadermodel
>>> from hypothesis import given
>>> kader = kadermodel.bundled_kader()
>>> @given(facts(kader))
... def test_low_never_above_high(values):
...     for thema in kadermodel.assess(kader, values).themas.values():
...         assert thema.plateau.low <= thema.plateau.high
>>> test_low_never_above_high()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from hypothesis import strategies as st

from kadermodel import model as m
from kadermodel.engine.abstraction import boundary_values
from kadermodel.facts import codec

FactValues = dict[str, m.FactValue | None]
"""What :func:`facts` draws: every declared fact by name, ``None`` for unknown."""

BOUNDARY_SHARE = 8
"""Out of 10 values drawn for a known fact, about this many come from the boundary values."""


def _general(type_: m.FactType, boundary: tuple[m.FactValue, ...]) -> st.SearchStrategy[object]:
    """Any value of the type, in a range a little wider than the boundaries."""
    match type_.kind:
        case "ja_nee":
            return st.booleans()
        case "aantal":
            top = max((v for v in boundary if isinstance(v, int)), default=0)
            return st.integers(min_value=0, max_value=min(2 * top + 10, codec.AANTAL_MAX))
        case "keuze":
            return st.sampled_from(type_.values)
        case "verzameling":
            return (
                st.frozensets(st.sampled_from(type_.values))
                if type_.values
                else st.just(frozenset())
            )
        case _:
            days = [v for v in boundary if isinstance(v, dt.date)] or [dt.date(2020, 1, 1)]
            low = max(min(days), codec.DATE_MIN + dt.timedelta(days=3 * 366))
            high = min(max(days), codec.DATE_MAX - dt.timedelta(days=3 * 366))
            return st.dates(
                min_value=low - dt.timedelta(days=3 * 366),
                max_value=max(high, low) + dt.timedelta(days=3 * 366),
            )


Tilt = int
"""How a fact set leans: 0 evenly, 1 to ``ja`` (the top of a two-valued boundary), 2 to
``nee``. Bouwstenen mostly ask for several ja_nee facts at once, so a set that leans to
``ja`` reaches the higher plateaus, where most laws have something to check; facts with
more boundary values (thresholds, keuze values) are drawn evenly over them."""


def _value(
    draw: st.DrawFn,
    edges: tuple[m.FactValue, ...],
    general: st.SearchStrategy[object],
    unknown_share: int,
    tilt: Tilt,
) -> m.FactValue | None:
    # Every choice shrinks towards 0: a known value, from the boundaries, chosen evenly.
    if unknown_share and draw(st.integers(0, 99)) >= 100 - unknown_share:
        return None
    if not edges or draw(st.integers(0, 9)) >= BOUNDARY_SHARE:
        value: m.FactValue = draw(general)  # type: ignore[assignment]
        return value
    if tilt and len(edges) == 2 and draw(st.integers(0, 9)) < 9:
        return edges[-1] if tilt == 1 else edges[0]
    return edges[draw(st.integers(0, len(edges) - 1))]


def _fact_sets(
    kader: m.Kader,
    wanted: list[str],
    boundaries: Mapping[str, tuple[m.FactValue, ...]],
    unknown: float,
) -> st.SearchStrategy[FactValues]:
    unknown_share = round(min(max(unknown, 0.0), 1.0) * 100)
    specs = [
        (name, boundaries[name], _general(kader.feiten[name].type, boundaries[name]))
        for name in wanted
    ]
    names = tuple(kader.feiten)

    @st.composite
    def fact_set(draw: st.DrawFn) -> FactValues:
        tilt = draw(st.integers(0, 2))
        values: FactValues = dict.fromkeys(names)
        for name, edges, general in specs:
            values[name] = _value(draw, edges, general, unknown_share, tilt)
        return values

    return fact_set()


def facts(
    kader: m.Kader,
    unknown: float = 0.2,
    *,
    peildatum: dt.date | None = None,
    only: Iterable[str] | None = None,
    conditions: Iterable[m.Cond] | None = None,
) -> st.SearchStrategy[FactValues]:
    """Fact sets for ``kader``: a dict with every declared fact, ``None`` meaning unknown.

    ``unknown`` is the share of facts left unknown (0 gives complete fact sets). Values are
    biased to the boundaries of ``conditions`` (default: every bouwsteen of the kader),
    with ``binnen`` windows counted back from ``peildatum`` (default: today); a third of
    the sets lean to ``ja`` for ja_nee facts and a third to ``nee`` (see :data:`Tilt`). ``only``
    limits the facts that get a value; all others stay unknown.
    """
    wanted = list(kader.feiten) if only is None else [f for f in only if f in kader.feiten]
    boundaries = boundary_values(kader, conditions, peildatum=peildatum, facts=wanted)
    return _fact_sets(kader, wanted, boundaries, unknown)


def refinements(
    kader: m.Kader, values: Mapping[str, m.FactValue | None], *, peildatum: dt.date | None = None
) -> st.SearchStrategy[tuple[str, m.FactValue]]:
    """An unknown fact of ``values`` and a value for it (for monotonicity laws).

    Draws nothing (the strategy is empty) when every fact is known.
    """
    unknown = [name for name, value in values.items() if value is None and name in kader.feiten]
    if not unknown:
        return st.nothing()
    boundaries = boundary_values(kader, peildatum=peildatum, facts=unknown)

    @st.composite
    def refinement(draw: st.DrawFn) -> tuple[str, m.FactValue]:
        name = draw(st.sampled_from(unknown))
        general = _general(kader.feiten[name].type, boundaries[name])
        value = _value(draw, boundaries[name], general, 0, 0)
        assert value is not None  # unknown share 0: always a value
        return name, value

    return refinement()


# ------------------------------------------------------------------ random kaders

_TYPES = ("ja_nee", "aantal", "keuze", "verzameling", "datum")
_UNITS = ("dagen", "weken", "maanden", "jaar")
_COMPARATORS = ("=", "!=", "<", "<=", ">", ">=")
_TEXT = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ,.-éëï0123456789"),
    min_size=1,
    max_size=30,
).map(lambda s: s.strip() or "tekst")


class _Names:
    """The declarations drawn so far, which later conditions may use."""

    def __init__(self) -> None:
        self.facts: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.params: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.bouwstenen: list[tuple[str, str]] = []
        """(thema, name) of every bouwsteen declared so far, in order."""


def _date_text(draw: st.DrawFn) -> str:
    return draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))).isoformat()


def _leaf(draw: st.DrawFn, names: _Names, thema: str | None) -> str:
    options: list[str] = ["fact"] * 4
    if any(t in ("ja_nee", "aantal", "keuze") for t, _ in names.params.values()):
        options.append("param")
    if names.bouwstenen:
        options.append("bouwsteen")
    choice = draw(st.sampled_from(options))
    if choice == "bouwsteen":
        other_thema, other = draw(st.sampled_from(names.bouwstenen))
        if other_thema == thema and draw(st.booleans()):
            return other
        return f"{other_thema}.{other}"
    if choice == "param":
        usable = [n for n, (t, _) in names.params.items() if t in ("ja_nee", "aantal", "keuze")]
        name = draw(st.sampled_from(sorted(usable)))
        kind, values = names.params[name]
        if kind == "ja_nee":
            return name
        same = [f for f, spec in names.facts.items() if spec == (kind, values)]
        if not same:
            return name if kind == "ja_nee" else _fact_leaf(draw, names)
        fact = draw(st.sampled_from(same))
        return f"{fact} {draw(st.sampled_from(_COMPARATORS))} {name}"
    return _fact_leaf(draw, names)


def _fact_leaf(draw: st.DrawFn, names: _Names) -> str:
    name = draw(st.sampled_from(sorted(names.facts)))
    kind, values = names.facts[name]
    op = draw(st.sampled_from(_COMPARATORS))
    match kind:
        case "ja_nee":
            form = draw(st.integers(0, 2))
            if form == 0:
                return name
            return f"{name} {draw(st.sampled_from(('=', '!=')))} " + draw(
                st.sampled_from(("waar", "onwaar"))
            )
        case "aantal":
            same = [f for f, spec in names.facts.items() if spec[0] == "aantal" and f != name]
            if same and draw(st.integers(0, 3)) == 0:
                return f"{name} {op} {draw(st.sampled_from(sorted(same)))}"
            return f"{name} {op} {draw(st.integers(0, 12))}"
        case "keuze":
            if draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
                return f"{name} in ({', '.join(chosen)})"
            return f"{name} {op} {draw(st.sampled_from(values))}"
        case "verzameling":
            chosen = draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
            word = draw(st.sampled_from(("bevat alle", "bevat een van")))
            return f"{name} {word} ({', '.join(chosen)})"
        case _:
            form = draw(st.integers(0, 3))
            if form == 0:
                return f"{name} binnen {draw(st.integers(1, 36))} {draw(st.sampled_from(_UNITS))}"
            word = "na" if form == 1 else "voor"
            dates = [f for f, spec in names.facts.items() if spec[0] == "datum" and f != name]
            if dates and form == 3:
                return f"{name} {word} {draw(st.sampled_from(sorted(dates)))}"
            return f"{name} {word} {_date_text(draw)}"


def _condition(draw: st.DrawFn, names: _Names, thema: str | None, depth: int) -> str:
    if depth <= 0 or draw(st.integers(0, 9)) < 4:
        return _leaf(draw, names, thema)
    form = draw(st.sampled_from(("niet", "en", "of", "minstens", "haakjes")))
    if form == "niet":
        return "niet " + _wrapped(draw, names, thema, depth - 1)
    if form == "haakjes":
        return "(" + _condition(draw, names, thema, depth - 1) + ")"
    count = draw(st.integers(2, 3))
    parts = [_wrapped(draw, names, thema, depth - 1) for _ in range(count)]
    if form == "minstens":
        return f"minstens {draw(st.integers(1, count))} van ({', '.join(parts)})"
    return f" {form} ".join(parts)


def _wrapped(draw: st.DrawFn, names: _Names, thema: str | None, depth: int) -> str:
    text = _condition(draw, names, thema, depth)
    return f"({text})" if " en " in text or " of " in text or text.startswith("niet ") else text


def _type_text(kind: str, values: tuple[str, ...]) -> str:
    return f"{kind}({', '.join(values)})" if values else kind


@st.composite
def kaders(
    draw: st.DrawFn,
    *,
    max_feiten: int = 8,
    max_themas: int = 3,
    max_plateaus: int = 3,
    max_bouwstenen: int = 3,
    max_depth: int = 3,
    stellingen: bool = True,
) -> str:
    """Source text of a valid random kader (``parse_kader`` accepts every one).

    Conditions reach ``max_depth`` levels of ``niet``/``en``/``of``/``minstens``; bouwstenen
    refer to earlier ones (``vereist`` and as conditions), also across thema's.
    """
    names = _Names()
    number = draw(st.integers(0, 999))
    lines = [f'kader k{number} {{ titel "{draw(_TEXT)}" versie "1" }}', ""]
    for index in range(draw(st.integers(1, max_feiten))):
        kind = draw(st.sampled_from(_TYPES))
        values: tuple[str, ...] = ()
        if kind in ("keuze", "verzameling"):
            size = draw(st.integers(1, 4))
            values = tuple(f"w{index}_{i}" for i in range(size))
        name = f"f{index}"
        names.facts[name] = (kind, values)
        lines.append(f"feit {name}: {_type_text(kind, values)}")
        if draw(st.booleans()):
            lines.append(f'    vraag "{draw(_TEXT)}?"')
    for index in range(draw(st.integers(0, 3))):
        name = f"p{index}"
        source = draw(st.sampled_from(sorted(names.facts)))
        kind, values = names.facts[source]
        if kind == "aantal":
            literal = str(draw(st.integers(0, 10)))
        elif kind == "keuze":
            literal = draw(st.sampled_from(values))
        elif kind == "ja_nee":
            literal = draw(st.sampled_from(("waar", "onwaar")))
        elif kind == "datum":
            literal = _date_text(draw)
        else:
            chosen = draw(st.lists(st.sampled_from(values), unique=True))
            literal = f"({', '.join(chosen)})"
        names.params[name] = (kind, values)
        lines.append(f"parameter {name}: {_type_text(kind, values)} = {literal}")
        lines.append(f'    bron "{draw(_TEXT)}"')
    lines.append("")
    thema_tops: dict[str, int] = {}
    for t in range(draw(st.integers(1, max_themas))):
        thema = f"t{t}"
        lines.append(f'thema {thema} "{draw(_TEXT)}" {{')
        plateaus = draw(st.integers(1, max_plateaus))
        thema_tops[thema] = plateaus
        for p in range(1, plateaus + 1):
            lines.append(f"    plateau {p} {{")
            for b in range(draw(st.integers(1, max_bouwstenen))):
                name = f"b{p}_{b}"
                lines.append(f'        bouwsteen {name} "{draw(_TEXT)}."')
                if draw(st.booleans()):
                    lines.append(f'            bron "{draw(_TEXT)}"')
                if names.bouwstenen and draw(st.integers(0, 3)) == 0:
                    other_thema, other = draw(st.sampled_from(names.bouwstenen))
                    ref = other if other_thema == thema else f"{other_thema}.{other}"
                    lines.append(f"            vereist {ref}")
                    if draw(st.booleans()):
                        lines.append("            # alleen de vereiste bouwsteen")
                        names.bouwstenen.append((thema, name))
                        continue
                condition = _condition(draw, names, thema, max_depth)
                lines.append(f"            als {condition}")
                names.bouwstenen.append((thema, name))
            lines.append("    }")
        lines.append("}")
        lines.append("")
    if stellingen:
        for index in range(draw(st.integers(0, 2))):
            thema = draw(st.sampled_from(sorted(thema_tops)))
            level = draw(st.integers(0, thema_tops[thema]))
            op = draw(st.sampled_from(_COMPARATORS))
            premise = _condition(draw, names, None, 1)
            lines.append(f'stelling s{index} "{draw(_TEXT)}":')
            lines.append(f"    als {premise} dan plateau({thema}) {op} {level}")
    return "\n".join(lines) + "\n"


def kader_and_facts(
    unknown: float = 0.2, *, peildatum: dt.date | None = None
) -> st.SearchStrategy[tuple[m.Kader, FactValues]]:
    """A random valid kader (parsed) together with a fact set for it."""
    from kadermodel.api import parse_kader

    return (
        kaders()
        .map(lambda text: parse_kader(text, "<kaders()>"))
        .flatmap(
            lambda kader: facts(kader, unknown, peildatum=peildatum).map(
                lambda values: (kader, values)
            )
        )
    )
