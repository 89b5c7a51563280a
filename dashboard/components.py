"""Widgets and page furniture shared by the pages: URL-bound pickers, notices, banners, charts
with their table and text alternative, source notes.

URL state: every picker keeps its value in the page's query string (`?indicator=vsv_pct&
jaar=2023-2024&regio=GM0363`), with codes rather than display labels, so a copied link reopens
the same view and stays valid when a name is spelled differently. Streamlit's
`bind="query-params"` would store the display label and drop unknown values silently; the
manual pattern (read `st.query_params` once, write it back on change) lets an unknown value
give a Dutch notice instead.

The user's region travels between pages in `st.session_state[SHARED_REGION_KEY]` as
"level:code" (set on Overzicht, read as the default elsewhere): the focus on Vergelijken, and
for an RMC-regio or provincie its gemeenten as the comparison set (`carried_area`) and the
heatmap area on Patronen (`carried_parent`). Because the URL restores a view exactly, the
"Kopieer link" button simply copies the address bar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import (
    charts,
    charts_profile,
    export,
    markup,
    narrative,
    queries,
    queries_explore,
)
from dashboard import explore_tables as tables
from dashboard.db import suppression_threshold
from dashboard.formatting import (
    MISSING,
    VOORLOPIG_FOOTNOTE,
    axis_label,
    format_compact,
    format_compact_change,
    format_date,
    format_interval,
    format_school_year,
    hidden_label,
    join_dutch,
    level_label,
    level_title,
    response_sentence,
    response_years,
    row_response,
    series_display,
    short_denominator_label,
    with_region_column,
)
from dashboard.svg_cache import figure_svg_once
from dashboard.texts import verdicts
from dashboard.texts import vergelijken as vergelijken_text
from reports.regiorapport import report_file_name, report_pdf
from reports.svg import figure_svg
from stats.change import Change, latest_change
from stats.response import NO_SUBMISSION, NO_SUBMISSION_LABEL

T = TypeVar("T")

SHARED_REGION_KEY = "kompas_region"
LIST_SEPARATOR = "~"
# No plotly mode bar: its buttons ("Fullscreen", "Zoom in", "Download plot as a png"...) are
# English only; the data of a chart is one click away in its table and in the export.
CHART_CONFIG: dict[str, Any] = {"displaylogo": False, "scrollZoom": False, "displayModeBar": False}
# The Overzicht sparklines are static SVG images (`reports.svg`, the report's renderer of the
# same figures): the first page then needs no chart library at all, which is most of a cold
# load, and its values are in the card's table. Width x height in pixels (fits a card of the
# three-column grid at 1280 px; narrower screens scale the image down).
SPARKLINE_SIZE = (240, 130)
# Regioprofiel's trend per indicator is drawn the same way (the report's renderer of the same
# figure): eight small multiples whose exact values are in the table under each; a column of
# the two-column grid at 1280 px is about 370 px wide.
TREND_SIZE = (380, 300)
MAP_CONFIG: dict[str, Any] = {**CHART_CONFIG, "topojsonURL": "/app/static/topojson/"}


# --- notices -------------------------------------------------------------------------------


def show_notices(notices: Sequence[str]) -> None:
    """Show the notices collected while reading the URL, once, as one box."""
    if notices:
        st.warning("\n\n".join(map(markup.escape, notices)), icon=":material/link_off:")


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return None if value in (None, "") else str(value)


# --- URL-bound pickers ---------------------------------------------------------------------


def _pronoun(what: str) -> str:
    """`dat` after a het-word (`het niveau`, `het schooljaar`), `die` otherwise."""
    return "dat" if what.startswith("het ") else "die"


def unknown_value_notice(what: str, raw: str, shown: str | None) -> str:
    """The Dutch notice for a link whose parameter names an unknown value (plain text: the
    notice box escapes it). `shown` is what the page shows instead; None when it shows nothing.

    Args:
        what: Dutch noun with article ("de regio", "het schooljaar").
        raw: The value the link gave.
        shown: Display label of the value shown instead, or None.
    """
    text = f"De link noemt {what} '{raw}', maar {_pronoun(what)} komt niet voor in deze cijfers."
    return text + (f" We tonen {shown}." if shown is not None else "")


def url_select(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    param: str,
    default: T,
    notices: list[str],
    to_url: Callable[[T], str] = str,
    format_func: Callable[[T], str] = str,
    what: str = "waarde",
    help: str | None = None,
    horizontal_radio: bool = False,
) -> T:
    """A selectbox (or horizontal radio) whose value lives in the URL as `?param=...`.

    On the page's first run the URL wins; an unknown value adds a Dutch notice and falls back
    to `default`. Afterwards the widget wins and is written back to the URL.

    Args:
        label: Widget label.
        options: Allowed values.
        key: Session key (page-prefixed).
        param: Query parameter name.
        default: Value when the URL has none or an unknown one.
        notices: Notices of this run (appended to).
        to_url: How a value is written in the URL.
        format_func: How a value is shown.
        what: Dutch noun with article for the notice ("de regio", "het schooljaar").
        help: Help text.
        horizontal_radio: Render as a horizontal radio group instead of a selectbox.

    Returns:
        The selected value.
    """
    by_url = {to_url(option): option for option in options}
    if key not in st.session_state:
        raw = _param(param)
        if raw is not None and raw not in by_url:
            notices.append(unknown_value_notice(what, raw, format_func(default)))
        st.session_state[key] = by_url.get(raw, default) if raw is not None else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    if horizontal_radio:
        value: T = st.radio(
            label,
            list(options),
            key=key,
            format_func=lambda option: markup.escape(format_func(option)),  # radio: Markdown
            help=help,
            horizontal=True,
        )
    else:
        value = st.selectbox(label, list(options), key=key, format_func=format_func, help=help)
    st.query_params[param] = to_url(value)
    return value


def url_multiselect(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    param: str,
    default: Sequence[T],
    notices: list[str],
    to_url: Callable[[T], str] = str,
    format_func: Callable[[T], str] = str,
    what: str = "regio's",
    placeholder: str = "Kies",
    max_selections: int | None = None,
    help: str | None = None,
) -> list[T]:
    """A multiselect whose values live in the URL as `?param=a~b~c`; unknown items give a notice."""
    by_url = {to_url(option): option for option in options}
    if key not in st.session_state:
        raw = _param(param)
        chosen = list(default)
        if raw is not None:
            items = [item for item in raw.split(LIST_SEPARATOR) if item]
            unknown = [item for item in items if item not in by_url]
            if unknown:
                notices.append(
                    f"De link noemt {what} die niet voorkomen in deze cijfers: "
                    f"{join_dutch(unknown)}. Die laten we weg."
                )
            known = [by_url[item] for item in items if item in by_url]
            chosen = known if known else list(default)
        st.session_state[key] = chosen[:max_selections] if max_selections else chosen
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    values: list[T] = st.multiselect(
        label,
        list(options),
        key=key,
        format_func=format_func,
        placeholder=placeholder,
        max_selections=max_selections,
        help=help,
        select_all=False,  # Streamlit labels it "Select all" in English; no Dutch label exists
    )
    if values:
        st.query_params[param] = LIST_SEPARATOR.join(to_url(v) for v in values)
    elif param in st.query_params:
        del st.query_params[param]
    return values


def indicator_picker(*, key: str, notices: list[str], param: str = "indicator") -> str:
    """Pick an indicator (URL: its key)."""
    specs = queries.indicator_specs()
    options = list(specs)
    return url_select(
        "Indicator",
        options,
        key=key,
        param=param,
        default=options[0],
        notices=notices,
        format_func=lambda k: specs[k].label,
        what="de indicator",
    )


def level_picker(*, key: str, notices: list[str], param: str = "niveau") -> str:
    """Pick gemeente, RMC-regio or provincie (URL: gemeente | rmc | provincie)."""
    return url_select(
        "Niveau",
        list(queries.LEVELS),
        key=key,
        param=param,
        default="gemeente",
        notices=notices,
        format_func=level_title,
        what="het niveau",
        horizontal_radio=True,
    )


def year_picker(
    indicator_key: str, *, key: str, notices: list[str], param: str = "jaar"
) -> tuple[str, bool]:
    """Pick a school year of the indicator, newest by default; voorlopig years get an asterisk.

    Returns:
        (school year label, is_voorlopig).
    """
    years = queries.school_years(indicator_key)
    labels = list(years["school_year"])[::-1]
    voorlopig = dict(zip(years["school_year"], years["is_voorlopig"], strict=True))
    year = url_select(
        "Schooljaar",
        labels,
        key=key,
        param=param,
        default=labels[0],
        notices=notices,
        format_func=lambda y: format_school_year(y, bool(voorlopig.get(y))),
        what="het schooljaar",
        help="Een * betekent: voorlopig cijfer.",
    )
    return year, bool(voorlopig.get(year))


def region_label(row: dict[str, Any], with_level: bool = True) -> str:
    """`Amsterdam (gemeente)`."""
    name = str(row["region_name"])
    return f"{name} ({level_label(str(row['region_level']))})" if with_level else name


def carried_region() -> tuple[str, str] | None:
    """The user's region carried across pages as (level, code), or None."""
    raw = str(st.session_state.get(SHARED_REGION_KEY) or "")
    level, _, code = raw.partition(":")
    return (level, code) if code else None


