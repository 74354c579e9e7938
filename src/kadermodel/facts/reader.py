"""Facts file / YAML text / mapping -> validated :class:`~kadermodel.facts.value.Facts`.

A facts document looks like::

    gemeente: Voorbeeldstad
    peildatum: 2026-06-30
    feiten:
      aandachtsfunctionaris_aangesteld: ja
      gezagsdriehoek_besprekingen_per_jaar: 2
    bronnen:
      aandachtsfunctionaris_aangesteld: "Organogram 2025"

``kader:`` may name the kader the facts are for; reading them with another kader is then an
error (F205). ``regio:`` may name a regional facts file whose facts the municipality inherits
(:mod:`kadermodel.facts.regio`). A plain mapping of fact names to values is accepted too.
``onbekend``, ``null`` or an absent key is unknown. ``weet niet`` is unknown too, and
records that the question was asked and the municipality does not know (an intake does not
ask it again; see ``Facts.dont_know``).

YAML is read as a node tree (not with YAML's own typing), so every value is
interpreted by the type its fact declares and every error can name its line and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml

from kadermodel import model as m
from kadermodel.errors import Diagnostic, FactsError, Span, os_error_reason, suggest
from kadermodel.facts import codec
from kadermodel.facts.afwijking import FIELDS, Afwijking
from kadermodel.facts.afwijking import problem as afwijking_problem
from kadermodel.facts.decoder import decoder_of
from kadermodel.facts.regio import identity, inherit, regio_path, text_sha256
from kadermodel.facts.validate import FactReader
from kadermodel.facts.value import Facts, dated, decoded_facts, for_kader, make_facts, warned
from kadermodel.facts.yamlsource import compose_yaml, is_null

TOP_KEYS = (
    "gemeente",
    "peildatum",
    "feiten",
    "bronnen",
    "vastgesteld",
    "kader",
    "toelichting",
    "regio",
    "afwijkingen",
)
MAX_FACTS_CHARS = 5_000_000
"""The largest facts text read (characters; a facts file of a municipality is a few kB)."""


def parse_facts(
    text_or_mapping: str | Mapping[str, Any],
    kader: m.Kader,
    *,
    name: str = "<feiten>",
    follow_regio: bool = True,
) -> Facts:
    """Facts from YAML/JSON text or a mapping, checked against ``kader``'s declarations.

    A ``regio:`` path is read relative to the folder of ``name`` (the current folder for a
    text without a file name). With ``follow_regio=False`` (a server reading what a client
    sent) a ``regio:`` is an error (F212) and no other file is read.
    """
    if isinstance(text_or_mapping, str):
        return _parse_text(text_or_mapping, kader, name, (), follow_regio)
    if not isinstance(text_or_mapping, Mapping):
        raise FactsError(
            [
                Diagnostic(
                    "F207",
                    "feiten horen in een tekst (YAML of JSON) of in een mapping van "
                    "feitnamen en waarden",
                    None,
                    hint="bijvoorbeeld: {'aandachtsfunctionaris_aangesteld': True}",
                )
            ]
        )
    return _parse_mapping(text_or_mapping, kader, name, follow_regio)


def load_facts(path: str | Path, kader: m.Kader) -> Facts:
    """Facts from a YAML or JSON file (with the facts of its ``regio:``, if it names one)."""
    return _parse_text(_read_file(Path(path)), kader, str(path), (), True)


def _read_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FactsError(
            [
                Diagnostic(
                    "F100",
                    f"kan feitenbestand '{path}' niet lezen: {os_error_reason(error)}",
                    None,
                    hint="controleer de bestandsnaam en het pad",
                )
            ]
        ) from None
    except UnicodeDecodeError:
        raise FactsError(
            [Diagnostic("F100", f"feitenbestand '{path}' is geen UTF-8-tekst", None)]
        ) from None
    return text


def _read_regio(
    reader: FactReader,
    own: Facts,
    written: str,
    node: yaml.Node | None,
    chain: tuple[tuple[str, str], ...],
) -> Facts:
    """``own`` with the facts of the regional file ``written`` (and of its own regions).

    ``chain`` holds (identity, path) of the files that lead here, the farthest first."""
    path = regio_path(own.source, written)
    seen = (*chain, (identity(own.source), own.source))
    target = identity(path)
    if any(file == target for file, _ in seen):
        start = next(i for i, (file, _) in enumerate(seen) if file == target)
        loop = " → ".join([*(shown for _, shown in seen[start:]), seen[start][1]])
        reader.error_at(
            "F211",
            f"de regio '{codec.shorten(written)}' verwijst terug naar een bestand dat al "
            f"gelezen wordt: een kring ({codec.shorten(loop)})",
            node,
            hint="een regio mag zelf een regio hebben, maar niet terugverwijzen; haal "
            "'regio:' weg in een van de bestanden",
        )
        reader.raise_if_errors()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_error_reason(error) if isinstance(error, OSError) else "het is geen UTF-8-tekst"
        reader.error_at(
            "F210",
            f"kan het regionale feitenbestand '{path}' niet lezen: {reason}",
            node,
            hint="'regio:' noemt een pad vanaf de map van dit bestand; controleer de naam",
        )
        reader.raise_if_errors()
        raise AssertionError from None  # pragma: no cover - raise_if_errors raised
    region = _parse_text(text, reader.kader, path, seen, True)
    return inherit(reader.kader, own, region, written, text_sha256(text))


def _regio_forbidden(reader: FactReader, node: yaml.Node | None) -> None:
    reader.error_at(
        "F212",
        "'regio:' kan hier niet gebruikt worden: er worden geen andere bestanden gelezen",
        node,
        hint="zet de feiten van de regio in dit bestand, of beoordeel het bestand met "
        "kadermodel assess",
    )


def facts_for(
    kader: m.Kader, facts: Facts | Mapping[str, Any], *, only_known: bool = False
) -> Facts:
    """``facts`` encoded for ``kader``: a mapping is parsed, facts of another kader re-validated.

    With ``only_known``, facts made for another kader (a base or an extended one) keep only the
    facts that ``kader`` declares, instead of rejecting the others.
    """
    if type(facts) is dict and "feiten" not in facts:  # the common case, first
        decoded = decoder_of(kader).decode(facts)
        if decoded is not None:
            return decoded_facts(kader, decoded)
    if not isinstance(facts, Facts):
        return parse_facts(facts, kader)
    return for_kader(kader, facts, only_known=only_known)


def _kader_ids(kader: m.Kader) -> tuple[str, ...]:
    """The ids a facts file may name after ``kader:``: the kader's and its uitbreidingen's."""
    return (kader.id, *kader.extensions)


def _check_kader(reader: FactReader, named: str | None, where: yaml.Node | None) -> None:
    ids = _kader_ids(reader.kader)
    if named is None or named in ids:
        return
    reader.error_at(
        "F205",
        f"dit feitenbestand is voor kader '{codec.shorten(named)}', maar wordt gelezen met "
        f"kader '{ids[-1]}'",
        where,
        hint="kies het kader van het feitenbestand (--kader), of pas 'kader:' aan; "
        "mogelijk hier: " + ", ".join(ids),
        suggestion=suggest(named[:200], ids),
    )


def _parse_text(
    text: str,
    kader: m.Kader,
    source: str,
    chain: tuple[tuple[str, str], ...],
    follow_regio: bool,
) -> Facts:
    if len(text) > MAX_FACTS_CHARS:
        raise FactsError(
            [
                Diagnostic(
                    "F103",
                    f"het feitenbestand is te groot: {len(text):_} tekens, hooguit "
                    f"{MAX_FACTS_CHARS:_}".replace("_", "."),
                    Span.point(source, 1, 1),
                    hint="een feitenbestand noemt per feit een waarde; is dit het goede bestand?",
                )
            ]
        )  # no source text: the snippet would quote a line of the oversized file
    root = compose_yaml(text, source, "F101")
    reader = FactReader(kader, source, text)
    if root is None:
        reader.error("F207", "het feitenbestand is leeg", None, hint="verwacht: feiten: ...")
        reader.raise_if_errors()
    assert root is not None
    if not isinstance(root, yaml.MappingNode):
        reader.error_at(
            "F207",
            "het feitenbestand moet uit regels 'sleutel: waarde' bestaan",
            root,
            hint="begin met 'gemeente: ...' en 'feiten:'",
        )
        reader.raise_if_errors()
    assert isinstance(root, yaml.MappingNode)
    top = reader.pairs(root)
    gemeente: str | None = None
    peildatum: dt.date | None = None
    bronnen: dict[str, str] = {}
    established: dict[str, dt.date] = {}
    parsed: dict[str, m.FactValue | None] = {}
    regio: tuple[str, yaml.Node] | None = None
    afwijkingen: dict[str, Afwijking] = {}
    if "feiten" not in top:
        reader.error_at(
            "F204",
            "het feitenbestand heeft geen sleutel 'feiten'",
            root,
            hint="zet de feiten onder 'feiten:'",
        )
    for key, (key_node, value_node) in top.items():
        if key == "gemeente":
            gemeente = reader.text(value_node)
        elif key == "kader":
            _check_kader(reader, reader.text(value_node), value_node)
        elif key == "peildatum":
            peildatum = reader.date(value_node, "peildatum")
        elif key == "afwijkingen":
            afwijkingen = _afwijkingen(reader, value_node)
        elif key == "regio":
            written = reader.text(value_node)
            if not follow_regio:
                _regio_forbidden(reader, value_node)
            elif written is not None and written.strip():
                regio = (written, value_node)
            elif written is not None:
                reader.error_at("F210", "achter 'regio:' hoort het pad van een bestand", value_node)
        elif key == "feiten":
            if isinstance(value_node, yaml.MappingNode):
                for name, (name_node, node) in _current(reader, value_node).items():
                    value = reader.fact_value(name, name_node, node)
                    if name in kader.feiten:
                        parsed[name] = value
            elif not is_null(value_node):
                reader.error_at("F207", "onder 'feiten' hoort per regel 'naam: waarde'", value_node)
        elif key == "bronnen":
            if isinstance(value_node, yaml.MappingNode):
                for name, (name_node, node) in _current(reader, value_node).items():
                    if name not in kader.feiten:
                        reader.unknown_fact(name, name_node, "bronnen")
                    bronnen[name] = reader.text(node) or ""
            elif not is_null(value_node):
                reader.error_at(
                    "F207", "onder 'bronnen' hoort per regel 'feitnaam: \"bron\"'", value_node
                )
        elif key == "vastgesteld":
            if isinstance(value_node, yaml.MappingNode):
                for name, (name_node, node) in _current(reader, value_node).items():
                    if name not in kader.feiten:
                        reader.unknown_fact(name, name_node, "vastgesteld")
                    day = reader.date(node, f"feit '{name}' onder 'vastgesteld'")
                    if day is not None:
                        established[name] = day
            elif not is_null(value_node):
                reader.error_at(
                    "F207", "onder 'vastgesteld' hoort per regel 'feitnaam: jjjj-mm-dd'", value_node
                )
        elif key not in TOP_KEYS:
            reader.error_at(
                "F204",
                f"onbekende sleutel '{key}' in het feitenbestand",
                key_node,
                hint="mogelijke sleutels: " + ", ".join(TOP_KEYS),
                suggestion=suggest(key, TOP_KEYS),
            )
    reader.raise_if_errors()
    own = _read_facts(
        reader, parsed, gemeente, peildatum, bronnen, source, established, afwijkingen
    )
    if regio is None:
        return own
    return _read_regio(reader, own, regio[0], regio[1], chain)


def _read_facts(
    reader: FactReader,
    parsed: dict[str, m.FactValue | None],
    gemeente: str | None,
    peildatum: dt.date | None,
    bronnen: dict[str, str],
    source: str,
    established: dict[str, dt.date],
    afwijkingen: dict[str, Afwijking],
) -> Facts:
    """The Facts of values a reader read (text or mapping), with what else the file gave."""
    found = make_facts(
        reader.kader,
        parsed,
        gemeente=gemeente,
        peildatum=peildatum,
        bronnen=bronnen,
        source=source,
        dont_know=reader.dont_know,
    )
    return _with_afwijkingen(warned(dated(found, established), reader), afwijkingen)


def _with_afwijkingen(facts: Facts, afwijkingen: dict[str, Afwijking]) -> Facts:
    return attrs.evolve(facts, afwijkingen=afwijkingen) if afwijkingen else facts


def _afwijkingen(reader: FactReader, node: yaml.Node) -> dict[str, Afwijking]:
    """The ``afwijkingen:`` section: per bouwsteen id its reden, goedgekeurd_door, geldig_tot."""
    found: dict[str, Afwijking] = {}
    if is_null(node):
        return found
    if not isinstance(node, yaml.MappingNode):
        reader.error_at(
            "F215",
            "onder 'afwijkingen' hoort per bouwsteen 'thema.bouwsteen:' met reden, "
            "goedgekeurd_door en geldig_tot",
            node,
        )
        return found
    for qid, (key_node, entry) in reader.pairs(node).items():
        refused = afwijking_problem(reader.kader, qid)
        if refused is not None:
            code, message, hint, suggestion = refused
            reader.error_at(code, message, key_node, hint=hint, suggestion=suggestion)
            continue
        if not isinstance(entry, yaml.MappingNode):
            reader.error_at(
                "F215",
                f"bij de afwijking voor '{qid}' horen reden, goedgekeurd_door en geldig_tot",
                entry,
                hint="schrijf ze ingesprongen onder de bouwsteen, elk op een eigen regel",
            )
            continue
        fields = reader.pairs(entry)
        values: dict[str, object] = {}
        for name, (name_node, value_node) in fields.items():
            if name not in FIELDS:
                reader.error_at(
                    "F215",
                    f"onbekende sleutel '{codec.shorten(name)}' in de afwijking voor '{qid}'",
                    name_node,
                    hint="mogelijk: " + ", ".join(FIELDS),
                    suggestion=suggest(name, FIELDS),
                )
            elif name == "geldig_tot":
                values[name] = reader.date(
                    value_node, f"'geldig_tot' van de afwijking voor '{qid}'"
                )
            else:
                text = reader.text(value_node)
                if text is not None and text.strip():
                    values[name] = text.strip()
        missing = [f for f in FIELDS if f not in fields or (f != "geldig_tot" and f not in values)]
        if missing:
            reader.error_at(
                "F215",
                f"de afwijking voor '{qid}' mist " + " en ".join(f"'{f}'" for f in missing),
                key_node,
                hint="een afwijking noemt de reden, wie haar goedkeurde en tot wanneer zij geldt",
            )
            continue
        day = values["geldig_tot"]
        if isinstance(day, dt.date):
            found[qid] = Afwijking(qid, str(values["reden"]), str(values["goedgekeurd_door"]), day)
    return found


def _python_afwijkingen(reader: FactReader, data: object) -> dict[str, Afwijking]:
    """``afwijkingen`` of a mapping (JSON or Python values), checked as in a file."""
    found: dict[str, Afwijking] = {}
    if data is None:
        return found
    if not isinstance(data, Mapping):
        reader.error("F215", "onder 'afwijkingen' hoort een mapping van bouwstenen", None)
        return found
    for raw_qid, entry in data.items():
        qid = codec.safe_str(raw_qid)
        refused = afwijking_problem(reader.kader, qid)
        if refused is not None:
            code, message, hint, suggestion = refused
            reader.error(code, message, None, hint=hint, suggestion=suggestion)
            continue
        fields = entry if isinstance(entry, Mapping) else {}
        unknown = [codec.safe_str(k) for k in fields if k not in FIELDS]
        texts = {f: fields.get(f) for f in FIELDS[:2]}
        day = (
            reader.python_date(fields["geldig_tot"], f"'geldig_tot' van de afwijking voor '{qid}'")
            if fields.get("geldig_tot") is not None
            else None
        )
        good = all(isinstance(t, str) and t.strip() for t in texts.values())
        if unknown or not good or "geldig_tot" not in fields:
            reader.error(
                "F215",
                f"de afwijking voor '{qid}' hoort precies reden, goedgekeurd_door en geldig_tot "
                "te hebben",
                None,
            )
            continue
        if day is not None:
            reden, door = (str(t).strip() for t in texts.values())
            found[qid] = Afwijking(qid, reden, door, day)
    return found


def _current(reader: FactReader, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The pairs of a section of fact names, former names read as the fact's name now."""
    pairs = reader.pairs(node)
    if not reader.former:
        return pairs
    found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for name, (name_node, value_node) in pairs.items():
        current = reader.current_name(name, reader.span(name_node), pairs)
        if current is not None:
            found[current] = (name_node, value_node)
    return found


