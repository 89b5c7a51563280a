"""Figures turned into one or two honest sentences of plain Dutch.

The sentences say where a region lies against the country and whether that difference is more
than chance (funnel limits), respect `higher_is_worse` (no judgement for indicators where
higher is not worse), say when a count is too small to show, and flag provisional figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.db import suppression_threshold
from dashboard.formatting import (
    count_regions,
    format_change,
    format_date,
    format_interval,
    format_number,
    format_value,
    is_missing,
    join_dutch,
    level_label,
    response_column,
    sentence_label,
)
from dashboard.markup import escape
from dashboard.texts import verdicts
from stats import funnel
from stats.change import Change
from stats.response import NO_INTERVAL_VERDICT, NO_SUBMISSION, NO_SUBMISSION_LABEL


def national_noun(unit: str) -> str:
    """`het landelijke percentage` for shares, `het landelijke cijfer` for rates."""
    return "het landelijke percentage" if unit == "%" else "het landelijke cijfer"


def national_subject(short_label: str, unit: str) -> str:
    """The national figure of an indicator as the subject of a sentence:
    `het landelijke vsv-percentage`, `het landelijke cijfer voor absoluut verzuim`."""
    label = sentence_label(short_label, unit)
    if label.endswith("percentage"):
        return f"het landelijke {label}"
    return f"{national_noun(unit)} voor {label}"


def voorlopig_note(school_year: str) -> str:
    """The sentence that flags provisional figures."""
    return f"Let op: de cijfers over {school_year} zijn voorlopig en kunnen nog veranderen."


def region_sentence(
    *,
    region_name: str,
    value: float | None,
    flag: str,
    national_value: float | None,
    classification: str,
    unit: str,
    decimals: int,
    higher_is_worse: bool,
    school_year: str,
    region_level: str,
    is_voorlopig: bool = False,
    response: str = "",
) -> str:
    """Where one region lies against the country, and whether that is more than chance (an
    estimate gets no verdict: it says so, with its response).

    Args:
        region_name: Name of the region.
        value: Its value (None when missing or suppressed).
        flag: '' shown, 'primary' (small count), 'secondary' (hidden to protect another) or
            'no_submission' (no figure was sent: geen opgave).
        national_value: The national value (None when missing).
        classification: One of the `stats.funnel` codes for this region.
        unit: Indicator unit.
        decimals: Decimals to show.
        higher_is_worse: Whether a higher value is unfavourable.
        school_year: School year label.
        region_level: Level of the region (names its peers: "tussen gemeenten").
        is_voorlopig: Whether the figures are provisional.
        response: `geschat; respons 4 van 6 gemeenten (67 %)` for an estimate
            (`formatting.row_response`), '' for a figure resting on all its gemeenten.

    Returns:
        One or two sentences (three with the voorlopig note).
    """
    if flag == NO_SUBMISSION:
        who = (
            "de gemeente gaf geen"
            if region_level == "gemeente"
            else "geen van de gemeenten gaf een"
        )
        text = (
            f"Voor {region_name} is er in {school_year} geen cijfer: {NO_SUBMISSION_LABEL} "
            f"({who} cijfer op)."
        )
    elif flag == "primary":
        text = (
            f"Voor {region_name} is het aantal in {school_year} kleiner dan "
            f"{suppression_threshold()}. Om privacyredenen tonen we daarom geen cijfer."
        )
    elif flag:
        text = (
            f"Voor {region_name} tonen we in {school_year} geen cijfer, zodat een klein aantal "
            f"elders niet terug te rekenen is. Het aantal zelf is {suppression_threshold()} "
            "of meer."
        )
    elif is_missing(value) or is_missing(national_value):
        text = f"Voor {region_name} is er in {school_year} geen cijfer om te vergelijken."
    else:
        assert value is not None and national_value is not None
        shown = format_value(value, unit, decimals)
        national = format_value(national_value, unit, decimals)
        noun = national_noun(unit)
        if response and response != NO_SUBMISSION_LABEL:
            side = (
                "gelijk aan"
                if shown == national
                else ("boven" if value > national_value else "onder")
            )
            text = (
                f"{region_name} ligt met {shown} {side} {noun} ({national}). Dit cijfer is "
                f"{response}: een schatting krijgt geen oordeel ten opzichte van Nederland."
            )
        elif shown == national:
            text = f"{region_name} ligt met {shown} gelijk aan {noun}."
        else:
            side = "boven" if value > national_value else "onder"
            start = f"{region_name} ligt met {shown} {side} {noun} ({national})"
            if classification in (funnel.ABOVE_998, funnel.BELOW_998):
                text = (
                    f"{start}, buiten de 99,8%-grens: dit verschil is groter dan toeval en dan "
                    f"de gewone verschillen tussen {level_label(region_level, plural=True)}."
                )
            elif classification in (funnel.ABOVE_95, funnel.BELOW_95):
                text = (
                    f"{start}, buiten de 95%-grens maar binnen de 99,8%-grens: het verschil is "
                    "waarschijnlijk geen toeval, maar wees voorzichtig met conclusies."
                )
            else:
                text = f"{start}, maar {verdicts.long(funnel.WITHIN)}."
            if classification != funnel.WITHIN and classification != funnel.NOT_ASSESSED:
                text += " " + _judgement(value > national_value, higher_is_worse)
    if is_voorlopig:
        text += " " + voorlopig_note(school_year)
    return text


def national_estimate_note(value: float | None, unit: str, decimals: int, response: str) -> str:
    """`Het landelijke cijfer (4,7 per 1.000) is geschat; respons 41 van 42 gemeenten (98 %).`"""
    return (
        f"{national_noun(unit)[:1].upper()}{national_noun(unit)[1:]} "
        f"({format_value(value, unit, decimals)}) is {response}."
    )


def _judgement(is_above: bool, higher_is_worse: bool) -> str:
    if not higher_is_worse:
        return "Bij deze indicator is een hogere waarde niet per se beter of slechter."
    if is_above:
        return "Omdat een hogere waarde hier ongunstig is, vraagt dit om aandacht."
    return "Omdat een lagere waarde hier gunstig is, is dit een goed teken."


def set_summary(
    counts: Mapping[str, int],
    *,
    region_level: str,
    set_description: str,
    total: int,
    estimates: int = 0,
    without_opgave: int = 0,
) -> str:
    """How many regions of the comparison set lie outside the limits.

    Args:
        counts: Output of `funnel.count_classes` for the set.
        region_level: Level of the regions (for the noun).
        set_description: e.g. "alle gemeenten" or "de gemeenten in Utrecht".
        total: Number of regions in the set.
        estimates: How many of them have an estimated figure (not assessed, not "geen
            cijfer").
        without_opgave: How many of the regions without a figure sent none (geen opgave).

    Returns:
        One sentence.
    """
    plural = level_label(region_level, plural=True)
    above = counts.get(funnel.ABOVE_998, 0)
    below = counts.get(funnel.BELOW_998, 0)
    unknown = counts.get(funnel.NOT_ASSESSED, 0) - estimates
    parts = []
    if above:
        parts.append(f"{above} hoger")
    if below:
        parts.append(f"{below} lager")
    if parts:
        outside = above + below
        verb = "ligt" if outside == 1 else "liggen"
        noun = level_label(region_level) if outside == 1 else plural
        text = (
            f"Van {set_description} ({total}) {verb} er {outside} buiten de 99,8%-grens "
            f"({join_dutch(parts)} dan Nederland); bij die {noun} is het verschil met het land "
            f"groter dan toeval en dan de gewone verschillen tussen {plural}."
        )
    else:
        text = (
            f"Van {set_description} ({total}) ligt geen enkele buiten de 99,8%-grens: "
            "de verschillen met het land passen bij toeval."
        )
    if unknown:
        text += f" Voor {count_regions(unknown, region_level)} is er geen cijfer" + (
            f" (bij {format_number(without_opgave)} {NO_SUBMISSION_LABEL})."
            if without_opgave
            else "."
        )
    if estimates:
        text += (
            f" Voor {count_regions(estimates, region_level)} is het cijfer geschat (niet alle "
            "gemeenten gaven een cijfer op); een schatting krijgt geen oordeel."
        )
    return text


def change_sentence(
    *,
    label: str,
    unit: str,
    decimals: int,
    value_new: float | None,
    value_old: float | None,
    year_new: str,
    year_old: str,
    change: Change,
    higher_is_worse: bool,
) -> str:
    """How the national figure changed against the year before, and whether that is chance.

    Args:
        label: Indicator name (lower case reads best in a sentence).
        unit: Indicator unit.
        decimals: Decimals to show.
        value_new: Newest value.
        value_old: Value of the year before.
        year_new: Newest school year label (with asterisk when voorlopig).
        year_old: Previous school year label.
        change: (difference, lower, upper) from `stats.change.change_between`.
        higher_is_worse: Whether a higher value is unfavourable.

    Returns:
        One sentence.
    """
    diff, lower, upper = change.difference, change.lower, change.upper
    if is_missing(value_new) or is_missing(value_old) or not change.computable:
        return f"Voor {label} is er geen verandering te berekenen tussen {year_old} en {year_new}."
    new, old = format_value(value_new, unit, decimals), format_value(value_old, unit, decimals)
    if not change.has_interval:
        return (
            f"{label[:1].upper()}{label[1:]} veranderde van {old} in {year_old} naar {new} in "
            f"{year_new} ({format_change(diff, unit, decimals)}): {NO_INTERVAL_VERDICT}."
        )
    interval = format_interval(lower, upper, None, decimals)
    if change.more_than_chance:
        verb = "steeg" if diff > 0 else "daalde"
        verdict = "dat is meer dan toeval"
        if higher_is_worse:
            verdict += (
                " (een ongunstige ontwikkeling)" if diff > 0 else " (een gunstige ontwikkeling)"
            )
    else:
        verb = "veranderde"
        verdict = "dat verschil kan toeval zijn"
    return (
        f"{label[:1].upper()}{label[1:]} {verb} van {old} in {year_old} naar {new} in {year_new} "
        f"({format_change(diff, unit, decimals)}; 95%-interval {interval}): {verdict}."
    )


#: How Kompas computes, one item per method (Over de cijfers lists them all; the OCW
#: verantwoording picks the ones behind its tables).
METHOD_ITEMS = {
    "intervallen": (
        "**Intervallen.** Bij elk cijfer hoort een 95%-interval: het gebied waarin de "
        "'echte' waarde met 95% zekerheid ligt, gegeven het toeval bij kleine aantallen. "
        "Voor percentages (vsv) is dat het Wilson-interval, voor cijfers per 1.000 het "
        "exacte Poisson-interval."
    ),
    "trechter": (
        "**Trechterdiagram (funnel plot).** Elke regio is een punt: de waarde tegen de "
        "noemer (het aantal leerlingen of inwoners). De lijnen tonen hoe ver een regio van "
        "het landelijke cijfer kan liggen zonder dat dat bijzonder is (95%- en "
        "99,8%-grenzen). Kleine regio's schommelen meer, daarom loopt de trechter naar "
        "rechts smal toe. Gemeenten verschillen onderling vaak meer dan toeval verklaart "
        "(andere leerlingen, andere aanpak, andere registratie). Hoeveel meer, zegt de "
        "overspreiding: 1 is wat toeval alleen geeft, 14 is veertien keer zoveel. Is de "
        "overspreiding groter, dan verbreden we de grenzen met die gewone verschillen "
        "tussen regio's (methode Spiegelhalter 2005, met 10% winsorisering en een additief "
        "random effect, zoals het NHS-R-pakket FunnelPlotR). Bij kleine aantallen gelden de "
        "exacte binomiale of Poisson-grenzen als die ruimer zijn. Een regio buiten de "
        "99,8%-grens wijkt dus ook af van wat gewoon is tussen regio's: zoek uit waarom."
    ),
    "verandering": (
        "**Verandering tussen twee jaren.** Het verschil met het jaar ervoor krijgt een "
        "95%-interval dat ook bij kleine aantallen klopt: het Newcombe-interval voor het "
        "verschil van twee percentages, en dezelfde methode met exacte Poisson-intervallen "
        "voor cijfers per 1.000. Ligt nul buiten dat interval, dan is de verandering meer "
        "dan toeval. Overzicht en Regioprofiel gebruiken dezelfde berekening."
    ),
    "tellen": (
        "**Tellen, dan delen.** Cijfers voor RMC-regio's, provincies en Nederland zijn "
        "berekend uit de opgetelde aantallen van de gemeenten (in de gemeentelijke indeling "
        "van het peiljaar), nooit als gemiddelde van percentages."
    ),
    "trendbreuken": (
        "**Trendbreuken.** Waar de meetmethode veranderde, staat in de grafieken een "
        "gestreepte verticale lijn. Vergelijk jaren aan weerszijden daarvan met "
        "voorzichtigheid."
    ),
}
METHODS_TEXT = "\n".join(f"- {item}" for item in METHOD_ITEMS.values())


def suppression_text(threshold: int) -> str:
    """The small-count rule in plain Dutch."""
    return (
        f"- **<{threshold}**: minder dan {threshold} (0 tot en met {threshold - 1}). We tonen "
        "dan geen aantal, geen percentage of cijfer per 1.000 en geen interval.\n"
        "- **x**: niet getoond zodat een kleine telling elders niet terug te rekenen is; het "
        f"getal zelf is {threshold} of meer.\n\n"
        f"{suppression_audit_text(threshold)} De regel geldt "
        "overal: in grafieken, tabellen en downloads. Zo'n regio staat in de kaart in grijs en "
        "ontbreekt in de rangorde en de trechter. De noemer (aantal leerlingen of inwoners) "
        "tonen we wel."
    )


def suppression_audit_text(threshold: int) -> str:
    """How the hidden counts were chosen and audited at build time (Over de cijfers and the
    OCW verantwoording)."""
    return (
        "Welke aantallen verborgen worden, is één keer bepaald bij het bouwen van de gegevens, "
        "voor alle niveaus, schooljaren en indicatoren samen (ook optellingen zoals "
        "thuiszitters = absoluut + langdurig relatief verzuim). Een controle rekent daarna na "
        "wat iemand uit alle getoonde cijfers kan afleiden: geen verborgen aantal is nauwer "
        f"terug te rekenen dan zijn label zegt. Eén ding volgt uit de labels zelf: is "
        f"thuiszitters x en zijn absoluut en langdurig relatief verzuim allebei <{threshold}, "
        "dan is elk van die twee minstens 1. Meer uitleg staat in de privacy-uitleg bij Kompas "
        "(docs/privacy.md)."
    )


def demo_explanation(sources: pd.DataFrame) -> str:
    """Why demo data is demo, naming the synthetic sources."""
    demo = [escape(t) for t, d in zip(sources["title"], sources["is_demo"], strict=True) if bool(d)]
    real = [escape(t) for t, d in zip(sources["title"], sources["is_demo"], strict=True) if not d]
    text = (
        "Dit cijferbestand is gemaakt met **synthetische gegevens**: Kompas heeft de aantallen "
        "zelf getrokken, in dezelfde bestandsformaten als de echte uitgevers, met realistische "
        "groottes en spreiding. Zo kunt u Kompas leren gebruiken en oefenen (bijvoorbeeld in de "
        "workshop *werken met het kompas*) zonder netwerk en zonder echte cijfers. "
        "Conclusies over echte gemeenten of regio's kunt u er **niet** uit trekken."
    )
    # one source per line: run together, the long titles read as one sentence
    if demo:
        text += "\n\nVerzonnen:\n" + "".join(f"\n- {title}" for title in demo)
    if real:
        text += "\n\nWel echt (de indeling en kaarten):\n" + "".join(
            f"\n- {title}" for title in real
        )
    return text


def build_text(build: Mapping[str, object]) -> str:
    """The build metadata as a short list (Markdown; the warehouse's values escaped)."""
    keys = ("kompas_version", "first_school_year", "last_school_year", "boundary_year")
    value = {key: escape(build.get(key, "–")) for key in (*keys, "suppression_threshold")}
    return (
        f"- Gebouwd op: {escape(format_date(build.get('built_at')))}"  # type: ignore[arg-type]
        f" (versie {value['kompas_version']})\n"
        f"- Schooljaren: {value['first_school_year']} tot en met "
        f"{value['last_school_year']}\n"
        f"- Gemeentelijke indeling: {value['boundary_year']} (alle jaren omgerekend "
        "naar deze indeling)\n"
        f"- Drempel kleine aantallen: {value['suppression_threshold']}\n"
        f"- Soort gegevens: {'demo (synthetisch)' if build.get('is_demo') else 'echte bronnen'}"
    )


def checks_summary(checks: pd.DataFrame) -> str:
    """One sentence about the build checks."""
    total = len(checks)
    failed = int((~checks["passed"].astype(bool)).sum()) if total else 0
    if total == 0:
        return "Er zijn geen controles vastgelegd voor dit cijferbestand."
    if failed == 0:
        return f"Alle {total} controles zijn geslaagd."
    return f"{failed} van de {total} controles zijn mislukt; zie de tabel."


@dataclass(frozen=True)
class TextBlock:
    """A titled block of Markdown."""

    title: str
    body: str


def indicator_blocks(
    indicators: pd.DataFrame, sources: pd.DataFrame, coverage: pd.DataFrame
) -> list[TextBlock]:
    """Per indicator: definition and where it comes from (law article, publication),
    numerator, denominator, source, licence, years, breaks."""
    by_source = {str(r["source_key"]): r for r in sources.to_dict("records")}
    by_key = {str(r["indicator_key"]): r for r in coverage.to_dict("records")}
    blocks = []
    for row in indicators.to_dict("records"):
        source = by_source.get(str(row["source_key"]), {})
        cov = by_key.get(str(row["indicator_key"]), {})
        breaks = [
            escape(b) for b in (row["trend_breaks"] if row["trend_breaks"] is not None else [])
        ]
        model = (
            "percentage (binomiaal model, Wilson-interval)"
            if row["model"] == "binomial"
            else "cijfer per 1.000 (Poisson-model, exact interval)"
        )
        direction = "ongunstig" if bool(row["higher_is_worse"]) else "niet per se ongunstig"
        voorlopig = escape(cov.get("voorlopig_years") or "")
        body = (
            f"{escape(row['definition'])}\n\n"
            f"- **Definitie volgens:** {escape(row.get('definition_source') or '–')}\n"
            f"- **Teller:** {escape(row['numerator_definition'])}\n"
            f"- **Noemer:** {escape(row['denominator_definition'])}\n"
            f"- **Eenheid:** {model}; een hogere waarde is {direction}\n"
            f"- **Bron:** {escape(source.get('producer', '–'))}, "
            f"{escape(source.get('title', row['source_key']))}"
            f" (licentie: {escape(source.get('licence', '–'))})\n"
            f"- **Schooljaren:** {escape(cov.get('first_school_year', '–'))} tot en met "
            f"{escape(cov.get('last_school_year', '–'))}"
            + (f"; voorlopig: {voorlopig}" if voorlopig else "")
            + "\n"
            + f"- **Trendbreuken:** {join_dutch(breaks) if breaks else 'geen'}"
        )
        blocks.append(TextBlock(title=str(row["label"]), body=body))
    return blocks


def set_description(region_level: str, mode: str, parent_names: tuple[str, ...]) -> str:
    """`alle gemeenten`, `de gemeenten in Utrecht`, `de eigen selectie van RMC-regio's`,
    `Utrecht en de vergelijkbare gemeenten`."""
    plural = level_label(region_level, plural=True)
    if mode == "provincie" and parent_names:
        return f"de {plural} in provincie {join_dutch(parent_names)}"
    if mode == "rmc" and parent_names:
        return f"de {plural} in RMC-regio {join_dutch(parent_names)}"
    if mode == "selectie":
        return f"de eigen selectie van {plural}"
    if mode == "vergelijkbaar" and parent_names:
        return f"{join_dutch(parent_names)} en de vergelijkbare {plural}"
    return f"alle {plural}"


def map_alt(
    set_text: str,
    label: str,
    school_year: str,
    focus_names: list[str],
    values: pd.DataFrame | None = None,
) -> str:
    """Text alternative of the map; with the set's `values` (rows with region_name, flag and
    the response columns) it names the regions without opgave and the estimates."""
    absent, estimated = _response_names(values)
    grey = "te klein aantal, of geen opgave" if absent else "te klein aantal"
    text = (
        f"Kaart van {set_text}, gekleurd naar {label} in {school_year}: hoe donkerder, hoe hoger. "
        f"Grijs: geen cijfer ({grey})."
    )
    if absent:
        text += f" Geen opgave: {join_dutch(absent)}."
    if estimated:
        text += f" {estimated}."
    if focus_names:
        text += f" Dik omlijnd: {join_dutch(focus_names)}."
    return text + " De cijfers staan in de tabel onderaan."


def _response_names(values: pd.DataFrame | None) -> tuple[list[str], str]:
    """The names of the regions without opgave, and the estimates as one clause:
    `Slenkland Noord: geschat; respons 8 van 9 gemeenten (89 %)` ('' when none)."""
    if values is None or values.empty:
        return [], ""
    notes = list(
        zip(map(str, values["region_name"].tolist()), response_column(values), strict=True)
    )
    absent = [name for name, note in notes if note == NO_SUBMISSION_LABEL]
    estimated = [f"{name}: {note}" for name, note in notes if note not in ("", NO_SUBMISSION_LABEL)]
    return absent, "; ".join(estimated)


def ranking_alt(
    ranked: pd.DataFrame, unit: str, decimals: int, set_text: str, national: float | None
) -> str:
    """Text alternative of the ranking: highest, lowest and the focus positions."""
    shown = ranked[ranked["value"].notna()].sort_values("value", ascending=False)
    if shown.empty:
        return f"Er zijn geen cijfers om {set_text} te rangschikken."
    top, bottom = shown.iloc[0], shown.iloc[-1]
    text = (
        f"Rangorde van {set_text} ({len(shown)} met een cijfer). Hoogste: {top['region_name']} "
        f"({format_value(top['value'], unit, decimals)}); laagste: {bottom['region_name']} "
        f"({format_value(bottom['value'], unit, decimals)})."
    )
    if national is not None:
        text += f" De stippellijn is Nederland ({format_value(national, unit, decimals)})."
    for _, row in shown[shown["is_focus"]].iterrows():
        text += f" {row['region_name']} staat op plaats {int(row['rank'])}."
    _, estimated = _response_names(shown)
    return text + (f" {estimated}." if estimated else "")


def funnel_widening(fit: funnel.FunnelFit | None, region_level: str) -> str:
    """Whether the funnel limits were widened for over-dispersion, and by how much."""
    if fit is None:
        return ""
    plural = level_label(region_level, plural=True)
    phi = format_number(fit.phi, 1)
    if fit.widened:
        return (
            f"De grenzen zijn verbreed omdat {plural} onderling meer verschillen dan toeval "
            f"verklaart (overspreiding {phi}; 1 is wat toeval alleen geeft)."
        )
    return (
        f"De grenzen zijn niet verbreed: de verschillen tussen {plural} passen bij toeval "
        f"(overspreiding {phi})."
    )


def funnel_alt(
    classifications: Sequence[str],
    set_text: str,
    fit: funnel.FunnelFit | None = None,
    region_level: str = "gemeente",
    values: pd.DataFrame | None = None,
    centre_response: str = "",
) -> str:
    """Text alternative of the funnel plot: the lines, the widening and the count per verdict
    (`classifications`: the verdict code of every point); with the set's `values` it names
    the estimates the funnel leaves out (they get no verdict); with the national row's
    `centre_response` (`geschat; respons ...`) it says the Nederland line is an estimate."""
    counts = funnel.count_classes(classifications)
    widening = funnel_widening(fit, region_level)
    _, estimated = _response_names(None if values is None else values[values["value"].notna()])
    per_verdict = "; ".join(
        f"{verdicts.short(code)} ({shape}): {counts.get(code, 0)}"
        for code, shape in FUNNEL_SHAPES.items()
    )
    return (
        f"Trechterdiagram van {set_text}: elke stip is een {level_label(region_level)}, de "
        "waarde tegen de noemer (logaritmische schaal). De doorgetrokken lijn is Nederland"
        + (f", {centre_response}" if centre_response else "")
        + ". De gestreepte lijnen zijn de 95%-grenzen, de gestippelde de 99,8%-grenzen. "
        + (widening + " " if widening else "")
        + f"{per_verdict[:1].upper()}{per_verdict[1:]}. Ruitjes met naam: de gekozen "
        f"{level_label(region_level, plural=True)} (focus)."
        + (
            f" Niet in de trechter, want een schatting krijgt geen oordeel. {estimated}."
            if estimated
            else ""
        )
    )


# the marker of each verdict in the funnel plot (`dashboard.charts.FUNNEL_STYLES`), in words
FUNNEL_SHAPES = {
    funnel.ABOVE_998: "driehoek omhoog",
    funnel.ABOVE_95: "open driehoek omhoog",
    funnel.WITHIN: "rondje",
    funnel.BELOW_95: "open driehoek omlaag",
    funnel.BELOW_998: "driehoek omlaag",
}