def remember_region(level: str | None, code: str | None) -> None:
    """Carry a region to the other pages (None forgets it)."""
    st.session_state[SHARED_REGION_KEY] = f"{level}:{code}" if level and code else None


def home_region_picker(*, key: str, notices: list[str], param: str = "regio") -> str | None:
    """Pick the user's own region (gemeente, RMC-regio or provincie), carried to other pages.

    Returns:
        The region code, or None for "only the country".
    """
    rows = {
        code: row
        for code, row in queries.region_rows().items()
        if row["region_level"] in queries.LEVELS
    }
    none = ""
    options = [none, *rows]
    carried = carried_region()
    default = carried[1] if carried and carried[1] in rows else none
    code = url_select(
        "Uw regio",
        options,
        key=key,
        param=param,
        default=default,
        notices=notices,
        format_func=lambda c: region_label(rows[c]) if c else "Geen (alleen Nederland)",
        what="de regio",
        help="Kies uw gemeente, RMC-regio of provincie. De andere pagina's nemen deze keuze over.",
    )
    if code:
        remember_region(str(rows[code]["region_level"]), code)
        return code
    if param in st.query_params:
        del st.query_params[param]
    remember_region(None, None)
    return None


def default_focus(region_level: str) -> list[str]:
    """The carried region translated to a level: a gemeente's RMC-regio or provincie."""
    carried = carried_region()
    if carried is None:
        return []
    level, code = carried
    if level == region_level:
        return [code]
    regions = queries.all_regions().set_index("region_code")
    if code not in regions.index:
        return []
    row = regions.loc[code]
    if region_level == "rmc" and level == "gemeente" and pd.notna(row["rmc_code"]):
        return [str(row["rmc_code"])]
    if region_level == "provincie" and pd.notna(row["provincie_code"]):
        return [str(row["provincie_code"])]
    return []


