"""Where Kompas keeps its files: the path `uitvraag export` gives a submission in a raw dir,
and its parser (Over de cijfers lists the submissions a build read by it)."""

from __future__ import annotations

from etl import paths


def test_a_submission_path_names_year_organisation_and_number_and_parses_back() -> None:
    path = paths.submission_path("2024-2025", "rmc-noord-west", 3, ".xlsx")
    assert path == "verzuim/opgaven/2024-2025/rmc-noord-west-3.xlsx"
    assert paths.parse_submission_path(path) == ("2024-2025", "rmc-noord-west", 3)
    for other in ("verzuim/sjabloon.csv", f"{path}.origin.json", "verzuim/opgaven/2024/a-1.csv"):
        assert paths.parse_submission_path(other) is None