def _current_keys(reader: FactReader, data: Mapping[Any, Any]) -> dict[str, Any]:
    """A mapping of fact names to anything, former names read as the fact's name now."""
    names = {codec.safe_str(k): v for k, v in data.items()}
    if not reader.former:
        return names
    found = {}
    for name, value in names.items():
        current = reader.current_name(name, None, names)
        if current is not None:
            found[current] = value
    return found


def _parse_mapping(
    data: Mapping[str, Any], kader: m.Kader, source: str, follow_regio: bool
) -> Facts:
    written = data.get("regio") if "feiten" in data else None
    if written is None:
        return _parse_own_mapping(data, kader, source)
    reader = FactReader(kader, source, None)
    if not follow_regio:
        _regio_forbidden(reader, None)
    elif not isinstance(written, str) or not written.strip():
        reader.error("F210", "onder 'regio' hoort het pad van een regionaal feitenbestand", None)
    reader.raise_if_errors()
    own = _parse_own_mapping({k: v for k, v in data.items() if k != "regio"}, kader, source)
    return _read_regio(reader, own, written, None, ())


def _parse_own_mapping(data: Mapping[str, Any], kader: m.Kader, source: str) -> Facts:
    if "feiten" not in data:
        decoded = decoder_of(kader).decode(data)
        if decoded is not None:
            return decoded_facts(kader, decoded, source=source)
    reader = FactReader(kader, source, None)
    feiten = data.get("feiten")
    if "feiten" in data and not isinstance(feiten, Mapping) and feiten is not None:
        reader.error("F207", "onder 'feiten' hoort een mapping van feitnamen en waarden", None)
        reader.raise_if_errors()
    if not (isinstance(feiten, Mapping) or "feiten" in data):
        parsed = reader.facts_from_mapping(data)
        reader.raise_if_errors()
        found = make_facts(
            kader,
            parsed,
            gemeente=None,
            peildatum=None,
            bronnen={},
            source=source,
            dont_know=reader.dont_know,
        )
        return warned(found, reader)
    for key in data:
        if key not in TOP_KEYS:
            reader.error(
                "F204",
                f"onbekende sleutel '{codec.safe_str(key)}'",
                None,
                hint="mogelijke sleutels: " + ", ".join(TOP_KEYS),
                suggestion=suggest(codec.safe_str(key), TOP_KEYS),
            )
    peildatum = data.get("peildatum")
    if peildatum is not None:
        peildatum = reader.python_date(peildatum, "peildatum")
    raw_bronnen = data.get("bronnen") or {}
    if not isinstance(raw_bronnen, Mapping):
        reader.error("F207", "onder 'bronnen' hoort een mapping van feitnamen en bronnen", None)
        raw_bronnen = {}
    bronnen = {k: codec.safe_str(v) for k, v in _current_keys(reader, raw_bronnen).items()}
    for name in bronnen:
        if name not in kader.feiten:
            reader.unknown_fact(name, None, "bronnen")
    raw_dates = data.get("vastgesteld") or {}
    if not isinstance(raw_dates, Mapping):
        reader.error("F207", "onder 'vastgesteld' hoort een mapping van feitnamen en datums", None)
        raw_dates = {}
    established: dict[str, dt.date] = {}
    for name, raw in _current_keys(reader, raw_dates).items():
        if name not in kader.feiten:
            reader.unknown_fact(name, None, "vastgesteld")
        day = reader.python_date(raw, f"feit '{name}' onder 'vastgesteld'")
        if day is not None:
            established[name] = day
    if data.get("kader") is not None:
        named = data["kader"]
        if isinstance(named, str):
            _check_kader(reader, named, None)
        else:
            reader.error("F205", "onder 'kader' hoort de naam van een kader", None)
    raw_gemeente = data.get("gemeente")
    gemeente = None if raw_gemeente is None else codec.safe_str(raw_gemeente)
    for what, text in (("gemeente", gemeente), *(("bronnen", bron) for bron in bronnen.values())):
        problem = codec.surrogate_problem(text or "")
        if problem is not None:
            reader.error("F202", f"onder '{what}' staat een ongeldige tekst: {problem}", None)
    afwijkingen = _python_afwijkingen(reader, data.get("afwijkingen"))
    decoded = None if reader.errors else decoder_of(kader).decode(feiten or {})
    if decoded is not None:
        found = decoded_facts(
            kader, decoded, gemeente=gemeente, peildatum=peildatum, bronnen=bronnen, source=source
        )
        return _with_afwijkingen(warned(dated(found, established), reader), afwijkingen)
    parsed = reader.facts_from_mapping(feiten or {})
    reader.raise_if_errors()
    return _read_facts(
        reader, parsed, gemeente, peildatum, bronnen, source, established, afwijkingen
    )