@dataclass(frozen=True)
class CarriedArea:
    """The carried RMC-regio or provincie seen from a lower level: its member regions."""

    level: str
    code: str
    name: str
    members: list[str]


def carried_area(region_level: str) -> CarriedArea | None:
    """When the carried region is an RMC-regio or provincie above `region_level`, that area and
    its regions of `region_level` (a gemeente-level page then shows "de gemeenten in mijn
    RMC-regio"); None otherwise."""
    carried = carried_region()
    if carried is None:
        return None
    return area_members(carried[0], carried[1], region_level)


def area_members(level: str, code: str, region_level: str) -> CarriedArea | None:
    """The regions of `region_level` inside the RMC-regio or provincie `code` (None when
    `level` is not above `region_level`)."""
    parent_column = {"rmc": "rmc_code", "provincie": "provincie_code"}.get(level)
    if (
        parent_column is None
        or region_level == level
        or (level, region_level)
        == (
            "rmc",
            "provincie",
        )
    ):
        return None
    regions = queries.all_regions()
    row = regions[regions["region_code"] == code]
    if row.empty:
        return None
    members = regions[(regions["region_level"] == region_level) & (regions[parent_column] == code)]
    if members.empty:
        return None
    # by code, so a link to the same area is the same URL whatever the names are
    return CarriedArea(
        level, code, str(row["region_name"].iloc[0]), sorted(map(str, members["region_code"]))
    )


def carried_parent(options: Sequence[str]) -> str:
    """The option of an "within which area" picker that the carried region implies: the area
    itself, or a gemeente's RMC-regio or provincie; '' (everything) when none fits."""
    carried = carried_region()
    if carried is None:
        return ""
    level, code = carried
    if code in options:
        return code
    row = queries.region_row(code) or {}
    for column in ("rmc_code", "provincie_code"):
        parent = row.get(column)
        if level == "gemeente" and isinstance(parent, str) and parent in options:
            return parent
    return ""


def area_description(area: CarriedArea, region_level: str) -> str:
    """`de gemeenten in RMC-regio Utrecht`."""
    return f"de {level_label(region_level, plural=True)} in {level_label(area.level)} {area.name}"


def peer_reasons(region_level: str, focus: Sequence[str]) -> None:
    """Under "Vergelijkbare ...": per focus region its peers with the sentence why similar."""
    names = dict(
        zip(
            queries.regions(region_level)["region_code"],
            queries.regions(region_level)["region_name"],
            strict=True,
        )
    )
    groups = [(code, queries.peer_groups(region_level, code)) for code in focus]
    groups = [(code, peers) for code, peers in groups if not peers.empty]
    if not groups:
        return
    with st.expander("Waarom vergelijkbaar?"):
        for code, peers in groups:
            st.markdown(f"**{markup.escape(names.get(code, code))}**")
            st.dataframe(
                peers[["peer_rank", "peer_name", "reason"]].rename(
                    columns={"peer_rank": "Nr.", "peer_name": "Regio", "reason": "Waarom"}
                ),
                hide_index=True,
                width="stretch",
            )
        first = groups[0][1]
        basis = vergelijken_text.peers_basis(len(first), int(first["characteristics_year"].iloc[0]))
        st.caption(
            f"{basis} Wilt u een andere groep, kies dan Eigen selectie; die staat in de link van "
            "deze pagina."
        )


def area_link(level: str, code: str) -> None:
    """From an RMC-regio or provincie, one click to Vergelijken with its gemeenten."""
    area = area_members(level, code, "gemeente")
    if area is None:
        return
    noun = "RMC-regio" if level == "rmc" else "provincie"
    st.page_link(
        "app_pages/vergelijken.py",
        label=f"Vergelijk de gemeenten in mijn {noun}",
        icon=":material/compare_arrows:",
        query_params={
            "niveau": "gemeente",
            "vergelijk": queries.COMPARE_CHOSEN,
            "selectie": LIST_SEPARATOR.join(area.members),
        },
    )


def indicator_select(
    label: str, labels: Mapping[str, str], *, key: str, param: str, notices: list[str]
) -> str:
    """Pick one of `labels` (indicator key -> Dutch label) in the URL; the first is the default."""
    return url_select(
        label,
        list(labels),
        key=key,
        param=param,
        default=next(iter(labels)),
        notices=notices,
        format_func=lambda k: labels[k],
        what="de indicator",
    )


