"""The HTTP API through Starlette's test client: the same JSON and diagnostics as the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from serve_support import (  # noqa: F401  (app_fixture, client_fixture: fixtures)
    EXAMPLES,
    KADER,
    app_fixture,
    as_json,
    cli,
    client_fixture,
    small_client,
)
from starlette.testclient import TestClient

from kadermodel import bundled_kader, load_facts

BASE = f"/kaders/{KADER}"


def test_health_and_list(client: TestClient) -> None:
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert health.json()["kaders"] == [KADER]
    kaders = client.get("/kaders").json()["kaders"]
    assert [k["id"] for k in kaders] == [KADER]
    assert kaders[0]["publisher"] == "Vereniging van Nederlandse Gemeenten"
    readings = client.get("/kaders").json()["readings"]
    assert {r["id"] for r in readings} == {
        "lezing_beleidsplan_bij_beleid",
        "lezing_meerdere_keren_twee",
        "lezing_bijdrage_zorgcoordinatie",
        "lezing_beleidsplan_alle_themas",
    }
    assert all(r["base"] == KADER and r["title"] and r["description"] for r in readings)
    assert [r["weaker"] for r in readings] == [True, True, False, True]


def test_kader_detail_describes_every_part(client: TestClient) -> None:
    kader = bundled_kader()
    data = client.get(BASE).json()
    assert [t["id"] for t in data["themas"]] == list(kader.themas)
    assert [b["id"] for b in data["bouwstenen"]] == list(kader.bouwstenen)
    assert all(b["text"] and b["reference"] for b in data["bouwstenen"])
    facts = {f["name"]: f for f in data["facts"]}
    assert list(facts) == list(kader.feiten)
    training = facts["training_frequentie"]
    assert training["type"]["kind"] == "keuze"
    assert training["type"]["values"][0] == "nooit"
    assert training["question"].startswith("Hoe vaak")
    assert "signalering" in training["themas"]
    assert [p["name"] for p in data["parameters"]] == list(kader.parameters)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_facts_schema_accepts_the_examples(client: TestClient, path: Path) -> None:
    schema = client.get(f"{BASE}/facts-schema").json()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(as_json(path)), schema)


def test_facts_schema_rejects_what_the_reader_rejects(client: TestClient) -> None:
    schema = client.get(f"{BASE}/facts-schema").json()
    validator = jsonschema.Draft202012Validator(schema)
    for wrong in (
        {"feiten": {"training_frequentie": "vaak"}},
        {"feiten": {"gezagsdriehoek_besprekingen_per_jaar": -1}},
        {"feiten": {"bestaat_niet": True}},
        {"feiten": {}, "onbekende_sleutel": 1},
    ):
        assert not validator.is_valid(wrong), wrong
        response = client.post(f"{BASE}/assess", content=json.dumps(wrong))
        assert response.status_code == 422, wrong


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_assess_is_byte_identical_to_the_cli(client: TestClient, path: Path) -> None:
    code, expected, _ = cli("assess", str(path), "--format", "json")
    assert code == 0
    from_yaml = client.post(f"{BASE}/assess", content=path.read_bytes())
    from_json = client.post(
        f"{BASE}/assess", content=as_json(path), headers={"Content-Type": "application/json"}
    )
    for response in (from_yaml, from_json):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        assert response.content == expected.encode("utf-8")


@pytest.mark.parametrize("thema", [None, "signalering"])
def test_explain_is_the_cli_json(client: TestClient, thema: str | None) -> None:
    path = EXAMPLES[-1]
    extra = ["--thema", thema] if thema else []
    _, expected, _ = cli("explain", str(path), "--format", "json", *extra)
    query = f"?thema={thema}" if thema else ""
    response = client.post(f"{BASE}/explain{query}", content=path.read_bytes())
    assert response.status_code == 200
    assert response.content == expected.encode("utf-8")


def test_peildatum_in_the_query_is_the_cli_option(client: TestClient) -> None:
    path = EXAMPLES[0]
    _, expected, _ = cli("assess", str(path), "--format", "json", "--peildatum", "2030-01-31")
    response = client.post(f"{BASE}/assess?peildatum=2030-01-31", content=path.read_bytes())
    assert response.content == expected.encode("utf-8")
    bad = client.post(f"{BASE}/assess?peildatum=2030-02-30", content=path.read_bytes())
    assert bad.status_code == 422
    assert "geen bestaande datum" in bad.json()["error"]["message"]


def test_next_steps_per_thema(client: TestClient) -> None:
    path = next(p for p in EXAMPLES if p.stem == "voorbeeldstad")
    every = client.post(f"{BASE}/next-steps", content=path.read_bytes()).json()["next_steps"]
    assert [s["thema"] for s in every] == list(bundled_kader().themas)
    one = client.post(f"{BASE}/next-steps?thema=opvang", content=path.read_bytes()).json()
    assert one["next_steps"] == [s for s in every if s["thema"] == "opvang"]
    wrong = client.post(f"{BASE}/next-steps?thema=opvan", content=path.read_bytes())
    assert wrong.status_code == 422
    error = wrong.json()["error"]
    assert error["diagnostics"][0]["suggestion"] == "opvang"
    assert "onbekend thema 'opvan'" in error["message"]


def test_next_question_asks_and_never_repeats_weet_niet(client: TestClient) -> None:
    first = client.post(f"{BASE}/next-question", content=b'{"feiten": {}}').json()
    question = first["question"]
    assert question is not None and first["done"] is False
    assert question["question"].endswith("?")
    assert question["why"].startswith("Uw antwoord kan de stand nog veranderen bij")
    assert question["number"] == 1 and first["asked"] == 0
    assert {t["id"] for t in first["themas"]} == set(bundled_kader().themas)
    for thema in first["themas"]:  # nothing answered: every bouwsteen of every plateau unknown
        kader_thema = bundled_kader().themas[thema["id"]]
        assert [
            (p["plateau"], p["met"], p["not_met"], p["unknown"]) for p in thema["progress"]
        ] == [(p.number, 0, 0, len(p.bouwstenen)) for p in kader_thema.plateaus]
        assert thema["progress_text"].startswith("basisniveau: 0 van de ")
    body = json.dumps({"feiten": {question["fact"]: "weet niet"}})
    second = client.post(f"{BASE}/next-question", content=body).json()
    assert second["question"]["fact"] != question["fact"]
    assert second["question"]["number"] == 2
    not_asked = json.dumps({"feiten": {question["fact"]: "onbekend"}})
    again = client.post(f"{BASE}/next-question", content=not_asked).json()
    assert again["question"]["fact"] == question["fact"]
    yaml_body = f"feiten:\n  {question['fact']}: weet niet\n".encode()
    from_yaml = client.post(f"{BASE}/next-question", content=yaml_body).json()
    assert from_yaml == second


def test_next_question_is_done_when_everything_is_decided(client: TestClient) -> None:
    path = next(p for p in EXAMPLES if p.stem == "koploperstad")
    answer = client.post(f"{BASE}/next-question", content=path.read_bytes()).json()
    assert answer["question"] is None and answer["done"] is True and answer["decided"] is True
    assert answer["finished"] == "decided"


def test_next_question_is_done_when_only_weet_niet_is_left(client: TestClient) -> None:
    body: dict[str, dict[str, object]] = {"feiten": {}}
    for _ in range(100):
        answer = client.post(f"{BASE}/next-question", content=json.dumps(body)).json()
        if answer["done"]:
            break
        body["feiten"][answer["question"]["fact"]] = "weet niet"
    assert answer["done"] and answer["finished"] == "no_questions"
    assert not answer["decided"]
    assert answer["asked"] == len(body["feiten"])


def test_question_options_are_words(client: TestClient) -> None:
    from kadermodel.serve.questions import options, value_label

    kader = bundled_kader()
    assert value_label("periodiek_meerjarig") == "periodiek meerjarig"
    assert value_label("e_learning") == "e-learning"
    assert options(kader.feiten["aandachtsfunctionaris_aangesteld"].type) == [
        {"value": True, "label": "ja"},
        {"value": False, "label": "nee"},
    ]


def test_report_is_a_dutch_page(client: TestClient) -> None:
    path = next(p for p in EXAMPLES if p.stem == "voorbeeldstad")
    response = client.post(f"{BASE}/report", content=path.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text
    assert "Voorbeeldstad" in response.text
    assert "://" not in response.text.split("<body>")[0]  # nothing loaded from elsewhere


def test_facts_file_round_trip(client: TestClient, tmp_path: Path) -> None:
    document = {
        "gemeente": "Proefdorp",
        "peildatum": "2026-06-30",
        "feiten": {
            "aandachtsfunctionaris_aangesteld": True,
            "training_frequentie": "elk_jaar",
            "gezagsdriehoek_besprekingen_per_jaar": 2,
            "beleidsplan_datum": "2024-01-15",
            "bewustwording_vormen": ["webinar", "e_learning"],
            "risicogroepen_in_beeld": "weet niet",
            "lokaal_cijfermateriaal": "onbekend",
        },
    }
    response = client.post(f"{BASE}/facts-file", content=json.dumps(document))
    assert response.status_code == 200
    assert 'filename="proefdorp.yaml"' in response.headers["content-disposition"]
    text = response.text
    assert "  risicogroepen_in_beeld: weet niet" in text
    assert "  lokaal_cijfermateriaal: onbekend" in text
    file = tmp_path / "proefdorp.yaml"
    file.write_text(text, encoding="utf-8")
    facts = load_facts(file, bundled_kader())
    assert facts.gemeente == "Proefdorp"
    assert facts.values["bewustwording_vormen"] == frozenset({"webinar", "e_learning"})
    state = client.post(f"{BASE}/facts", content=text.encode()).json()
    unknown = ("onbekend", "weet niet")
    assert state["feiten"] == {k: v for k, v in document["feiten"].items() if v not in unknown} | {
        "bewustwording_vormen": ["e_learning", "webinar"]
    }
    assert state["dont_know"] == ["risicogroepen_in_beeld"]
    assert (state["gemeente"], state["peildatum"]) == ("Proefdorp", "2026-06-30")
    assert yaml.safe_load(text)["feiten"]["training_frequentie"] == "elk_jaar"


def test_bad_facts_get_the_cli_diagnostics(client: TestClient, tmp_path: Path) -> None:
    text = "gemeente: X\nfeiten:\n  training_frequentie: vaak\n  aandachtsfunctionaris: ja\n"
    file = tmp_path / "fout.yaml"
    file.write_text(text, encoding="utf-8")
    code, _, stderr = cli("assess", str(file))
    assert code == 2
    response = client.post(f"{BASE}/assess", content=text.encode())
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] + "\n" == stderr.replace(str(file), "<verzoek>")
    codes = [(d["code"], d["line"], d["column"]) for d in error["diagnostics"]]
    assert codes == [("F202", 3, 24), ("F201", 4, 3)]
    assert error["diagnostics"][1]["suggestion"] == "aandachtsfunctionaris_aangesteld"


def test_unknown_kader_path_and_method(client: TestClient) -> None:
    kader = client.post("/kaders/vng_mensenhandel/assess", content=b"feiten: {}")
    assert kader.status_code == 404
    assert "bedoelde je 'vng_mensenhandel_2021'" in kader.json()["error"]["message"]
    assert client.get("/bestaat-niet").json()["error"]["code"] == "S404"
    method = client.get(f"{BASE}/assess")
    assert method.status_code == 405
    assert method.json()["error"]["code"] == "S405"


def test_oversized_bodies_get_413() -> None:
    small = small_client(max_body_bytes=1000)
    big = b"feiten: {}\n" + b"#" * 2000
    declared = small.post(f"{BASE}/assess", content=big)
    assert declared.status_code == 413
    assert declared.json()["error"]["code"] == "S413"

    def chunks():  # type: ignore[no-untyped-def]
        yield b"feiten: {}\n"
        for _ in range(20):
            yield b"#" * 100

    streamed = small.post(f"{BASE}/assess", content=chunks())
    assert streamed.status_code == 413
    assert small.post(f"{BASE}/assess", content=b"feiten: {}\n").status_code == 200


def test_time_limit_gives_503() -> None:
    hurried = small_client(time_limit=1e-9)
    response = hurried.post(f"{BASE}/explain", content=EXAMPLES[0].read_bytes())
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "S503"
    assert "duurde te lang" in response.json()["error"]["message"]


MALFORMED = [
    b"",
    b"   ",
    b"[",
    b"{",
    b'{"feiten": ',
    b"null",
    b"42",
    b'"feiten"',
    b"[1, 2, 3]",
    b'{"feiten": [1, 2]}',
    b'{"feiten": {"training_frequentie": {"a": 1}}}',
    b'{"feiten": {"gezagsdriehoek_besprekingen_per_jaar": 1e999}}',
    b'{"feiten": {"beleidsplan_datum": "2026-13-45"}}',
    b'{"feiten": {"bewustwording_vormen": "webinar"}}',
    b'{"peildatum": 12, "feiten": {}}',
    b'{"gemeente": ["a"], "feiten": {}}',
    b"feiten:\n\t- tab\n",
    b"feiten: &a [*a]\n",
    b"a: &a [*a, *a, *a]\nfeiten: {}\n",
    b"!!python/object:os.system ['echo hoi']\n",
    b"feiten: !!python/name:os.system\n",
    b"\x00\x01\x02",
    b"\xff\xfe\xfd",
    b"[" * 5000 + b"]" * 5000,
    b"feiten:\n" + b"  x: " + b"9" * 5000 + b"\n",
    b'{"\\ud800"}',
]


@pytest.mark.parametrize("body", MALFORMED, ids=range(len(MALFORMED)))
@pytest.mark.parametrize(
    "route", ["assess", "explain", "next-question", "report", "facts-file", "facts"]
)
def test_malformed_bodies_never_give_500(client: TestClient, body: bytes, route: str) -> None:
    response = client.post(f"{BASE}/{route}", content=body)
    assert response.status_code in (413, 415, 422), response.text
    error = response.json()["error"]
    assert error["status"] == response.status_code
    assert error["message"] and "Traceback" not in error["message"]


def test_a_lone_surrogate_in_a_name_is_answered(client: TestClient) -> None:
    """Half a character in the gemeente is refused as in a facts file (F101, with position)."""
    body = b'{"gemeente": "\\udfff", "feiten": {}}'
    for route in ("assess", "report", "facts-file", "next-question"):
        response = client.post(f"{BASE}/{route}", content=body)
        assert response.status_code == 422, route
        response.content.decode("utf-8")
        assert "F101" in response.text and "half teken" in response.text, route


def test_openapi_describes_every_route(client: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    routes = {route.path for route in app.routes} - {
        "/",
        "/docs",
        "/static/{name}",
        "/openapi.json",
    }
    described = {path.replace("{kader_id}", "{kader_id}") for path in document["paths"]}
    assert routes == described
    for path, operations in document["paths"].items():
        route = next(r for r in app.routes if r.path == path)
        assert {m.lower() for m in route.methods} - {"head"} == set(operations), path
    docs = client.get("/docs").text
    for path in document["paths"]:
        assert path in docs


def test_questionnaire_is_served_without_external_resources(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="nl">' in page.text
    for name in ("app.js", "style.css"):
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200
        assert "://" not in asset.text, name
    assert "://" not in page.text
    assert client.get("/static/geheim.py").status_code == 404


SAME_EITHER_WAY = [
    {"feiten": {"gezagsdriehoek_besprekingen_per_jaar": 1.5}},
    {"feiten": {"gezagsdriehoek_besprekingen_per_jaar": True}},
    {"feiten": {"gezagsdriehoek_besprekingen_per_jaar": "3"}},
    {"feiten": {"gezagsdriehoek_besprekingen_per_jaar": -1}},
    {"feiten": {"aandachtsfunctionaris_aangesteld": 1}},
    {"feiten": {"aandachtsfunctionaris_aangesteld": "Ja"}},
    {"feiten": {"aandachtsfunctionaris_aangesteld": None}},
    {"feiten": {"aandachtsfunctionaris_aangesteld": "weet niet"}},
    {"feiten": {"aandachtsfunctionaris_aangesteld": "Weet  Niet"}},
    {"feiten": {"training_frequentie": "onbekend"}},
    {"feiten": {"beleidsplan_datum": "2024-1-5"}},
    {"feiten": {"beleidsplan_datum": "2024-02-30"}},
    {"feiten": {"bewustwording_vormen": "webinar"}},
    {"feiten": {"bewustwording_vormen": ["webinar", "webinar"]}},
    {"feiten": {"bewustwording_vormen": [1]}},
    {"feiten": {"training_frequentie": "Elk_jaar"}},
    {"feiten": {"training_frequentie": ["elk_jaar"]}},
    {"peildatum": 20260630, "feiten": {}},
    {"gemeente": 5, "feiten": {}},
    {"gemeente": ["a"], "feiten": {}},
    {"gemeente": "A", "toelichting": {"b": 1}, "feiten": {}},
    {"bronnen": {"x": "y"}, "feiten": {}},
    {"bronnen": {"training_frequentie": 3}, "feiten": {}},
    {"bronnen": ["training_frequentie"], "feiten": {}},
    {"feiten": None},
    {"a": 1},
]


@pytest.mark.parametrize("document", SAME_EITHER_WAY, ids=range(len(SAME_EITHER_WAY)))
def test_json_fast_path_agrees_with_the_yaml_reader(document: dict[str, object]) -> None:
    """JSON bodies are read as a mapping first; the YAML reader is the reference."""
    import kadermodel as km
    from kadermodel.serve.app import read_facts

    kader = bundled_kader()
    text = json.dumps(document)

    def outcome(read):  # type: ignore[no-untyped-def]
        try:
            facts = read()
        except km.KaderError as error:
            return [(d.code, d.span.line if d.span else None) for d in error.diagnostics]
        return facts.values, facts.dont_know, facts.gemeente, facts.peildatum

    assert outcome(lambda: read_facts(kader, text)) == outcome(
        lambda: km.parse_facts(text, kader, name="<verzoek>")
    )


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
_FACT_NAMES = st.sampled_from(sorted(bundled_kader().feiten))


@settings(max_examples=60)
@given(
    body=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(str.encode),
        _JSONISH.map(lambda v: json.dumps(v).encode()),
        st.dictionaries(_FACT_NAMES, _JSONISH, max_size=5).map(
            lambda feiten: json.dumps({"feiten": feiten}).encode()
        ),
    ),
    route=st.sampled_from(["assess", "explain", "next-question", "facts-file", "facts"]),
)
def test_any_body_gets_an_answer_never_a_500(client: TestClient, body: bytes, route: str) -> None:
    response = client.post(f"{BASE}/{route}", content=body)
    assert response.status_code in (200, 413, 415, 422), response.text
    if response.status_code != 200:
        assert response.json()["error"]["status"] == response.status_code
