"""A member's inzet comparison (`dashboard.inzet_view.member_comparison`, for the member's own
page) in a tiny AppTest script: an organisation that submitted inzet sees its own ratios first,
then the other participant by name, then their median; one that did not (or submitted nothing)
sees how to take part and nothing of the others. Expected values are computed by hand from the
figures `inzet_round` submits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.texts import inzet as text
from tests.app.conftest import readable
from tests.app.explore_helpers import TIMEOUT, no_exception
from tests.etl.uitvraag.inzet_round import InzetRound


def _script(store: str, round_id: int, organisation_id: str) -> None:
    from pathlib import Path

    from dashboard import inzet_view

    inzet_view.member_comparison(Path(store), round_id, organisation_id)


@pytest.fixture
def store(inzet_round: InzetRound, tmp_path: Path) -> Path:
    target = tmp_path / "uitvraag.sqlite"
    shutil.copyfile(inzet_round.store, target)
    return target


def _run(store: Path, round_id: int, organisation_id: str) -> AppTest:
    at = AppTest.from_function(
        _script, args=(str(store), round_id, organisation_id), default_timeout=TIMEOUT
    )
    at.run()
    no_exception(at)
    return at


def _everything(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [str(f.value.to_dict()) for f in at.dataframe]
    return readable("\n".join(parts))


def test_a_participant_sees_itself_the_others_by_name_and_the_median(
    inzet_round: InzetRound, store: Path
) -> None:
    at = _run(store, inzet_round.round_id, "zuid")
    [table] = [frame.value for frame in at.dataframe]
    assert table[text.COL_ORGANISATION].tolist() == [
        "Leerplicht Zuid (uw organisatie)",
        "RMC Noord",
        "Mediaan van alle deelnemers (2)",
    ]
    assert table.drop(columns=text.COL_ORGANISATION).values.tolist() == [
        # gemeenten, leerplichtigen, doorlooptijd, lp/fte, meldingen/fte, per 1.000 (2x)
        ["1", "2.000", "14,5", "2.000", "50,0", "25,0", "–"],
        # 4000 / 3 fte = 1.333; 160 / 3 = 53,3; 160 per 4000 = 40,0; 60 per 4000 = 15,0;
        # doorlooptijd (10 x 120 + 6 x 40) / 160 = 9,0
        ["2", "4.000", "9,0", "1.333", "53,3", "40,0", "15,0"],
        # medians of the two: 1,5 -> 2; 11,75 -> 11,8; 1.666,7 -> 1.667; 51,67 -> 51,7; 32,5
        ["2", "3.000", "11,8", "1.667", "51,7", "32,5", "15,0"],
    ]
    assert "Oost" not in _everything(at) and "=West" not in _everything(at)


@pytest.mark.parametrize("organisation_id", ["west", "oost", "onbekend"])
def test_without_own_inzet_nothing_of_the_others_is_shown(
    inzet_round: InzetRound, store: Path, organisation_id: str
) -> None:
    at = _run(store, inzet_round.round_id, organisation_id)
    assert not at.dataframe
    assert [readable(i.value) for i in at.info] == [text.MEMBER_NOT_TAKING_PART]
    shown = _everything(at)
    assert not any(name in shown for name in ("RMC Noord", "Leerplicht Zuid"))