def focus_picker(
    region_level: str, *, key: str, notices: list[str], param: str = "focus"
) -> list[str]:
    """Pick up to five focus regions of a level (URL: codes joined by `~`)."""
    frame = queries.regions(region_level)
    names = dict(zip(frame["region_code"], frame["region_name"], strict=True))
    return url_multiselect(
        "Focusregio's (maximaal 5)",
        list(names),
        key=f"{key}_{region_level}",
        param=param,
        default=[c for c in default_focus(region_level) if c in names],
        notices=notices,
        format_func=lambda c: names[c],
        what=f"{level_label(region_level, plural=True)}",
        placeholder=f"Kies een of meer {level_label(region_level, plural=True)}",
        max_selections=5,
        help="De focusregio's worden gemarkeerd in de kaart, de rangorde en de trechter.",
    )


COMPARE_LABELS = {
    queries.COMPARE_ALL: "Alle",
    queries.COMPARE_PROVINCIE: "Zelfde provincie",
    queries.COMPARE_RMC: "Zelfde RMC-regio",
    queries.COMPARE_PEERS: "Vergelijkbare regio's",
    queries.COMPARE_CHOSEN: "Eigen selectie",
}


def compare_picker(
    region_level: str,
    *,
    key: str,
    notices: list[str],
    param: str = "vergelijk",
    default: str = queries.COMPARE_ALL,
) -> str:
    """Pick the comparison set (all, same provincie, same RMC-regio, vergelijkbare regio's of
    the focus regions, own selection)."""
    return url_select(
        "Vergelijken met",
        queries.comparison_modes(region_level),
        key=f"{key}_{region_level}",
        param=param,
        default=default,
        notices=notices,
        format_func=lambda mode: (
            f"Vergelijkbare {level_label(region_level, plural=True)}"
            if mode == queries.COMPARE_PEERS
            else COMPARE_LABELS[mode]
        ),
        what="de vergelijkingsgroep",
        horizontal_radio=True,
    )


def chosen_picker(
    region_level: str,
    *,
    key: str,
    notices: list[str],
    param: str = "selectie",
    default: Sequence[str] = (),
) -> list[str]:
    """Pick the regions of an own comparison set (URL: codes joined by `~`)."""
    frame = queries.regions(region_level)
    names = dict(zip(frame["region_code"], frame["region_name"], strict=True))
    return url_multiselect(
        "Eigen selectie",
        list(names),
        key=f"{key}_{region_level}",
        param=param,
        default=[c for c in default if c in names],
        notices=notices,
        format_func=lambda c: names[c],
        placeholder=f"Kies de {level_label(region_level, plural=True)} om mee te vergelijken",
    )


# --- page furniture ------------------------------------------------------------------------

# A constant snippet (nothing from the URL or the data is put into it): the button copies the
# address bar, which restores the view exactly (every picker lives in the query string). The
# clipboard API needs a secure context (https or localhost); elsewhere the old execCommand
# route is tried, and failing both the link is selected in a text field to copy by hand.
COPY_LINK_HTML = """
<div class="kompas-copy-link">
  <button type="button" class="kompas-copy-button">Kopieer link</button>
  <span class="kompas-copy-status" role="status" aria-live="polite"></span>
  <input type="text" readonly hidden aria-label="Link naar deze weergave">
</div>
<script>
document.querySelectorAll('.kompas-copy-link:not([data-ready])').forEach(function (box) {
  box.setAttribute('data-ready', '1');
  var button = box.querySelector('button');
  var status = box.querySelector('.kompas-copy-status');
  var field = box.querySelector('input');
  function done(text) { status.textContent = text; }
  function fallback() {
    field.hidden = false;
    field.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    done(ok ? 'Link gekopieerd' : 'Kopieer de link hieronder met Ctrl+C (Cmd+C op een Mac).');
  }
  button.addEventListener('click', function () {
    var url = window.location.href;
    box.setAttribute('data-offered-url', url);
    field.value = url;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { done('Link gekopieerd'); }, fallback);
    } else {
      fallback();
    }
  });
});
</script>
<style>
.kompas-copy-button { font: inherit; padding: 0.25rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid #595959; background: white; color: #1A1A1A; cursor: pointer; }
.kompas-copy-button:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.kompas-copy-status { margin-left: 0.5rem; color: #1A1A1A; }
.kompas-copy-link input { display: block; width: 100%; margin-top: 0.25rem; }
.kompas-copy-link input[hidden] { display: none; }
</style>
"""
# On narrow screens (phones) the plotly toolbar covers chart titles and legends: hide it.
SMALL_SCREEN_CSS = """
<style>
@media (max-width: 640px) { .js-plotly-plot .modebar-container { display: none !important; } }
</style>
"""


def copy_link_button() -> None:
    """A "Kopieer link" button for the current view, with Dutch feedback; offline."""
    st.html(COPY_LINK_HTML, unsafe_allow_javascript=True)


def small_screen_style() -> None:
    """Hide the chart toolbar on phone-sized screens (CSS only; takes no space)."""
    st.html(SMALL_SCREEN_CSS)


