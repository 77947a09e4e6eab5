"""The decisions both stores take from graph.plan, and the shortcuts the write path takes
(graph.claims keys, graph.quotes spans found again) giving what the long way gives."""

from __future__ import annotations

import json

import pytest

from graph import claims
from graph.model import Agency, Document, Edge, Task, TextGraph
from graph.plan import (
    check_ends,
    local_ids,
    plan_text,
    record_lists,
    result_of_record,
    result_of_source,
    unique_edges,
)
from graph.quotes import Quotes

OWN = Document("vn:10/2024/ND-CP@2024", "decree", "10/2024/NĐ-CP", 2024)
CITED = Document("vn:43/2011/ND-CP@2011", "decree", "43/2011/NĐ-CP", 2011, name="Nghị định")


def _edge(target: str, evidence: str, start: int = 0, type_: str = "BASED_ON") -> Edge:
    return Edge(OWN.id, target, type_, evidence, start, start + 5, 0.9, "nd.txt")


def _text(**fields: object) -> TextGraph:
    return TextGraph("nd.txt", "0" * 64, OWN, **fields)  # type: ignore[arg-type]


def test_plan_text_gives_the_own_document_its_path_and_keeps_the_first_edge_of_a_key() -> None:
    first = _edge(CITED.id, "Căn cứ Nghị định 43/2011/NĐ-CP;", 10)
    again = _edge(CITED.id, "Theo Nghị định 43/2011/NĐ-CP.", 900)
    other = _edge(CITED.id, "sửa đổi Nghị định 43/2011/NĐ-CP", 950, "AMENDS")
    plan = plan_text(_text(cited=[CITED], edges=[first, again, other]))
    assert plan.own.source_path == "nd.txt"
    assert plan.said == {CITED.id: claims.claim_of(CITED)}
    assert list(plan.edges.values()) == [first, other]
    assert unique_edges([again, first]) == {(OWN.id, CITED.id, "BASED_ON"): again}


def test_check_ends_names_the_first_edge_whose_end_is_nowhere() -> None:
    text = _text(edges=[_edge(CITED.id, "a"), _edge("vn:missing", "b")])
    check_ends(text, local_ids(text), lambda ends: ends & {CITED.id, "vn:missing"})
    with pytest.raises(ValueError, match="names vn:missing, which is neither"):
        check_ends(text, local_ids(text), lambda ends: ends & {CITED.id})
    with pytest.raises(ValueError, match=f"-BASED_ON-> {CITED.id} names {CITED.id}"):
        check_ends(text, local_ids(text), lambda ends: set())


def test_local_ids_are_the_nodes_a_text_brings() -> None:
    task = Task("task:1", "Bộ Tài chính chủ trì")
    agency = Agency("agency:bo tai chinh", "Bộ Tài chính")
    text = _text(cited=[CITED], tasks=[task], agencies=[agency])
    assert local_ids(text) == {OWN.id, CITED.id, "task:1", "agency:bo tai chinh"}


@pytest.mark.parametrize(
    ("same_as", "expected"),
    [(None, (["a", "b"], ["a=vn:x"])), ("other.txt", ([], []))],
)
def test_record_lists(same_as: str | None, expected: tuple[list[str], list[str]]) -> None:
    text = _text(asked=["b", "a", "b"], answered=["a=vn:x"], same_as=same_as)
    assert record_lists(text) == expected


def test_results_count_edges_by_key() -> None:
    plan = plan_text(_text(edges=[_edge(CITED.id, "a"), _edge("vn:b", "b")]))
    old = {(OWN.id, CITED.id, "BASED_ON"), (OWN.id, "vn:c", "CITES")}
    result = result_of_record(plan, old, stub_upgraded=True, demoted=None)
    assert (result.edges_added, result.edges_removed, result.stub_upgraded) == (1, 1, True)
    source = result_of_source(_text(same_as="a.docx"), old)
    assert (source.edges_removed, source.same_as, source.doc_id) == (2, "a.docx", OWN.id)


@pytest.mark.parametrize(
    "value", ["Nghị định 43/2011/NĐ-CP", 'a "quoted"\\ name\n', "\ud800", 2011, -1, None, True, 1.5]
)
def test_tally_keys_are_the_json_of_the_value(value: object) -> None:
    assert claims._key(value) == json.dumps(value, ensure_ascii=False)


CONTENT = (
    "Căn cứ Luật Tổ chức Chính phủ; Nghị định 43/2011/NĐ-CP;\n"
    "Căn cứ Luật Tổ chức Chính phủ; Nghị định 43/2011/NĐ-CP;\n"
    "Thực hiện  Kế hoạch số 10/KH-UBND\nngày 5/01/2024"
)
SAID = "Căn cứ Luật Tổ chức Chính phủ; Nghị định 43/2011/NĐ-CP;"


@pytest.mark.parametrize(
    "asks",
    [
        [(SAID, 7), (SAID, 31), (SAID, 70), (SAID, 90), (SAID, 7)],
        [(SAID, 90), (SAID, 7), (SAID, 200)],
        [("…Luật Tổ chức Chính phủ…", 60), ("…Luật Tổ chức Chính phủ…", 0)],
        [("Kế hoạch số 10/KH-UBND ngày…", 120), ("Kế hoạch số 10/KH-UBND ngày…", 0)],
        [("…", 5), ("", 3), ("không có", 0), ("không có", 40)],
    ],
)
def test_spans_found_again_are_those_found_anew(asks: list[tuple[str, int]]) -> None:
    quotes = Quotes(CONTENT)
    for said, near in asks:
        assert quotes.span(said, near) == Quotes(CONTENT).span(said, near), (said, near)
