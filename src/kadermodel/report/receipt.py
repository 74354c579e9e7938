"""Assessment -> its receipt: which rules and which facts a result came from.

Every JSON result of ``assess`` and ``explain`` carries one under ``receipt``:

- ``kadermodel_version``: the installed version of kadermodel;
- ``kader``: the id, the ``versie`` from its header, the file it was read from and the
  SHA-256 of that file's text;
- ``extensions``: per applied uitbreiding, in order, its id, file and SHA-256;
- ``facts_sha256``: the SHA-256 of the facts in canonical form (:func:`canonical_facts`): the
  effective facts, inherited ones included;
- ``regional_files``: when the facts inherit from a region (``regio:``), per regional facts
  file read (nearest first) its path and the SHA-256 of its text;
- ``facts``: that canonical form itself, so that a result can be re-run and compared without
  its facts file (``kadermodel vergelijk OUD.json NIEUW.json``);
- ``peildatum``: the day the result is for;
- ``timestamp``: only when asked for (``--tijdstip``), so that results stay reproducible.

``kadermodel controleer-bewijs`` re-runs a result and compares receipts and results
(:func:`compare`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from typing import Any

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment
from kadermodel.facts.codec import json_value
from kadermodel.facts.core import Facts


def sha256(text: str) -> str:
    # surrogatepass: a lone surrogate (JSON and YAML allow "\\udfff") still hashes
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@functools.cache
def version() -> str:
    """The installed kadermodel version (``onbekend`` when it is not installed).

    Looked up once per process: the metadata lookup costs milliseconds, more than the
    rest of an assessment's JSON (and importing importlib.metadata as much again, so it is
    imported here, when a receipt is made, not by every command that imports this module).
    """
    from importlib import metadata

    try:
        return metadata.version("kadermodel")
    except metadata.PackageNotFoundError:
        return "onbekend"


def canonical_facts(facts: Facts) -> str:
    """The facts as canonical JSON: sorted keys, no spaces, UTF-8; unknown facts left out.

    ``{"dont_know": [...], "facts": {name: value}, "gemeente": ..., "peildatum": ...,
    "sources": {name: bron}}`` with ja_nee as ``true``/``false``, a verzameling as a sorted
    list and a date as ``jjjj-mm-dd``. Two facts files that say the same (in another order,
    with comments, with ``onbekend`` written out or left out) have the same canonical form.
    """
    data = {
        "gemeente": facts.gemeente,
        "peildatum": None if facts.peildatum is None else facts.peildatum.isoformat(),
        "facts": {name: json_value(value) for name, value in sorted(facts.known.items())},
        "dont_know": sorted(facts.dont_know),
        "sources": dict(sorted(facts.bronnen.items())),
    }
    if facts.regions:  # only then: the canonical form of facts without a region stays as it was
        data["inherited"] = dict(sorted(facts.inherited.items()))
    if facts.afwijkingen:  # likewise: they change the result, so they are part of the facts
        data["afwijkingen"] = {
            qid: {
                "reden": a.reden,
                "goedgekeurd_door": a.goedgekeurd_door,
                "geldig_tot": a.geldig_tot.isoformat(),
            }
            for qid, a in sorted(facts.afwijkingen.items())
        }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _texts(kader: m.Kader) -> list[tuple[str, str]]:
    """(file, text) of the kader and of each extension, in the order they were applied."""
    return list(kader.sources.items())


def receipt_json(assessment: Assessment, *, timestamp: dt.datetime | None = None) -> dict[str, Any]:
    """The receipt of an assessment as a JSON-ready mapping (see the module docstring)."""
    kader = assessment.kader
    texts = _texts(kader)
    base_file, base_text = texts[0] if texts else ("", "")
    canonical = canonical_facts(assessment.facts)
    extensions = []
    rest = texts[1:]
    for position, extension_id in enumerate(kader.extensions):
        file, text = rest[position] if position < len(rest) else ("", "")
        extensions.append({"id": extension_id, "file": file, "sha256": sha256(text)})
    found: dict[str, Any] = {
        "kadermodel_version": version(),
        "kader": {
            "id": kader.id,
            "version": kader.meta.get("versie"),
            "file": base_file,
            "sha256": sha256(base_text),
        },
        "extensions": extensions,
        "facts_sha256": sha256(canonical),
        "facts": json.loads(canonical),
        "reference_date": assessment.peildatum.isoformat(),
    }
    if assessment.facts.regions:
        found["regional_files"] = [
            {"file": file, "sha256": digest}
            for file, digest in zip(
                assessment.facts.regions, assessment.facts.region_hashes, strict=True
            )
        ]
    if timestamp is not None:
        found["timestamp"] = timestamp.isoformat(timespec="seconds")
    return found


def canonical_text(facts: Any) -> str:
    """The text :func:`canonical_facts` hashed, from its parsed form (a receipt's ``facts``)."""
    return json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two receipts, in Dutch (empty when the rules and facts match)."""
    found = []
    if old.get("kader", {}).get("id") != new["kader"]["id"]:
        found.append(
            f"een ander kader: '{old.get('kader', {}).get('id')}', nu '{new['kader']['id']}'"
        )
    elif old.get("kader", {}).get("sha256") != new["kader"]["sha256"]:
        found.append(f"de tekst van het kader '{new['kader']['id']}' is veranderd")
    old_ext = old.get("extensions", [])
    new_ext = new["extensions"]
    if [e.get("id") for e in old_ext] != [e["id"] for e in new_ext]:
        names = ", ".join(e.get("id", "?") for e in old_ext) or "geen"
        now = ", ".join(e["id"] for e in new_ext) or "geen"
        found.append(f"andere uitbreidingen: eerst {names}, nu {now}")
    else:
        for before, after in zip(old_ext, new_ext, strict=True):
            if before.get("sha256") != after["sha256"]:
                found.append(f"de tekst van de uitbreiding '{after['id']}' is veranderd")
    old_regions = [r.get("file") for r in old.get("regional_files", [])]
    new_regions = [r["file"] for r in new.get("regional_files", [])]
    if old_regions != new_regions:
        names = ", ".join(str(r) for r in old_regions) or "geen"
        now = ", ".join(new_regions) or "geen"
        found.append(f"andere regionale feitenbestanden: eerst {names}, nu {now}")
    else:
        pairs = zip(old.get("regional_files", []), new.get("regional_files", []), strict=True)
        for before, after in pairs:
            if before.get("sha256") != after["sha256"]:
                found.append(f"het regionale feitenbestand '{after['file']}' is veranderd")
    if old.get("facts_sha256") != new["facts_sha256"]:
        found.append("de feiten zijn veranderd")
    if old.get("reference_date") != new["reference_date"]:
        found.append(
            f"een andere peildatum: {old.get('reference_date')}, nu {new['reference_date']}"
        )
    return found
