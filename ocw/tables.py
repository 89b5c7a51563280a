"""Warehouse -> the numbered tables of the OCW table set, cut from the same data as every export.

Tabel 1 to 4 are the published figures (marts.published_values through the query layer, hidden
counts labelled as everywhere else) of Nederland, the RMC-regio's, the provincies and the
gemeenten, every indicator and school year, in the export's columns (`dashboard.export`). Tabel 5
is the response: how many gemeenten delivered verzuim figures and what share of the inhabitants
5-17 they cover. A total with missing gemeenten is an estimate: its column Respons says
`geschat; respons N van M gemeenten (x %)`, a gemeente without a figure reads `geen opgave`
(docs/nonresponse.md). Each table carries the lines a reader must see above it
(`OcwTable.notes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from dashboard import queries, queries_explore
from dashboard.db import suppression_threshold
from dashboard.export import (
    DEMO_NOTICE,
    Provenance,
    Selection,
    export_table,
    provenance_for,
    suppressed_label,
    with_country,
)
from dashboard.formatting import LEVEL_LABELS, format_date
from stats.response import NO_SUBMISSION_LABEL

#: (number, level, title) of the figure tables, in the order the ministry receives them.
FIGURE_TABLES = (
    (1, "nederland", "Landelijke cijfers per indicator en schooljaar"),
    (2, "rmc", "Cijfers per RMC-regio"),
    (3, "provincie", "Cijfers per provincie"),
    (4, "gemeente", "Cijfers per gemeente"),
)
RESPONSE_TABLE = (5, "Respons: gemeenten met verzuimcijfers")
#: The workbook of the whole set (next to it one CSV per table and the verantwoording).
WORKBOOK_NAME = "kompas_tabellen_ocw.xlsx"
#: Columns that compare with Nederland, left out of the Nederland table itself.
COUNTRY_COLUMNS = ("Verschil met Nederland", "t.o.v. Nederland")


@dataclass(frozen=True)
class OcwTable:
    """One numbered table: its number, title, the notes above it and the rows."""

    number: int
    title: str
    notes: tuple[str, ...]
    frame: pd.DataFrame

    @property
    def name(self) -> str:
        """Sheet and file name, e.g. `Tabel 1`."""
        return f"Tabel {self.number}"


def _built_at(build: dict[str, object]) -> datetime:
    """The build time: the one date the files carry, so the same warehouse gives the same
    bytes."""
    return datetime.fromisoformat(str(build["built_at"])).replace(tzinfo=None)


def provenance() -> Provenance:
    """The verantwoording of the whole set: every indicator, every school year."""
    indicators = queries.indicators()
    keys = indicators["indicator_key"].tolist()
    build = queries.build_info()
    years = queries_explore.export_years()["school_year"].tolist()
    selection = Selection(
        indicators=indicators["label"].tolist(),
        level="alle niveaus",
        regions=[],
        years=years,
    )
    prov = provenance_for(
        build, queries.sources(), indicators, keys, selection, suppression_threshold()
    )
    return Provenance(
        prov.build,
        prov.sources,
        prov.indicators,
        prov.selection,
        prov.threshold,
        exported_at=_built_at(build),
    )


def labels_note(threshold: int) -> str:
    """What `<5`, `x` and `geen opgave` mean, as the figure tables say it."""
    return (
        f"'{suppressed_label(threshold)}': minder dan {threshold}; 'x': niet getoond zodat een "
        f"klein aantal elders niet terug te rekenen is ({threshold} of meer); "
        f"'{NO_SUBMISSION_LABEL}': de gemeente gaf geen cijfer."
    )


ESTIMATE_NOTE = (
    "Verzuim: ontbreken cijfers van gemeenten, dan is het totaal van een RMC-regio, "
    "provincie of Nederland geschat (ratioschatting naar inwoners 5-17 jaar binnen de "
    "RMC-regio); de kolom Respons zegt dat, met het aantal gemeenten waarop het rust."
)


def _notes(title: str, prov: Provenance, figures: bool) -> tuple[str, ...]:
    """Demo notice, title, vintage; for figure tables also status and the labels; source."""
    build = prov.build
    notes = [f"LET OP: {DEMO_NOTICE}"] if bool(build.get("is_demo")) else []
    sources = "; ".join(
        f"{s['producer']}, {s['title']} (licentie: {s['licence']})"
        for s in prov.sources.to_dict("records")
    )
    notes += [
        title,
        f"Stand: magazijn gebouwd op {format_date(build.get('built_at'))}, gemeentelijke "
        f"indeling {build.get('boundary_year')}, schooljaren {build.get('first_school_year')} "
        f"tot en met {build.get('last_school_year')}.",
    ]
    if figures:
        notes.append("Status per rij: voorlopig (kan nog veranderen) of definitief.")
        notes.append(labels_note(prov.threshold))
        notes.append(ESTIMATE_NOTE)
    notes.append(f"Bron: {sources}.")
    return tuple(notes)


def figure_table(number: int, level: str, title: str, prov: Provenance) -> OcwTable:
    """Tabel 1-4: every indicator and school year of one level (Nederland rows included)."""
    keys = prov.indicators["indicator_key"].tolist()
    assert prov.selection is not None  # the set's provenance always names its selection
    years = list(prov.selection.years)
    values = queries_explore.export_values(keys, level, [], years)
    if level != "nederland":
        values = with_country(values, queries_explore.export_values(keys, "nederland", [], years))
    frame = export_table(values, prov.threshold)
    if level == "nederland":
        frame = frame.drop(columns=list(COUNTRY_COLUMNS))
    return OcwTable(number, title, _notes(f"Tabel {number}. {title}", prov, True), frame)


def response_table(prov: Provenance) -> OcwTable:
    """Tabel 5: per school year and region, gemeenten in the indeling and with figures."""
    rows = queries_explore.response()
    share = (100 * rows["reported"] / rows["gemeenten"]).round(1)
    covered = (100 * rows["population_reported"] / rows["population"]).round(1)
    frame = pd.DataFrame(
        {
            "Schooljaar": rows["school_year"],
            "Niveau": rows["region_level"].map(LEVEL_LABELS).fillna(rows["region_level"]),
            "Regiocode": rows["region_code"],
            "Regio": rows["region_name"],
            "Gemeenten in de indeling": rows["gemeenten"].astype("Int64"),
            "Gemeenten met verzuimcijfers": rows["reported"].astype("Int64"),
            "Respons (%)": share.astype("Float64"),
            "Inwoners 5-17 jaar gedekt (%)": covered.astype("Float64"),
        }
    )
    number, title = RESPONSE_TABLE
    return OcwTable(number, title, _notes(f"Tabel {number}. {title}", prov, False), frame)


def table_set() -> tuple[Provenance, list[OcwTable]]:
    """The provenance and the numbered tables, in order."""
    prov = provenance()
    tables = [figure_table(n, level, title, prov) for n, level, title in FIGURE_TABLES]
    return prov, [*tables, response_table(prov)]
