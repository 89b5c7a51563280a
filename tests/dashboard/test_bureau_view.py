"""The bureau's list of organisations to remind: only those not submitted or with open questions,
as CSV for Dutch Excel, with every cell a spreadsheet would run as a formula neutralised."""

from __future__ import annotations

import csv
import io

import pandas as pd

from dashboard.bureau_view import reminders_csv


def test_reminders_csv_lists_who_to_remind_with_formulas_neutralised() -> None:
    organisations = pd.DataFrame(
        {
            "organisation_id": ["a", "b", "c", "d", "e"],
            "name": ['=HYPERLINK("x")', "+Plus", "Klaar", "@Apenstaart", "-Min"],
            "email": ["a@example.nl", "-b@example.nl", "c@example.nl", "d@example.nl", "e@x.nl"],
            "gemeenten": ["GM0001 GM0002", "GM0003", "GM0004", "GM0005", "GM0006"],
            "state": ["nog niet", "open vragen", "gecontroleerd", "ingediend", "nog niet"],
        }
    )
    data = reminders_csv(organisations)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Organisatie", "E-mail", "Gemeenten", "Status"],
        ['\'=HYPERLINK("x")', "a@example.nl", "GM0001 GM0002", "Nog niet ingeleverd"],
        ["'+Plus", "'-b@example.nl", "GM0003", "Open vragen"],
        ["'-Min", "e@x.nl", "GM0006", "Nog niet ingeleverd"],
    ]
