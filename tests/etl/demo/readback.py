"""Read a demo raw dir back through the real parsers into handy numeric frames."""

from __future__ import annotations

import pandas as pd

from etl.raw.load import RawLoad

MAX_BYTES = 500 * 1024 * 1024


def vsv_frame(load: RawLoad) -> pd.DataFrame:
    """84780NED data rows with trimmed region codes and numeric measures."""
    frame = load.tables["raw.cbs_vsv__early_leavers"].copy()
    frame["region"] = frame["Regiokenmerken"].str.strip()
    frame["start"] = frame["Perioden"].str[:4].astype(int)
    for column in (
        "Leerlingen_1",
        "VoortijdigSchoolverlaters_2",
        "NietVoortijdigSchoolverlaters_3",
        "VoortijdigSchoolverlatersPercentage_4",
    ):
        frame[column] = pd.to_numeric(frame[column])
    return frame


def population_frame(load: RawLoad) -> pd.DataFrame:
    """03759ned rows with region, year and age decoded through the Leeftijd titles."""
    frame = load.tables["raw.cbs_bevolking__population"].copy()
    ages = load.tables["raw.cbs_bevolking__ages"]
    titles = dict(zip(ages["Key"].str.strip(), ages["Title"], strict=True))
    frame["region"] = frame["RegioS"].str.strip()
    frame["year"] = frame["Perioden"].str[:4].astype(int)
    frame["title"] = frame["Leeftijd"].str.strip().map(titles)
    single = frame["title"].str.fullmatch(r"\d+ jaar")
    frame["age"] = pd.to_numeric(frame["title"].where(single).str.split().str[0])
    frame["value"] = pd.to_numeric(frame["BevolkingOp1Januari_1"])
    return frame


def verzuim_frame(load: RawLoad) -> pd.DataFrame:
    """Template rows with GM codes, start year and numeric counts (NaN = not reported)."""
    frame = load.tables["raw.verzuim__counts"].copy()
    code = frame["gemeentecode"].str.strip()
    frame["code"] = code.where(code.str.startswith("GM"), "GM" + code.str.zfill(4))
    frame["start"] = frame["schooljaar"].str[:4].astype(int)
    for column in frame.columns[4:17]:
        frame[column] = pd.to_numeric(frame[column].replace("", None))
    return frame
