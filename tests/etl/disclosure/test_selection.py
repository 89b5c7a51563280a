"""Selection on hand-made miniatures and random hierarchies, checked by the test's own attacker."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.disclosure.selection import select
from etl.disclosure.system import build_system, identities_holding
from tests.etl.disclosure.attacker import attack, too_narrow

YEAR = "2020-2021"


def _cells(
    gemeenten: dict[str, tuple[str, str]], counts: dict[str, dict[str, int]]
) -> pd.DataFrame:
    """Gemeente rows plus their rmc, provincie and nederland sums, for each indicator."""
    rows = []
    for key, by_gemeente in counts.items():
        for code, (rmc, prov) in gemeenten.items():
            rows.append(("gemeente", code, rmc, prov, key, by_gemeente[code]))
        for level, position in (("rmc", 0), ("provincie", 1)):
            for parent in sorted({g[position] for g in gemeenten.values()}):
                total = sum(by_gemeente[c] for c, g in gemeenten.items() if g[position] == parent)
                rows.append((level, parent, None, None, key, total))
        rows.append(("nederland", "NL01", None, None, key, sum(by_gemeente.values())))
    frame = pd.DataFrame(
        rows,
        columns=[
            "region_level",
            "region_code",
            "rmc_code",
            "provincie_code",
            "indicator_key",
            "numerator",
        ],
    )
    return frame.assign(school_year=YEAR, denominator=1000)


def _publish(cells: pd.DataFrame, threshold: int, sums: dict[str, list[str]]) -> pd.DataFrame:
    holding = identities_holding(cells, sums)
    system = build_system(cells, sums, holding)
    flags, _ = select(system, threshold)
    published = system.cells.assign(flag=flags)
    published["numerator"] = published["numerator"].astype(float).where(flags == "", np.nan)
    return published


def _protected(cells: pd.DataFrame, threshold: int, sums: dict[str, list[str]]) -> pd.DataFrame:
    published = _publish(cells, threshold, sums)
    holding = identities_holding(cells, sums)
    ranges = attack(published, threshold, sums, holding)
    forced = attack(published, threshold, sums, holding, everything_hidden=True)
    return too_narrow(ranges, forced)


# Eemnes-like: gemeente E lies in RMC R1 (with A, B of provincie P1) but in provincie P2.
GEMEENTEN = {
    "A": ("R1", "P1"),
    "B": ("R1", "P1"),
    "E": ("R1", "P2"),
    "C": ("R2", "P2"),
    "D": ("R2", "P2"),
}


def test_cross_border_rmc_cannot_pin_a_small_count() -> None:
    counts = {"abs": {"A": 40, "B": 55, "E": 2, "C": 30, "D": 70}}
    published = _publish(_cells(GEMEENTEN, counts), 5, {})
    e = published[published["region_code"] == "E"]
    assert list(e["flag"]) == ["primary"]
    # R1 - A - B and P2 - C - D would both give E away: both need another hidden cell
    assert (published["flag"] != "").sum() >= 3
    assert too_narrow(attack(published, 5, {})).empty


def test_identity_thuiszitters_minus_absoluut_is_langdurig_is_blocked() -> None:
    abs_ = {"A": 40, "B": 55, "E": 12, "C": 30, "D": 70}
    lang = {"A": 20, "B": 3, "E": 25, "C": 44, "D": 16}
    thuis = {g: abs_[g] + lang[g] for g in abs_}
    cells = _cells(GEMEENTEN, {"abs": abs_, "lang": lang, "thuis": thuis})
    sums = {"thuis": ["abs", "lang"]}
    published = _publish(cells, 5, sums)
    b = published[(published["region_code"] == "B")].set_index("indicator_key")["flag"]
    assert b["lang"] == "primary"
    # with lang B hidden, thuis B and abs B cannot both be shown (thuis - abs = lang)
    assert b["thuis"] != "" or b["abs"] != ""
    assert _protected(cells, 5, sums).empty


def test_stricter_threshold_nederland_minus_other_rmcs_cannot_give_an_rmc() -> None:
    # threshold 20: RMC R2 (total 12) is itself primary; NL - R1 would give it away
    counts = {"abs": {"A": 40, "B": 55, "E": 30, "C": 4, "D": 8}}
    cells = _cells(GEMEENTEN, counts)
    published = _publish(cells, 20, {})
    flags = published.set_index("region_code")["flag"]
    assert flags["R2"] == "primary"
    assert flags["R1"] != "" or flags["NL01"] != ""
    assert _protected(cells, 20, {}).empty


@settings(max_examples=25, deadline=None)
@given(
    data=st.data(),
    size=st.integers(min_value=3, max_value=9),
    threshold=st.integers(min_value=2, max_value=10),
)
def test_every_primary_keeps_its_whole_label_range(
    data: st.DataObject, size: int, threshold: int
) -> None:
    rmcs = data.draw(st.lists(st.sampled_from(["R1", "R2", "R3"]), min_size=size, max_size=size))
    provs = data.draw(st.lists(st.sampled_from(["P1", "P2"]), min_size=size, max_size=size))
    values = data.draw(st.lists(st.integers(0, 60), min_size=size, max_size=size))
    gemeenten = {f"G{i}": (rmcs[i], provs[i]) for i in range(size)}
    cells = _cells(gemeenten, {"abs": {f"G{i}": values[i] for i in range(size)}})
    # the property asked of selection: every primary keeps its label range (a secondary can
    # still be pinned in degenerate hierarchies, e.g. one RMC-regio equal to Nederland)
    failing = _protected(cells, threshold, {})
    assert failing[failing["flag"] == "primary"].empty


def test_a_ceiling_the_labels_alone_imply_is_no_leak() -> None:
    # found by the property above: threshold 4, G0 = 0 and G2 = 3 in R1, G0 and G1 = 1 in P1,
    # Nederland 4. Every region but Nederland is `<4`; with Nederland `x` (>= 4) the labels
    # alone give G0 = NL - G1 - G2 with G2 <= 3 - G0 and G1 <= 3 - G0, so G0 <= 2 whatever is
    # hidden: the attacker's 0..2 is what the labels already tell, not a leak.
    gemeenten = {"G0": ("R1", "P1"), "G1": ("R2", "P1"), "G2": ("R1", "P2")}
    cells = _cells(gemeenten, {"abs": {"G0": 0, "G1": 1, "G2": 3}})
    published = _publish(cells, 4, {})
    ranges = attack(published, 4, {})
    g0 = ranges[ranges["region_code"] == "G0"].iloc[0]
    assert (g0["lo"], g0["hi"], g0["label_hi"]) == (0, 2, 3)
    assert _protected(cells, 4, {}).empty
    # without the everything-hidden attack the same range counts as narrowed
    assert "G0" in set(too_narrow(ranges)["region_code"])
