"""Named, cached, read-only queries for Overzicht, Vergelijken and Over de cijfers.

Parameters in, DataFrame (or a small typed object) out. One cached function per
`dashboard/sql/<name>.sql` file, columns as its header says. Counts come only from the
suppression view `safe.indicator_values`, so suppressed numerators and values are already NULL.
Every cache key includes the warehouse file's identity (path, inode, mtime): a rebuilt warehouse
swapped in by the ETL is never answered from an old cache entry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.db import current_handle, run_sql
from dashboard.formatting import row_response
from stats import funnel

Warehouse = tuple[str, int, int]

# comparison sets on Vergelijken
COMPARE_ALL = "alle"
COMPARE_PROVINCIE = "provincie"
COMPARE_RMC = "rmc"
COMPARE_CHOSEN = "selectie"
COMPARE_PEERS = "vergelijkbaar"
LEVELS = ("gemeente", "rmc", "provincie")


def warehouse_id() -> Warehouse:
    """Identity of the warehouse file (path, inode, mtime), part of every cache key."""
    handle = current_handle()
    return (handle.path, *handle.file_id)


_warehouse = warehouse_id


@dataclass(frozen=True)
class Indicator:
    """One row of `marts.indicators`, typed."""

    key: str
    label: str
    short_label: str
    unit: str
    multiplier: float
    decimals: int
    definition: str
    numerator_definition: str
    denominator_definition: str
    source_key: str
    higher_is_worse: bool
    model: str
    trend_breaks: tuple[str, ...]
    sort_order: int


# --- registry ------------------------------------------------------------------------------


@st.cache_data(max_entries=8, show_spinner=False)
def _indicators(warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("indicators")


def indicators() -> pd.DataFrame:
    """The indicator registry in display order (columns of `indicators.sql`)."""
    return _indicators(_warehouse())


@st.cache_resource(max_entries=8, show_spinner=False)
def _indicator_specs(warehouse: Warehouse) -> dict[str, Indicator]:
    # shared, not copied per call: an Indicator is frozen, `indicator_specs` copies the dict,
    # and a page asks for the specs once per card
    specs: dict[str, Indicator] = {}
    for row in run_sql("indicators").to_dict("records"):
        breaks = row["trend_breaks"]
        specs[str(row["indicator_key"])] = Indicator(
            key=str(row["indicator_key"]),
            label=str(row["label"]),
            short_label=str(row["short_label"]),
            unit=str(row["unit"]),
            multiplier=float(row["multiplier"]),
            decimals=int(row["decimals"]),
            definition=str(row["definition"] or ""),
            numerator_definition=str(row["numerator_definition"] or ""),
            denominator_definition=str(row["denominator_definition"] or ""),
            source_key=str(row["source_key"]),
            higher_is_worse=bool(row["higher_is_worse"]),
            model=str(row["model"]),
            trend_breaks=tuple(str(b) for b in breaks) if breaks is not None else (),
            sort_order=int(row["sort_order"]),
        )
    return specs


def indicator_specs() -> dict[str, Indicator]:
    """Every indicator as a typed `Indicator`, keyed by indicator_key, in display order."""
    return dict(_indicator_specs(_warehouse()))


# --- regions -------------------------------------------------------------------------------


@st.cache_data(max_entries=8, show_spinner=False)
def _all_regions(warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("all_regions")


def all_regions() -> pd.DataFrame:
    """Every region of every level, without geometry (columns of `all_regions.sql`)."""
    return _all_regions(_warehouse())


def regions(region_level: str) -> pd.DataFrame:
    """The regions of one level, alphabetical (columns of `all_regions.sql`)."""
    frame = all_regions()
    return frame[frame["region_level"] == region_level].reset_index(drop=True)


@st.cache_data(max_entries=8, show_spinner=False)
def _region_geometries(region_level: str, warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("region_geometries", region_level=region_level)


def region_geometries(region_level: str) -> pd.DataFrame:
    """GeoJSON text per region of one level (columns of `region_geometries.sql`)."""
    return _region_geometries(region_level, _warehouse())


def feature_collection(geometries: pd.DataFrame) -> dict[str, Any]:
    """Parse GeoJSON geometry text into a FeatureCollection with `id` = region_code."""
    features = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"name": name},
            "geometry": json.loads(text),
        }
        for code, name, text in zip(
            geometries["region_code"],
            geometries["region_name"],
            geometries["geometry_geojson"],
            strict=True,
        )
    ]
    return {"type": "FeatureCollection", "features": features}


# cache_resource, not cache_data: one shared object instead of unpickling ~150 KB per call
# (~10 ms for the gemeenten); callers only read it (chart functions take subsets).
@st.cache_resource(max_entries=8, show_spinner=False)
def _region_geojson(region_level: str, warehouse: Warehouse) -> dict[str, Any]:
    return feature_collection(run_sql("region_geometries", region_level=region_level))


def region_geojson(region_level: str) -> dict[str, Any]:
    """The map shapes of one level as a parsed FeatureCollection (parsed once, shared: do not
    change it)."""
    return _region_geojson(region_level, _warehouse())


# --- values --------------------------------------------------------------------------------


@st.cache_data(max_entries=16, show_spinner=False)
def _school_years(indicator_key: str, warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("school_years", indicator_key=indicator_key)


def school_years(indicator_key: str) -> pd.DataFrame:
    """School years with national figures for an indicator, oldest first (`school_years.sql`)."""
    return _school_years(indicator_key, _warehouse())


@st.cache_data(max_entries=128, show_spinner=False)
def _level_values(
    indicator_key: str, region_level: str, school_year: str, warehouse: Warehouse
) -> pd.DataFrame:
    return run_sql(
        "level_values",
        indicator_key=indicator_key,
        region_level=region_level,
        school_year=school_year,
    )


def level_values(indicator_key: str, region_level: str, school_year: str) -> pd.DataFrame:
    """One indicator for every region of a level in one school year (`level_values.sql`)."""
    return _level_values(indicator_key, region_level, school_year, _warehouse())


def region_values(region_code: str) -> pd.DataFrame:
    """Every indicator over all school years for one region, by indicator and oldest first
    (columns of `every_region_values.sql`)."""
    every = _every_region(_warehouse())
    start, stop = every.regions.get(region_code, (0, 0))
    return every.frame.iloc[start:stop].reset_index(drop=True)


NATIONAL_CODE = "NL01"


def national_series(indicator_key: str) -> pd.DataFrame:
    """The national rows of one indicator, oldest first (columns of
    `every_region_values.sql`)."""
    return region_series(NATIONAL_CODE, indicator_key)


@dataclass(frozen=True)
class _EveryRegion:
    """Every region's rows of every indicator (`every_region_values.sql`, sorted by region,
    indicator and year) with the row range of each region and of each (region, indicator)."""

    frame: pd.DataFrame
    regions: dict[str, tuple[int, int]]
    series: dict[tuple[str, str], tuple[int, int]]


@st.cache_resource(max_entries=2, show_spinner=False)
def _every_region(warehouse: Warehouse) -> _EveryRegion:
    """Read once (about 28,000 rows, 0.13 s) and kept as one shared object: each card of a
    newly chosen region then takes its few rows by position instead of querying and splitting
    the region's table (about 10 ms per region)."""
    frame = run_sql("every_region_values")
    codes = frame["region_code"].to_numpy(dtype=object)
    keys = frame["indicator_key"].to_numpy(dtype=object)
    starts = np.flatnonzero(
        np.concatenate([[True], (codes[1:] != codes[:-1]) | (keys[1:] != keys[:-1])])
    )
    stops = np.append(starts[1:], len(frame))
    series = {
        (str(codes[a]), str(keys[a])): (int(a), int(b)) for a, b in zip(starts, stops, strict=True)
    }
    regions: dict[str, tuple[int, int]] = {}
    for (code, _), (start, stop) in series.items():  # a region's series are adjacent
        regions[code] = (regions.get(code, (start, stop))[0], stop)
    return _EveryRegion(frame, regions, series)


