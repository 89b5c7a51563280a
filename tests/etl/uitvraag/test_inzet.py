"""etl.uitvraag.inzet: the stored submissions in force of a round -> per organisation the inzet
figures and ratios, computed here by hand from the values `inzet_round` submits."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl.uitvraag import inzet
from etl.uitvraag.store import connect
from tests.etl.uitvraag.inzet_round import InzetRound


@pytest.fixture(scope="module")
def figures(inzet_round: InzetRound) -> pd.DataFrame:
    with connect(inzet_round.store) as con:
        return inzet.round_figures(con, inzet_round.round_id).set_index("organisation_id")


def _plain(record: pd.Series, columns: list[str]) -> dict[str, object]:
    return {c: None if pd.isna(record[c]) else record[c] for c in columns}


def test_organisations_with_a_submission_in_force_by_name(figures: pd.DataFrame) -> None:
    # oost submitted nothing; zuid's first submission is superseded by its second
    assert figures.index.tolist() == ["west", "zuid", "noord"]  # '=West' < 'Leerplicht' < 'RMC'
    assert figures["has_inzet"].to_dict() == {"west": False, "zuid": True, "noord": True}
    assert figures["gemeenten"].to_dict() == {"west": 1, "zuid": 1, "noord": 2}


def test_two_gemeenten_are_summed_and_the_doorlooptijd_weighted_by_meldingen(
    figures: pd.DataFrame,
) -> None:
    # GM0101: 3000 leerplichtigen, 2,5 + 1,25 fte, 120 meldingen, 10 dagen, 60 geoorloofd;
    # GM0102: 1000 leerplichtigen, 0,5 fte leerplicht, 40 meldingen, 6 dagen
    assert _plain(figures.loc["noord"], inzet.FIGURES) == {
        "leerplichtigen": 4000.0,
        "fte_leerplicht": 3.0,
        "fte_rmc": 1.25,
        "verzuimmeldingen": 160.0,
        "doorlooptijd_dagen": 9.0,  # (10 x 120 + 6 x 40) / 160 = 1440 / 160
        "geoorloofd_verzuim": 60.0,
    }
    ratios = _plain(figures.loc["noord"], inzet.RATIOS)
    assert ratios["leerplichtigen_per_fte"] == pytest.approx(4000 / 3)
    assert ratios["meldingen_per_fte"] == pytest.approx(160 / 3)
    assert ratios["meldingen_per_1000"] == pytest.approx(40.0)
    assert ratios["geoorloofd_per_1000"] == pytest.approx(15.0)


def test_one_gemeente_from_the_csv_in_force_with_a_decimal_comma(figures: pd.DataFrame) -> None:
    # the superseded first file said 9 fte; the one in force says '1' and '14,5' dagen
    assert _plain(figures.loc["zuid"], [*inzet.FIGURES, *inzet.RATIOS]) == {
        "leerplichtigen": 2000.0,
        "fte_leerplicht": 1.0,
        "fte_rmc": None,
        "verzuimmeldingen": 50.0,
        "doorlooptijd_dagen": 14.5,
        "geoorloofd_verzuim": None,
        "leerplichtigen_per_fte": 2000.0,
        "meldingen_per_fte": 50.0,
        "meldingen_per_1000": 25.0,
        "geoorloofd_per_1000": None,
    }


def test_a_template_without_inzet_columns_has_no_figures(figures: pd.DataFrame) -> None:
    west = _plain(figures.loc["west"], [*inzet.FIGURES, *inzet.RATIOS])
    assert west.pop("leerplichtigen") == 800.0
    assert set(west.values()) == {None}


def test_participants_and_their_medians(figures: pd.DataFrame) -> None:
    taking_part = inzet.participants(figures.reset_index())
    assert taking_part["organisation_id"].tolist() == ["zuid", "noord"]
    medians = inzet.median_row(taking_part)
    assert medians["leerplichtigen_per_fte"] == pytest.approx((2000 + 4000 / 3) / 2)
    assert medians["meldingen_per_1000"] == pytest.approx((25 + 40) / 2)
    assert medians["doorlooptijd_dagen"] == pytest.approx((14.5 + 9) / 2)
    assert medians["geoorloofd_per_1000"] == pytest.approx(15.0)  # noord alone has it
    assert medians["fte_rmc"] == pytest.approx(1.25)
    assert medians["gemeenten"] == pytest.approx(1.5)


def test_a_round_without_submissions_has_no_figures(tmp_path: Path) -> None:
    with connect(tmp_path / "leeg.sqlite") as con:
        empty = inzet.round_figures(con, 1)
    assert empty.empty and list(empty.columns) == inzet.COLUMNS
