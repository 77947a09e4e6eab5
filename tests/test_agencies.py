"""Agencies: every way a text names a body gives one node; issuers read from symbols.

The seed table lists, for each body the five seed texts name in their tasks, the spellings the
seeds actually use; each must be in a seed and all must give that body's one node.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.identity import fold_name
from graph.model import TaskEdgeType
from loader.agencies import agency_id, agency_node, canonical_agency, issuer_from_number
from loader.pipeline import extract
from loader.read import read_path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
        ("Bộ TTTT", "Bộ Thông tin và Truyền thông"),
        ("BTTTT", "Bộ Thông tin và Truyền thông"),
        ("Bộ Thông tin & Truyền thông", "Bộ Thông tin và Truyền thông"),
        ("bộ Thông tin và truyền thông", "Bộ Thông tin và Truyền thông"),
        ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Bộ Thông tin và Truyền thông"),
        ("Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
        ("bộ Lao động gạch ngang thương binh và xã hội", "Bộ Lao động - Thương binh và Xã hội"),
        ("Bộ LĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
        ("bộ kế hoạch gạch ngang đầu tư", "Bộ Kế hoạch và Đầu tư"),
        ("Cục chuyển đối số quốc giá", "Cục Chuyển đổi số quốc gia"),  # dictated, seed 004
        ("Cục Tần số vô truyến điện", "Cục Tần số Vô tuyến điện"),  # one letter off
        ("Cục PTTH&TTĐT", "Cục Phát thanh, truyền hình và thông tin điện tử"),
        ("vụ kế hoạch gạch ngang tài chính", "Vụ Kế hoạch - Tài chính"),
        ("Vụ kế hoạch tài chính", "Vụ Kế hoạch - Tài chính"),
        ("Văn Phòng bố", "Văn phòng Bộ"),  # "bố" for "Bộ", dictated
        ("Cục báo chí", "Cục Báo chí"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("UBND cấp xã", "Ủy ban nhân dân cấp xã"),
        ("Ủy ban nhân dân xã, phường, thị trấn", "Ủy ban nhân dân xã, phường, thị trấn"),
        ("Các Bộ, ngành liên quan", "các Bộ, ngành liên quan"),
    ],
)
def test_canonical_name(written: str, canonical: str) -> None:
    assert canonical_agency(written) == canonical
    node = agency_node(written)
    assert node is not None and node.id == agency_id(canonical) == f"agency:{fold_name(canonical)}"


@pytest.mark.parametrize("written", ["Bộ trưởng", "Bộ Trường", "  "])
def test_a_bare_title_is_no_agency(written: str) -> None:
    assert agency_node(written) is None


@pytest.mark.parametrize(
    ("number", "issuer"),
    [
        ("749/QĐ-TTg", "Thủ tướng Chính phủ"),
        ("147/2024/NĐ-CP", "Chính phủ"),
        ("61/CP", "Chính phủ"),
        ("18-NQ/TW", "Ban Chấp hành Trung ương"),
        ("24/2023/QH15", "Quốc hội"),
        ("26/2005/PL-UBTVQH11", "Ủy ban Thường vụ Quốc hội"),
        ("01/CT-BTTTT", "Bộ Thông tin và Truyền thông"),
        ("2428/BXD-QLN", "Bộ Xây dựng"),  # a letter: the issuer comes first
        ("4773/TC-CSTC", "Bộ Tài chính"),  # the Ministry's symbol before 2003
        ("836/VBHN-BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
        ("349/TB-VPCP", "Văn phòng Chính phủ"),
        ("3210/QĐ-UBND", None),  # which province's committee?
        ("16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC", None),  # a joint circular has several issuers
        ("252/KH-BCĐQG1237", None),
    ],
)
def test_issuer_from_number(number: str, issuer: str | None) -> None:
    assert issuer_from_number(number) == issuer


# (canonical name, the spellings seeds 000-004 use for it)
SEED_AGENCIES: list[tuple[str, tuple[str, ...]]] = [
    (
        "Bộ Thông tin và Truyền thông",
        ("Bộ Thông tin và Truyền thông", "Bộ TTTT", "Bộ TT&TT", "Bộ Thông tin & Truyền thông"),
    ),
    ("Cục Chuyển đổi số quốc gia", ("Cục chuyển đối số quốc giá", "Cục chuyển đổi số quốc gia")),
    ("Cục Tần số Vô tuyến điện", ("Cục Tần số vô truyến điện",)),
    ("Vụ Kế hoạch - Tài chính", ("vụ kế hoạch gạch ngang tài chính", "Vụ kế hoạch tài chính")),
    ("Cục Báo chí", ("Cục báo chí", "Cục Báo chí")),
    ("Cục Viễn thông", ("Cục Viễn thông",)),
    ("Cục An toàn thông tin", ("Cục an toàn thông tin",)),
    ("Văn phòng Bộ", ("Văn Phòng bố", "Văn phòng Bộ")),
    ("Bộ Kế hoạch và Đầu tư", ("bộ kế hoạch gạch ngang đầu tư", "Bộ Kế hoạch và Đầu tư")),
    ("Viện Chiến lược Thông tin và Truyền thông", ("Viện Chiến lược TTTT",)),
]


@pytest.fixture(scope="module")
def seed_agencies() -> dict[str, str]:
    """Agency id → name of every agency node the seeds' tasks and issuers give."""
    nodes: dict[str, str] = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        graph = extract(read_path(path))
        for agency in graph.agencies:
            assert nodes.setdefault(agency.id, agency.name) == agency.name
    return nodes


@pytest.mark.parametrize(("canonical", "spellings"), SEED_AGENCIES)
def test_seed_agencies_collapse_to_one_node(
    seed_agencies: dict[str, str], canonical: str, spellings: tuple[str, ...]
) -> None:
    texts = " ".join(p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt"))
    for spelling in spellings:
        assert spelling in texts, f"{spelling!r} is not how a seed writes it"
        assert agency_id(canonical_agency(spelling) or "") == agency_id(canonical)
    assert seed_agencies.get(agency_id(canonical)) == canonical


def test_seed_agency_nodes_are_distinct_bodies(seed_agencies: dict[str, str]) -> None:
    # no two nodes for one body: each node's name is its own canonical form
    for name in seed_agencies.values():
        assert canonical_agency(name) == name


def test_seed_004_tasks_are_led_by_normalised_agencies() -> None:
    graph = extract(read_path(SAMPLES / "004_3510211049161906.txt"))
    leads = {e.target for e in graph.edges if e.type == TaskEdgeType.LED_BY}
    assert {
        agency_id("Cục Chuyển đổi số quốc gia"),
        agency_id("Cục Tần số Vô tuyến điện"),
        agency_id("Vụ Kế hoạch - Tài chính"),
        agency_id("Văn phòng Bộ"),
        agency_id("Cục Báo chí"),
    } <= leads