def region_series(region_code: str, indicator_key: str) -> pd.DataFrame:
    """One region's rows of one indicator, oldest first (columns of
    `every_region_values.sql`)."""
    every = _every_region(_warehouse())
    start, stop = every.series.get((region_code, indicator_key), (0, 0))
    return every.frame.iloc[start:stop].reset_index(drop=True)


@st.cache_resource(max_entries=8, show_spinner=False)
def _region_rows(warehouse: Warehouse) -> dict[str, dict[str, Any]]:
    """Every region's `all_regions.sql` row by code, in the query's order, made once per
    warehouse: turning the frame into rows is a fair part of a page run that needs one."""
    return {str(row["region_code"]): row for row in all_regions().to_dict("records")}


def region_rows() -> dict[str, dict[str, Any]]:
    """Region code -> its `all_regions.sql` row, every level, in the query's order (a copy)."""
    return {code: dict(row) for code, row in _region_rows(_warehouse()).items()}


def region_row(region_code: str) -> dict[str, Any] | None:
    """The `all_regions.sql` row of a region code, or None when unknown."""
    row = _region_rows(_warehouse()).get(region_code)
    return None if row is None else dict(row)


# --- metadata ------------------------------------------------------------------------------


@st.cache_data(max_entries=8, show_spinner=False)
def _indicator_coverage(warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("indicator_coverage")


def indicator_coverage() -> pd.DataFrame:
    """First/last school year and voorlopig years per indicator (`indicator_coverage.sql`)."""
    return _indicator_coverage(_warehouse())


@st.cache_resource(max_entries=8, show_spinner=False)
def _build_info(warehouse: Warehouse) -> dict[str, Any]:
    # shared and copied by `build_info` (cheaper than unpickling): a page asks once per table
    frame = run_sql("build_info")
    return frame.iloc[0].to_dict() if not frame.empty else {}


def build_info() -> dict[str, Any]:
    """The build row of `build_info.sql` as a dict (empty when meta.build has no row)."""
    return dict(_build_info(_warehouse()))


@st.cache_data(max_entries=8, show_spinner=False)
def _sources(warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("sources")


def sources() -> pd.DataFrame:
    """Every source with origin and licence (columns of `sources.sql`)."""
    return _sources(_warehouse())


@st.cache_resource(max_entries=8, show_spinner=False)
def _source_rows(warehouse: Warehouse) -> dict[str, dict[str, Any]]:
    return {str(row["source_key"]): row for row in sources().to_dict("records")}


def source_row(source_key: str) -> dict[str, Any] | None:
    """The `sources.sql` row of a source, or None when unknown (rows made once per warehouse:
    a page names its sources on every run)."""
    row = _source_rows(_warehouse()).get(source_key)
    return None if row is None else dict(row)


@st.cache_data(max_entries=8, show_spinner=False)
def _files(warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("files")


def files() -> pd.DataFrame:
    """Every raw file the build read (columns of `files.sql`)."""
    return _files(_warehouse())


@st.cache_data(max_entries=8, show_spinner=False)
def _checks(warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("checks")


def checks() -> pd.DataFrame:
    """Result of every data check (columns of `checks.sql`)."""
    return _checks(_warehouse())


# --- composed views ------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalFigure:
    """One indicator's national figure in one school year."""

    value: float | None
    numerator: float | None
    denominator: float | None
    ci_lower: float | None
    ci_upper: float | None
    is_voorlopig: bool
    # `geschat; respons 41 van 42 gemeenten (98 %)` when the figure is an estimate, else ''
    response: str = ""


def _float_or_none(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if np.isnan(number) else number


def national_figure(indicator_key: str, school_year: str) -> NationalFigure | None:
    """The national figure of an indicator in a year, or None when there is none."""
    frame = national_series(indicator_key)
    rows = frame[frame["school_year"] == school_year]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return NationalFigure(
        value=_float_or_none(row["value"]),
        numerator=_float_or_none(row["numerator"]),
        denominator=_float_or_none(row["denominator"]),
        ci_lower=_float_or_none(row["ci_lower"]),
        ci_upper=_float_or_none(row["ci_upper"]),
        is_voorlopig=row["status"] == "voorlopig",
        response=row_response(row),
    )


@dataclass(frozen=True)
class Comparison:
    """Everything Vergelijken shows for one selection.

    Attributes:
        values: Every region of the level with value columns plus in_set, is_focus, rank,
            diff_with_centre and classification (rank within the set; the classification is
            the published verdict: all regions of the level against Nederland; an estimate
            has none, docs/nonresponse.md).
        in_set: The comparison set (a view of `values` where in_set).
        national: The national figure (None when the warehouse has none for the year).
        limits: Funnel limits over a grid of denominators (empty without a national value).
        fit: The funnel fit (phi, tau^2) of the level, None without a national value.
        mode: The comparison set actually used (may differ from the requested one).
        parent_names: Names of the provincies / RMC-regio's the set was taken from.
    """

    values: pd.DataFrame
    in_set: pd.DataFrame
    national: NationalFigure | None
    limits: pd.DataFrame
    mode: str
    parent_names: tuple[str, ...] = field(default_factory=tuple)
    fit: funnel.FunnelFit | None = None


@st.cache_data(max_entries=256, show_spinner=False)
def _peer_groups(region_level: str, region_code: str, warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("peer_groups", region_level=region_level, region_code=region_code)


def peer_groups(region_level: str, region_code: str) -> pd.DataFrame:
    """The vergelijkbare regio's of one gemeente or RMC-regio, nearest first (built by the ETL
    from CBS 70072ned; other levels, or a build without it, give an empty frame).

    Returns:
        Columns of `peer_groups.sql`.
    """
    return _peer_groups(region_level, region_code, _warehouse())


@st.cache_data(max_entries=8, show_spinner=False)
def _peer_levels(warehouse: Warehouse) -> tuple[str, ...]:
    return tuple(run_sql("peer_levels")["region_level"])


def comparison_modes(region_level: str) -> list[str]:
    """The comparison sets that make sense at a level (same RMC only for gemeenten; similar
    regions only where the build made peer groups)."""
    peers = [COMPARE_PEERS] if region_level in _peer_levels(_warehouse()) else []
    if region_level == "gemeente":
        return [COMPARE_ALL, COMPARE_PROVINCIE, COMPARE_RMC, *peers, COMPARE_CHOSEN]
    if region_level == "rmc":
        return [COMPARE_ALL, COMPARE_PROVINCIE, *peers, COMPARE_CHOSEN]
    return [COMPARE_ALL, COMPARE_CHOSEN]


def _set_mask(
    values: pd.DataFrame,
    mode: str,
    focus: Sequence[str],
    chosen: Sequence[str],
    peers: Sequence[str] = (),
) -> tuple[pd.Series, str, tuple[str, ...]]:
    focus_rows = values[values["region_code"].isin(focus)]
    if mode == COMPARE_PEERS and peers:
        names = tuple(str(n) for n in focus_rows["region_name"])
        return values["region_code"].isin([*peers, *focus]), mode, names
    if mode in (COMPARE_PROVINCIE, COMPARE_RMC) and not focus_rows.empty:
        column = "provincie_code" if mode == COMPARE_PROVINCIE else "rmc_code"
        parents = [p for p in focus_rows[column].dropna().unique()]
        if parents:
            names = all_regions().set_index("region_code")["region_name"]
            parent_names = tuple(str(names.get(p, p)) for p in parents)
            return values[column].isin(parents), mode, parent_names
    if mode == COMPARE_CHOSEN and chosen:
        return values["region_code"].isin([*chosen, *focus]), mode, ()
    return pd.Series(True, index=values.index), COMPARE_ALL, ()


@dataclass(frozen=True)
class _Assessed:
    """One indicator at one level in one year, the same for every comparison set: the
    regions' values with their published verdict, the national figure and the funnel fit."""

    values: pd.DataFrame
    national: NationalFigure | None
    fit: funnel.FunnelFit | None


@st.cache_resource(max_entries=64, show_spinner=False)
def _assessed(
    indicator_key: str, region_level: str, school_year: str, warehouse: Warehouse
) -> _Assessed:
    """Shared read-only: every focus region or set chosen for this indicator, level and
    year starts from it, so a new focus only builds the set (the fit and verdicts were most
    of a new selection's work)."""
    spec = indicator_specs()[indicator_key]
    values = level_values(indicator_key, region_level, school_year)
    national = national_figure(indicator_key, school_year)
    # an estimate is neither fitted nor assessed, as in the build (docs/nonresponse.md)
    assessed = values.assign(
        numerator=values["numerator"].mask(values["is_estimate"].fillna(False).astype(bool))
    )
    fit = (
        funnel.fit_level(assessed, vars(national), spec.model, spec.multiplier)
        if national is not None
        else None
    )
    values["classification"] = (
        fit.classify(assessed["numerator"], assessed["denominator"])
        if fit is not None
        else funnel.NOT_ASSESSED
    )
    return _Assessed(values, national, fit)


@st.cache_resource(max_entries=64, show_spinner=False)
def _comparison(
    indicator_key: str,
    region_level: str,
    school_year: str,
    mode: str,
    focus: tuple[str, ...],
    chosen: tuple[str, ...],
    warehouse: Warehouse,
) -> Comparison:
    # shared read-only (a page asks twice per run: for its texts and its figures; unpickling
    # a copy of 340 regions each time cost more than building the set)
    level = _assessed(indicator_key, region_level, school_year, warehouse)
    values, national, fit = level.values, level.national, level.fit
    peers = (
        [c for code in focus for c in peer_groups(region_level, code)["peer_code"]]
        if mode == COMPARE_PEERS
        else []
    )
    mask, used_mode, parent_names = _set_mask(values, mode, focus, chosen, peers)
    values = values.assign(in_set=mask.to_numpy(), is_focus=values["region_code"].isin(focus))
    centre = fit.centre if fit is not None else float("nan")
    in_set = values[values["in_set"]]
    values["rank"] = in_set["value"].rank(ascending=False, method="min").astype("Int64")
    values["diff_with_centre"] = in_set["value"] - centre
    if fit is not None:
        limits = fit.limits(funnel.funnel_grid(in_set.loc[in_set["value"].notna(), "denominator"]))
    else:
        limits = pd.DataFrame()
    return Comparison(
        values=values,
        in_set=values[values["in_set"]].reset_index(drop=True),
        national=national,
        limits=limits,
        mode=used_mode,
        parent_names=parent_names,
        fit=fit,
    )


def comparison(
    indicator_key: str,
    region_level: str,
    school_year: str,
    mode: str,
    focus: Sequence[str] = (),
    chosen: Sequence[str] = (),
) -> Comparison:
    """Values of a level ranked and classified within a comparison set, with funnel limits.

    Args:
        indicator_key: Indicator to compare.
        region_level: 'gemeente', 'rmc' or 'provincie'.
        school_year: School year label ('2023-2024').
        mode: COMPARE_ALL, COMPARE_PROVINCIE, COMPARE_RMC, COMPARE_PEERS or COMPARE_CHOSEN;
            provincie/rmc use the parents of the focus regions, peers their vergelijkbare
            regio's (marts.peer_groups); all three fall back to all without a focus.
        focus: Codes of the focus regions (always part of the set).
        chosen: Codes of the chosen regions for COMPARE_CHOSEN.

    Returns:
        A `Comparison`.
    """
    return _comparison(
        indicator_key,
        region_level,
        school_year,
        mode,
        tuple(focus),
        tuple(chosen),
        _warehouse(),
    )
