"""A cited-only stub is a pure function of the texts that cite it (issue 13, item 4).

Each citing text claims what it says of the document ("Quyết định số 749/QĐ-TTg ngày 03/6/2020");
the stub's fields are the values the most citing texts give, ties to the smallest (the earliest
date), and they follow the texts when one is edited or removed. The same tests run against every
store.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from graph.model import Document, TextGraph
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from tests.factories import doc, text_graph

DECISION = doc("749/QĐ-TTg", year=2020)
CITERS = [doc(f"{n}/CT-UBND", year=2021, source_path=f"ct{n}.txt") for n in (1, 2, 3)]


def citing(path: str, own: Document, **said: Any) -> TextGraph:
    """A text whose own document is based on Quyết định 749 and says ``said`` of it."""
    text = text_graph(path, own, [("BASED_ON", replace(DECISION, **said))])
    return replace(text, sha256=json.dumps([path, said], sort_keys=True))


def stub(store: GraphStore) -> Document:
    found = store.document(DECISION.id)
    assert found is not None
    return found


def texts(*dates: str | None) -> list[TextGraph]:
    return [
        citing(own.source_path or "", own, **({"issued_date": day} if day else {}))
        for own, day in zip(CITERS, dates, strict=False)
    ]


def export_text(store: GraphStore) -> str:
    data = store.export()
    for node in data["nodes"]:
        node.pop("status_on", None)  # the day the export was made
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def test_the_date_most_citing_texts_give_whatever_the_order(store: GraphStore) -> None:
    loads = texts("2020-06-03", "2020-06-30", "2020-06-30")
    exports = set()
    for order in itertools.permutations(loads):
        for text in order:
            store.write_text(text)
        assert stub(store).issued_date == "2020-06-30"
        exports.add(export_text(store))
        for text in order:
            store.remove_text(text.source_path)
        assert store.stats().documents == 0  # nothing outlives the texts
    assert len(exports) == 1


def test_a_tie_goes_to_the_earliest_date(store: GraphStore) -> None:
    for order in (texts("2020-06-30", "2020-06-03"), texts("2020-06-03", "2020-06-30")[::-1]):
        for text in order:
            store.write_text(text)
        assert stub(store).issued_date == "2020-06-03"
        for text in order:
            store.remove_text(text.source_path)


def test_a_stub_follows_an_edited_and_a_removed_citing_text(store: GraphStore) -> None:
    first, second = texts("2020-06-03", None)
    store.write_text(first)
    store.write_text(second)
    assert stub(store).issued_date == "2020-06-03"
    edited = citing(first.source_path, CITERS[0], issued_date="2020-07-01")
    store.write_text(edited)
    assert stub(store).issued_date == "2020-07-01"  # not the date the old text gave
    store.remove_text(first.source_path)
    assert stub(store).issued_date is None  # the text that gave a date is gone
    assert stub(store).number == "749/QĐ-TTg"


def test_a_removed_document_is_what_its_citers_say(store: GraphStore) -> None:
    # Loaded, the decision has its own title; once its text goes, it is a stub again and keeps
    # nothing the removed text said, only what the texts still citing it say.
    title = "Phê duyệt Chương trình Chuyển đổi số quốc gia"
    own = replace(DECISION, name=title, source_path="q.txt")
    store.write_text(text_graph("q.txt", own))
    store.write_text(citing("ct1.txt", CITERS[0], name="Chương trình chuyển đổi số"))
    assert stub(store).name == own.name and not stub(store).is_stub
    store.remove_text("q.txt")
    after = stub(store)
    assert after.is_stub and after.name == "Chương trình chuyển đổi số"


def test_a_loaded_document_takes_only_empty_fields_from_its_citers(store: GraphStore) -> None:
    own = replace(DECISION, name="Phê duyệt Chương trình", source_path="q.txt")
    store.write_text(citing("ct1.txt", CITERS[0], name="Khác", issued_date="2020-06-03"))
    store.write_text(text_graph("q.txt", own))
    loaded = stub(store)
    assert (loaded.name, loaded.issued_date) == ("Phê duyệt Chương trình", "2020-06-03")
    store.write_text(citing("ct1.txt", CITERS[0], issued_date="2020-06-04"))
    assert stub(store).issued_date == "2020-06-04"


def _load(args: tuple[str, list[TextGraph]]) -> None:
    path, loads = args
    with EmbeddedStore(Path(path)) as store:
        for text in loads:
            store.write_text(text)


def test_concurrent_loaders_give_the_export_of_one(tmp_path: Path) -> None:
    loads = texts("2020-06-03", "2020-06-30", "2020-06-30")
    with EmbeddedStore(tmp_path / "one") as alone:
        for text in loads:
            alone.write_text(text)
        expected = export_text(alone)
    for run in range(4):
        where = tmp_path / f"run{run}"
        EmbeddedStore(where).close()
        halves = [loads[run % 3 :] + loads[: run % 3], loads[::-1]]
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            pool.map(_load, [(str(where), half) for half in halves])
        with EmbeddedStore(where) as store:
            assert export_text(store) == expected


@pytest.mark.neo4j
def test_concurrent_neo4j_writers_lose_no_claim(neo4j_store: Neo4jStore) -> None:
    # Two loaders citing one new stub at once: one creates it, the other's CREATE fails on the
    # uniqueness constraint and plans again; both then count on the locked node.
    owners = [doc(f"{n}/CT-UBND", year=2022, source_path=f"w{n}.txt") for n in range(8)]
    days = ["2020-06-03", "2020-06-30"]
    loads = [
        citing(own.source_path or "", own, issued_date=days[i % 2]) for i, own in enumerate(owners)
    ]
    for run in range(3):
        barrier = threading.Barrier(2)

        def load(part: list[TextGraph], barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            for text in part:
                neo4j_store.write_text(text)

        with ThreadPoolExecutor(2) as pool:
            list(pool.map(load, [loads[0::2], loads[1::2]]))
        (row,) = neo4j_store.driver.execute_query(
            "MATCH (n:Node {id: $id}) RETURN n.claims AS claims", id=DECISION.id
        ).records
        tally = json.loads(row["claims"])
        assert tally["issued_date"] == {json.dumps(day): 4 for day in days}, run
        for text in loads:
            neo4j_store.remove_text(text.source_path)
        assert neo4j_store.stats().documents == 0
