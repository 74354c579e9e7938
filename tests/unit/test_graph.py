"""The dependency graph (kadermodel.engine.graph): nodes, edges, impact, dependencies, order."""

from __future__ import annotations

import networkx as nx
import pytest

import kadermodel
from kadermodel.engine.graph import dependencies, graph_of, impact
from kadermodel.engine.order import evaluation_order
from kadermodel.errors import KaderError

KADER = kadermodel.parse_kader(
    """
kader proef { titel "Proef" }
feit a: ja_nee
feit b: ja_nee
feit n: aantal
feit los: ja_nee
parameter drempel: aantal = 2
thema t "T" {
    plateau 1 {
        bouwsteen later "." vereist eerst als b
        bouwsteen eerst "." als a
    }
    plateau 2 { bouwsteen genoeg "." als n >= drempel }
    plateau 3 { bouwsteen leent "." als u.elders }
}
thema u "U" {
    plateau 1 { bouwsteen elders "." als t.eerst en b }
}
"""
)


def test_nodes_have_a_kind_and_a_name() -> None:
    graph = graph_of(KADER)
    assert isinstance(graph, nx.DiGraph)
    kinds: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        assert node == f"{data['kind']}:{data['name']}"
        kinds.setdefault(data["kind"], set()).add(data["name"])
    assert kinds == {
        "feit": {"a", "b", "n", "los"},
        "parameter": {"drempel"},
        "bouwsteen": {"t.later", "t.eerst", "t.genoeg", "t.leent", "u.elders"},
        "plateau": {"t.1", "t.2", "t.3", "u.1"},
        "thema": {"t", "u"},
    }


def test_edges_point_from_what_is_needed_to_what_needs_it() -> None:
    graph = graph_of(KADER)
    expected = {
        ("feit:a", "bouwsteen:t.eerst"),
        ("feit:b", "bouwsteen:t.later"),
        ("feit:b", "bouwsteen:u.elders"),
        ("feit:n", "bouwsteen:t.genoeg"),
        ("parameter:drempel", "bouwsteen:t.genoeg"),
        ("bouwsteen:t.eerst", "bouwsteen:t.later"),  # vereist
        ("bouwsteen:t.eerst", "bouwsteen:u.elders"),  # named in a condition, across thema's
        ("bouwsteen:u.elders", "bouwsteen:t.leent"),
        ("bouwsteen:t.later", "plateau:t.1"),
        ("bouwsteen:t.eerst", "plateau:t.1"),
        ("bouwsteen:t.genoeg", "plateau:t.2"),
        ("bouwsteen:t.leent", "plateau:t.3"),
        ("bouwsteen:u.elders", "plateau:u.1"),
        ("plateau:t.1", "plateau:t.2"),  # plateau p+1 builds on plateau p
        ("plateau:t.2", "plateau:t.3"),
        ("plateau:t.3", "thema:t"),  # the top plateau leads to its thema
        ("plateau:u.1", "thema:u"),
    }
    assert set(graph.edges) == expected
    assert nx.is_directed_acyclic_graph(graph)
    assert graph.in_degree("feit:los") == graph.out_degree("feit:los") == 0


def test_the_graph_is_built_once() -> None:
    assert graph_of(KADER) is graph_of(KADER)


def test_impact_lists_bouwstenen_then_thema_s() -> None:
    # a -> t.eerst -> (t.later, u.elders -> t.leent); every thema is reached through plateaus
    assert impact(KADER, "a") == ("t.eerst", "t.later", "t.leent", "u.elders", "t", "u")
    assert impact(KADER, "n") == ("t.genoeg", "t")
    assert impact(KADER, "los") == ()


def test_impact_of_an_unknown_fact_is_a_kader_error_with_suggestion() -> None:
    with pytest.raises(KaderError) as caught:
        impact(KADER, "lost")
    assert caught.value.first.suggestion == "los"
    assert caught.value.__cause__ is None


def test_dependencies_are_transitive_and_typed() -> None:
    assert dependencies(KADER, "t.later") == ("bouwsteen:t.eerst", "feit:a", "feit:b")
    assert dependencies(KADER, "t.leent") == (
        "bouwsteen:t.eerst",
        "bouwsteen:u.elders",
        "feit:a",
        "feit:b",
    )
    assert dependencies(KADER, "t.genoeg") == ("feit:n", "parameter:drempel")
    assert dependencies(KADER, "t.eerst") == ("feit:a",)


def test_dependencies_of_an_unknown_bouwsteen_is_a_kader_error() -> None:
    with pytest.raises(KaderError) as caught:
        dependencies(KADER, "t.eerste")
    assert caught.value.first.suggestion == "t.eerst"


def test_evaluation_order_puts_dependencies_first_then_declaration_order() -> None:
    order = evaluation_order(KADER)
    assert sorted(order) == sorted(KADER.bouwstenen)
    position = {qid: i for i, qid in enumerate(order)}
    for qid, bouwsteen in KADER.bouwstenen.items():
        for dependency in bouwsteen.depends_on:
            assert position[dependency] < position[qid], (dependency, qid)
    assert order == ("t.eerst", "t.later", "t.genoeg", "u.elders", "t.leent")


def test_bundled_kader_graph(bundled: kadermodel.Kader) -> None:
    graph = graph_of(bundled)
    assert nx.is_directed_acyclic_graph(graph)
    bouwstenen = [n for n, kind in graph.nodes(data="kind") if kind == "bouwsteen"]
    assert len(bouwstenen) == len(bundled.bouwstenen)
    for thema in bundled.themas.values():
        for number in range(1, thema.top):
            assert graph.has_edge(
                f"plateau:{thema.id}.{number}", f"plateau:{thema.id}.{number + 1}"
            )
        assert graph.has_edge(f"plateau:{thema.id}.{thema.top}", f"thema:{thema.id}")
    for feit in bundled.feiten:
        for item in impact(bundled, feit):
            assert item in bundled.bouwstenen or item in bundled.themas
