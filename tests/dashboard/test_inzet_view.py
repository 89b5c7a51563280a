"""The bureau's inzet CSV: every participant's figures and ratios, rounded as shown, for Dutch
Excel, with a name a spreadsheet would run as a formula neutralised; and `figures` reads the
store's submissions in force (the values `inzet_round` submits, computed by hand)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from dashboard import inzet_view
from tests.etl.uitvraag.inzet_round import InzetRound


def test_bureau_csv_rounds_as_shown_and_neutralises_names() -> None:
    participants = pd.DataFrame(
        {
            "name": ["=Noord", "Zuid"],
            "gemeenten": [2, 1],
            "leerplichtigen": [4000.0, 2000.0],
            "fte_leerplicht": [3.0, 1.0],
            "fte_rmc": [1.25, None],
            "verzuimmeldingen": [160.0, 50.0],
            "doorlooptijd_dagen": [9.0, 14.5],
            "geoorloofd_verzuim": [60.0, None],
            "leerplichtigen_per_fte": [4000 / 3, 2000.0],
            "meldingen_per_fte": [160 / 3, 50.0],
            "meldingen_per_1000": [40.0, 25.0],
            "geoorloofd_per_1000": [15.0, None],
        }
    )
    data = inzet_view.bureau_csv(participants)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Organisatie",
        "Gemeenten",
        "Leerplichtigen",
        "Fte leerplicht",
        "Fte RMC",
        "Verzuimmeldingen",
        "Doorlooptijd (dagen, gewogen mediaan)",
        "Geoorloofd verzuim",
        "Leerplichtigen per fte leerplicht",
        "Meldingen per fte leerplicht",
        "Meldingen per 1.000 leerplichtigen",
        "Geoorloofd verzuim per 1.000 leerplichtigen",
    ]
    # 4000 / 3 = 1333,3 -> 1333 (no decimals); 160 / 3 = 53,33 -> 53,3
    assert rows[1] == [
        "'=Noord", "2", "4000", "3,0", "1,25", "160", "9,0", "60", "1333", "53,3", "40,0", "15,0",
    ]  # fmt: skip
    assert rows[2] == [
        "Zuid", "1", "2000", "1,0", "", "50", "14,5", "", "2000", "50,0", "25,0", "",
    ]  # fmt: skip


def test_figures_reads_the_submissions_in_force(inzet_round: InzetRound) -> None:
    found = inzet_view.figures(inzet_round.store, inzet_round.round_id)
    assert found["organisation_id"].tolist() == ["west", "zuid", "noord"]
    assert found["fte_leerplicht"].tolist()[1:] == [1.0, 3.0]
    assert found["meldingen_per_1000"].tolist()[1:] == [25.0, 40.0]