def demo_banner(build: dict[str, Any]) -> None:
    """Say at the top of every page when the warehouse holds demo data."""
    if bool(build.get("is_demo")):
        st.warning(
            "**Demogegevens.** Deze cijfers zijn verzonnen (synthetisch) en dienen alleen om "
            "Kompas te leren kennen en te oefenen. Gebruik ze niet als echte cijfers. "
            "Zie *Over de cijfers*.",
            icon=":material/science:",
        )


def sidebar_footer(build: dict[str, Any], sources: pd.DataFrame) -> None:
    """Sources, licences and the build date, in the sidebar of every page."""
    lines = [
        markup.escape(f"{row['producer']} ({row['licence']})")
        for row in sources.to_dict("records")
        if row.get("producer")
    ]
    unique = list(dict.fromkeys(lines))
    # markdown, not caption: caption grey on the sidebar background is 4.43:1 (WCAG AA: 4.5)
    st.sidebar.markdown(
        "**Bronnen:** "
        + "; ".join(unique)
        + f"  \n**Bijgewerkt:** {markup.escape(format_date(build.get('built_at')))}"
        + (
            f" · versie {markup.escape(build['kompas_version'])}"
            if build.get("kompas_version")
            else ""
        )
    )


def source_note(source_key: str, build: dict[str, Any]) -> None:
    """One line under a chart or table: source, licence, build date."""
    row = queries.source_row(source_key)
    if row:
        text = f"Bron: {row['producer']}, {row['title']} (licentie: {row['licence']})."
    else:
        text = f"Bron: {source_key}."
    st.caption(markup.escape(f"{text} Magazijn gebouwd op {format_date(build.get('built_at'))}."))


def voorlopig_footnote() -> None:
    """Explain the asterisk."""
    st.caption(VOORLOPIG_FOOTNOTE.replace("*", "\\*", 1))  # not a Markdown list item


DOWNLOAD_LABEL = "Download als CSV"


def download_csv(
    table: pd.DataFrame, *, key: str, view: str, indicators: Sequence[str] | None
) -> None:
    """Kompas's own Dutch download of a table as shown, with the verantwoording (it replaces
    Streamlit's English dataframe toolbar, which is hidden and bypassed the provenance).

    Args:
        table: The display table, exactly as the page shows it.
        key: Unique element key (also names the file).
        view: What the page shows here, in words (written into the verantwoording).
        indicators: Indicator keys behind the table (their definitions and sources go into the
            file); None for a table about all of them (sources, checks).
    """
    build = queries.build_info()
    day = str(build.get("built_at") or "onbekend")[:10]

    def csv_bytes() -> bytes:  # only when clicked: the verantwoording is read then
        registry = queries.indicators()
        keys = list(registry["indicator_key"]) if indicators is None else list(indicators)
        provenance = export.provenance_for(
            build, queries.sources(), registry, keys, None, suppression_threshold(), view
        )
        return export.view_csv_bytes(table, provenance)

    st.download_button(
        DOWNLOAD_LABEL,
        data=csv_bytes,
        file_name=f"kompas_{key.replace('__', '_')}_{day}.csv",
        mime=export.CSV_MIME,
        on_click="ignore",
        key=f"{key}_csv",
        icon=":material/download:",
        type="tertiary",
    )


def file_download(
    label: str,
    data: bytes | Callable[[], bytes],
    file_name: str,
    key: str,
    mime: str = export.CSV_MIME,
) -> None:
    """A download button for a whole file (the bureau's lists, the OCW table set); `data` may
    be a function, then the file is made only when clicked."""
    st.download_button(
        label,
        data=data,
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        key=key,
        icon=":material/download:",
    )


def data_table(
    table: pd.DataFrame,
    *,
    key: str,
    view: str,
    indicators: Sequence[str] | None,
    height: Literal["auto", "content"] = "auto",
) -> None:
    """A display table with its Dutch CSV download right under it (see `download_csv`);
    `height="content"` shows every row at once."""
    st.dataframe(table, hide_index=True, width="stretch", key=key, height=height)
    download_csv(table, key=key, view=view, indicators=indicators)


def chart(
    fig: go.Figure,
    *,
    alt_text: str,
    table: pd.DataFrame | None,
    key: str,
    indicators: Sequence[str] = (),
    is_map: bool = False,
    table_label: str = "Toon de cijfers als tabel",
    size: tuple[int, int] | None = None,
) -> None:
    """A chart with its text alternative underneath, its data one click away and a Dutch CSV
    download of that data next to it.

    Args:
        fig: The figure.
        alt_text: One or two plain sentences saying what the chart shows (the text
            alternative); shown as written (escaped here), so no Markdown. It also names the
            view in the download's verantwoording.
        table: The chart's data as a display table (None: no table; the page shows the data
            in a table of its own, with its own download).
        key: Unique element key.
        indicators: Indicator keys behind the chart (for the download's verantwoording).
        is_map: Maps need the local topojson config to draw offline.
        table_label: Label of the expander.
        size: Draw the chart as an SVG inside the page, this many pixels wide and high (it
            shrinks to a narrower column), instead of with plotly: Kompas's own renderer
            (`reports.draw`: the report's `reports.svg`, `reports.svg_bars` for the ranking,
            `reports.svg_heatmap` for a heatmap), each point's, bar's, region's or cell's
            plotly hover text its tooltip, a map's regions without a figure
            (`charts.NO_FIGURE_META`) hatched as in the report. The page then loads no chart
            library (plotly's module alone took 0.8 s of a cold load's main thread).
    """
    if size is None:
        config = MAP_CONFIG if is_map else CHART_CONFIG
        st.plotly_chart(fig, key=key, config=config, width="stretch")
    else:
        hatched = [i for i, t in enumerate(fig.data) if t.meta == charts.NO_FIGURE_META]
        svg = figure_svg_once(fig, *size, hatched=hatched)
        st.markdown(markup.inline_svg(svg, alt_text, key), unsafe_allow_html=True)
    _chart_text_and_data(alt_text, table, key, indicators, table_label)


def static_chart(
    image: str,
    *,
    alt_text: str,
    table: pd.DataFrame,
    key: str,
    indicators: Sequence[str] = (),
    table_label: str = "Toon de cijfers als tabel",
) -> None:
    """`chart` for a chart drawn as an image (`markup.svg_image`): the same text alternative,
    table and download, without a chart library in the browser."""
    st.markdown(image)
    _chart_text_and_data(alt_text, table, key, indicators, table_label)


def _chart_text_and_data(
    alt_text: str,
    table: pd.DataFrame | None,
    key: str,
    indicators: Sequence[str],
    table_label: str,
) -> None:
    st.caption(markup.escape(alt_text))
    if table is not None:
        download_csv(table, key=f"{key}_table", view=alt_text, indicators=indicators)
        with st.expander(table_label):
            st.dataframe(table, hide_index=True, width="stretch", key=f"{key}_table")


def missing_warehouse_message(path: str, reason: str | None = None) -> None:
    """Explain in Dutch how to build a warehouse when none exists yet."""
    st.error(
        "**Er is nog geen cijferbestand (magazijn).** Kompas toont cijfers uit "
        f"{markup.escape(path)}, maar dat bestand bestaat nog niet."
        + (f"\n\nDe automatische opbouw lukte niet: {markup.escape(reason)}" if reason else "")
        + "\n\nMaak het zo aan (in de map van Kompas):\n\n"
        "```\npython -m etl demo --raw-dir data/demo-raw\n"
        "python -m etl build --raw-dir data/demo-raw\n```\n\n"
        "Herlaad daarna deze pagina.",
        icon=":material/database:",
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def _comparison_figures(
    indicator_key: str,
    region_level: str,
    school_year: str,
    mode: str,
    focus: tuple[str, ...],
    chosen: tuple[str, ...],
    warehouse: queries.Warehouse,
) -> dict[str, go.Figure]:
    spec = queries.indicator_specs()[indicator_key]
    comp = queries.comparison(indicator_key, region_level, school_year, mode, focus, chosen)
    values, in_set = markup.plotly_names(comp.values), markup.plotly_names(comp.in_set)
    value_label = axis_label(spec.short_label, spec.unit)
    national = comp.national.value if comp.national else None
    return {
        "map": charts.choropleth(
            values,
            queries.region_geojson(region_level),
            unit=spec.unit,
            decimals=spec.decimals,
            show_names=region_level != "gemeente",
        ),
        "ranking": charts.ranking_bar(
            in_set,
            unit=spec.unit,
            decimals=spec.decimals,
            national_value=national,
            value_label=value_label,
            national_estimate=bool(comp.national and comp.national.response),
        ),
        "funnel": charts.funnel_plot(
            in_set,
            comp.limits,
            unit=spec.unit,
            decimals=spec.decimals,
            value_label=value_label,
            denominator_label=short_denominator_label(spec.denominator_definition),
            centre_response=comp.national.response if comp.national else "",
        ),
    }


def comparison_figures(
    indicator_key: str,
    region_level: str,
    school_year: str,
    mode: str,
    focus: Sequence[str],
    chosen: Sequence[str],
) -> dict[str, go.Figure]:
    """Map, ranking and funnel of a Vergelijken selection (built once per selection)."""
    return _comparison_figures(
        indicator_key,
        region_level,
        school_year,
        mode,
        tuple(focus),
        tuple(chosen),
        queries.warehouse_id(),
    )


def map_names_note(fig: go.Figure, regions: int) -> str:
    """The map caption's note that names left off the map (`charts.choropleth` writes only
    those that fit) are in the table and on hover: when the map writes some of its `regions`'
    names but not all ('' otherwise)."""
    written = sum(len(t.text) for t in fig.data if t.type == "scattergeo")
    return vergelijken_text.MAP_NAMES_NOTE if 0 < written < regions else ""


@dataclass(frozen=True)
class TrendChart:
    """One Regioprofiel line chart (an SVG image, see `TREND_SIZE`) with its text alternative
    and its data table."""

    key: str
    image: str
    alt_text: str
    table: pd.DataFrame


@dataclass(frozen=True)
class Profile:
    """The part of Regioprofiel that follows from the region alone: the summary sentences and
    a line chart per indicator."""

    summary: list[str]
    trends: list[TrendChart]


def _trend_chart(
    key: str, series: pd.DataFrame, indicator: dict[str, Any], region_name: str
) -> TrendChart:
    alt = tables.trend_alt_text(series, indicator, region_name)
    figure = charts_profile.indicator_trend(series, indicator, markup.plotly_text(region_name))
    return TrendChart(
        key=key,
        image=markup.svg_image(figure_svg(figure, *TREND_SIZE), alt),
        alt_text=alt,
        table=tables.trend_table(series, indicator, region_name),
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def _profile(
    region_level: str, region_code: str, region_name: str, warehouse: queries.Warehouse
) -> Profile:
    series = queries_explore.profile_series(region_level, region_code)
    indicators = queries.indicators()
    return Profile(
        summary=tables.profile_summary(series, indicators, region_name),
        trends=[
            _trend_chart(key, series, indicator, region_name)
            for key, indicator in tables.indicator_map(indicators).items()
        ],
    )


def profile(region_level: str, region_code: str, region_name: str) -> Profile:
    """Summary and line charts of a Regioprofiel region, built once per region and warehouse
    and shared read-only (st.plotly_chart and st.dataframe serialise copies)."""
    return _profile(region_level, region_code, region_name, queries.warehouse_id())


def _latest_change(
    series: pd.DataFrame, spec: queries.Indicator
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, Change]:
    """The one place the cards compute a change (newest year against the year before)."""
    return latest_change(series, spec.model, spec.multiplier)


def change_delta_colour(change: Change, higher_is_worse: bool) -> str:
    """st.metric delta colour: red/green only when the change is more than chance (its
    interval leaves out 0) and a higher value is worse; grey otherwise, as the sentence says."""
    return "inverse" if higher_is_worse and change.more_than_chance else "off"


def _change_metric(
    column: Any,
    label: str,
    new: dict[str, Any],
    old: object,
    change: Change,
    spec: queries.Indicator,
    *,
    help: str,
    value: str | None = None,
) -> None:
    """A card metric: the newest value and its change, in the indicator's decimals."""
    column.metric(
        label,
        value or format_compact(new["value"], spec.unit, spec.decimals),
        delta=None
        if old is None or not change.computable
        else format_compact_change(change.difference, spec.unit, spec.decimals),
        delta_color=change_delta_colour(change, spec.higher_is_worse),
        delta_arrow="auto" if old is not None else "off",
        help=help,
    )


def region_metric(
    region: pd.DataFrame,
    national_new: dict[str, Any],
    spec: queries.Indicator,
    name: str,
    latest: tuple[dict[str, Any] | None, dict[str, Any] | None, Change] | None = None,
) -> None:
    """The chosen region on a card: value and change like the country, its 95%-interval and
    where it lies against Nederland in the same school year (funnel verdict). `latest` is the
    region's `_latest_change` when the caller has it already."""
    last, old, change = latest or _latest_change(region, spec)
    assert last is not None
    hidden = bool(last["is_suppressed"])
    absent = str(last["flag"]) == NO_SUBMISSION
    # `geen opgave` is too wide for a metric on a card (cut to `geen…`): a dash, said under it
    shown = MISSING if absent else hidden_label(str(last["flag"])) if hidden else None
    label = markup.escape(name)
    _change_metric(
        st,
        label,
        last,
        old,
        change,
        spec,
        help=f"{label}, verandering ten opzichte van het schooljaar ervoor.",
        value=shown,
    )
    if absent:
        st.caption(NO_SUBMISSION_LABEL)
    if hidden:
        return
    note = row_response(last)
    if note:  # an estimate has no interval and no verdict: its response instead
        st.caption(markup.escape(note))
        return
    same_year = last["school_year"] == national_new["school_year"]
    verdict = str(last.get("funnel_class") or "") if same_year else ""
    st.caption(
        f"95%-interval {format_interval(last['ci_lower'], last['ci_upper'], None, spec.decimals)}"
        + (f" · {verdicts.COLUMN}: {verdicts.short(verdict)}" if same_year else "")
    )


@dataclass(frozen=True)
class _NationalCard:
    """The country's part of an Overzicht card, the same for every region: computed once per
    (indicator, warehouse), so choosing another region only builds the region's part."""

    series: pd.DataFrame
    new: dict[str, Any]
    old: dict[str, Any] | None
    change: Change
    year_new: str
    first_year: str
    sentence: str
    responses: str
    table: pd.DataFrame


@dataclass(frozen=True)
class _Card:
    """What an Overzicht card shows, computed once per (indicator, region, warehouse) and
    shared read-only between sessions and reruns (elements serialise copies)."""

    new: dict[str, Any]
    old: dict[str, Any] | None
    change: Change
    year_new: str
    region: pd.DataFrame | None
    region_latest: tuple[dict[str, Any] | None, dict[str, Any] | None, Change] | None
    chart: str
    caption: str
    alt: str
    table: pd.DataFrame


@st.cache_resource(max_entries=64, show_spinner=False)
def _national_card(indicator_key: str, warehouse: queries.Warehouse) -> _NationalCard | None:
    """The country's figures, change sentence and table; None when it has no figures."""
    spec = queries.indicator_specs()[indicator_key]
    national = queries.national_series(spec.key)
    if national.empty:
        return None
    new, old, change = _latest_change(national, spec)
    assert new is not None
    year_new = format_school_year(str(new["school_year"]), new["status"] == "voorlopig")
    sentence = narrative.change_sentence(
        label=narrative.national_subject(spec.short_label, spec.unit),
        unit=spec.unit,
        decimals=spec.decimals,
        value_new=new["value"],
        value_old=old["value"] if isinstance(old, dict) else None,
        year_new=year_new,
        year_old=str(old["school_year"]) if isinstance(old, dict) else "",
        change=change,
        higher_is_worse=spec.higher_is_worse,
    )
    return _NationalCard(
        series=national,
        new=new,
        old=old,
        change=change,
        year_new=year_new,
        first_year=str(national["school_year"].iloc[0]),
        sentence=sentence,
        responses=response_years(national, "Nederland"),
        table=series_display(national, spec.unit, spec.decimals),
    )


@st.cache_resource(max_entries=512, show_spinner=False)
def _card(
    indicator_key: str,
    region_code: str | None,
    region_name: str | None,
    warehouse: queries.Warehouse,
) -> _Card | None:
    """The card's figures, sentence, chart and table; None when the country has no figures."""
    country = _national_card(indicator_key, warehouse)
    if country is None:
        return None
    spec = queries.indicator_specs()[indicator_key]
    national = country.series
    region = queries.region_series(region_code, spec.key) if region_code else None
    if region is not None and region.empty:
        region = None
    responses = response_sentence(
        [
            country.responses,
            response_years(region, region_name) if region is not None and region_name else "",
        ]
    )
    alt = (
        f"Grafiek {country.first_year} tot {country.year_new}: Nederland (blauw, doorgetrokken)"
        + (f" en {region_name} (oranje, gestippeld)" if region_name else "")
        + (f"; trendbreuk vanaf {join_dutch(spec.trend_breaks)}" if spec.trend_breaks else "")
        + "; open rondje = voorlopig"
        + (f"; {responses}" if responses else "")
        + "."
    )
    table = country.table
    if region is not None and region_name:
        table = with_region_column(table, national, region, region_name, spec.unit, spec.decimals)
    return _Card(
        new=country.new,
        old=country.old,
        change=country.change,
        year_new=country.year_new,
        region=region,
        region_latest=None if region is None else _latest_change(region, spec),
        chart=markup.svg_image(
            figure_svg(
                charts.sparkline_parts(
                    national,
                    unit=spec.unit,
                    decimals=spec.decimals,
                    trend_breaks=spec.trend_breaks,
                    region_series=region,
                    region_name=None if region_name is None else markup.plotly_text(region_name),
                ),
                *SPARKLINE_SIZE,
            ),
            alt,
        ),
        caption=markup.escape(f"{country.sentence} {alt}"),
        alt=alt,
        table=table,
    )


def indicator_card(
    spec: queries.Indicator,
    *,
    region_code: str | None,
    region_name: str | None,
    key: str,
) -> None:
    """Overzicht card: newest national figure, change against the year before with its
    interval, a small trend line (with the user's region when chosen) and its table.

    Args:
        spec: The indicator.
        region_code: The user's region, or None for only the country.
        region_name: Its name (looked up once for all cards).
        key: Element key prefix.
    """
    card = _card(spec.key, region_code, region_name, queries.warehouse_id())
    if card is None:
        st.markdown(f"**{markup.escape(spec.label)}**")
        st.caption("Geen landelijke cijfers in dit magazijn.")
        return
    st.markdown(f"**{markup.escape(spec.label)}**")
    st.caption(
        markup.escape(
            f"Schooljaar {card.year_new}" + ("" if spec.unit == "%" else f", {spec.unit}")
        )
    )
    cols = st.columns(2 if card.region is not None else 1)
    _change_metric(
        cols[0],
        "Nederland",
        card.new,
        card.old,
        card.change,
        spec,
        help=markup.escape(
            f"{spec.definition} Verandering ten opzichte van het schooljaar ervoor."
        ),
    )
    if note := row_response(card.new):
        cols[0].caption(markup.escape(note))
    if card.region is not None and region_name:
        with cols[1]:
            region_metric(card.region, card.new, spec, region_name, card.region_latest)
    st.markdown(card.chart)
    st.caption(card.caption)
    download_csv(
        card.table,
        key=f"{key}_table",
        view=f"Overzicht, {spec.label}: {card.alt}",
        indicators=[spec.key],
    )
    with st.expander("Toon de cijfers als tabel"):
        st.dataframe(card.table, hide_index=True, width="stretch", key=f"{key}_table")


def report_button(code: str) -> None:
    """'Download regiorapport (PDF)': the region's report, built only when clicked."""
    st.download_button(
        "Download regiorapport (PDF)",
        data=lambda: report_pdf(code),
        file_name=report_file_name(code),
        mime=export.PDF_MIME,
        on_click="ignore",
        key=f"report__{code}",
        icon=":material/picture_as_pdf:",
        help="Alle cijfers van deze regio op A4: kerncijfers, ontwikkeling, trechterdiagram, "
        "definities en bronnen.",
    )
