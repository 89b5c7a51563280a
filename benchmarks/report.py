"""Turn the benchmark summary (the JSON) into BENCHMARKS.md. Only measured figures appear."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x * 1000:.0f} ms"


def _s(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f} s"


def _met(flag: bool | None) -> str:
    return "–" if flag is None else ("yes" if flag else "**no**")


def _spread(summary: dict[str, float], fmt: Any) -> str:
    if not summary:
        return "–"
    return (
        f"{fmt(summary['min'])}–{fmt(summary['max'])} (IQR {fmt(summary['p25'])}–"
        f"{fmt(summary['p75'])})"
    )


def _skipped(part: dict[str, Any]) -> list[str]:
    return [f"Not measured: {part.get('reason', 'unknown')}.", ""]


def _etl(part: dict[str, Any]) -> list[str]:
    lines = ["## ETL: `python -m etl build` on the full demo raw dir (real structure)", ""]
    if part.get("status") != "measured":
        return lines + _skipped(part)
    b, r, f = part["build_wall_s"], part["build_peak_rss_mb"], part["floor_wall_s"]
    t = part["targets"]
    lines += [
        f"{part['runs']} runs of each, interleaved; raw dir {part['raw_dir_files']} files, "
        f"{part['raw_dir_mb']:.1f} MB, {part['raw_rows_parsed']} rows parsed.",
        "",
        "| measurement | median | spread (min–max, IQR) | target | met |",
        "| --- | --- | --- | --- | --- |",
        f"| build, wall time (whole process) | {_s(b['median'])} | {_spread(b, _s)} | "
        f"≤ {t['build_wall_s']:.0f} s | {_met(part['met']['build_wall_s'])} |",
        f"| build, peak RSS | {r['median']:.0f} MB | {r['min']:.0f}–{r['max']:.0f} MB | "
        f"≤ {t['build_peak_rss_mb']:.0f} MB | {_met(part['met']['build_peak_rss_mb'])} |",
        f"| floor: read and parse only (whole process) | {_s(f['median'])} | {_spread(f, _s)} "
        "| | |",
        f"| floor: `load_raw` alone (inside the process) | "
        f"{_s(part['floor_parse_only_s']['median'])} | "
        f"{_spread(part['floor_parse_only_s'], _s)} | | |",
        f"| **ratio build / floor** (medians, whole processes) | "
        f"{part['ratio_build_to_floor']:.1f}× | | | |",
        "",
    ]
    return lines


def _pages(part: dict[str, Any]) -> list[str]:
    lines = ["## Pages: server-side script runs", ""]
    if part.get("status") != "measured":
        return lines + _skipped(part)
    t, e = part["targets"], part["empty_page_first_run_s"]
    lines += [
        "Measured with the websocket client of `loadtest`: time from sending `rerun_script` "
        "to receiving `script_finished` over loopback, no browser (no rendering). "
        f"{part['reps']} repetitions each; first run = a new session opening the page; "
        "rerun = another value in one of the page's controls (cycling through them). "
        "Full demo warehouse with real structure.",
        "",
        f"Empty Streamlit page (`benchmarks/empty_app.py`, only `st.title`), same run: "
        f"median {_ms(e.get('median'))}, spread {_spread(e, _ms)}.",
        "",
        "| page | first run median | spread | × empty | rerun median | spread | "
        f"target first run ≤ {_ms(t['first_run_s'])} and ≤ "
        f"{t['ratio_first_run_to_empty']:.0f}× empty | target rerun ≤ {_ms(t['rerun_s'])} |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, p in part["pages"].items():
        first, rerun, met = p["first_run_s"], p["rerun_s"], p.get("met", {})
        ratio = p.get("ratio_first_run_to_empty")
        first_met = (
            None
            if "first_run_s" not in met
            else met["first_run_s"] and met["ratio_first_run_to_empty"]
        )
        lines.append(
            f"| {p['title']} (`/{'' if name == '(standaard)' else name}`) | "
            f"{_ms(first.get('median'))} | {_spread(first, _ms)} | "
            f"{'–' if ratio is None else f'{ratio:.1f}×'} | {_ms(rerun.get('median'))} | "
            f"{_spread(rerun, _ms)} | {_met(first_met)} | {_met(met.get('rerun_s'))} |"
        )
    errors = [f"{n}: {err}" for n, p in part["pages"].items() for err in p["errors"]]
    no_controls = [n for n, p in part["pages"].items() if not p["rerun_s"]]
    lines.append("")
    if no_controls:
        lines.append(f"No control to change (no rerun measured): {', '.join(no_controls)}.")
    if errors:
        lines.append("Errors: " + "; ".join(errors[:10]))
    lines.append("")
    return lines


def _browser(part: dict[str, Any]) -> list[str]:
    lines = ["## Browser: what a user waits for (Playwright + Debian Chromium)", ""]
    if part.get("status") != "measured":
        return lines + _skipped(part)
    t, base = part["targets"], part["baseline_cold_load_s"]
    base_median = base.get("median") or 0.0
    lines += [
        "Usable = script run over, no spinner or stale element, every chart's SVG and every "
        "visible table's canvas drawn (`benchmarks/browser_bench.py`). Cold load: new browser "
        "context (empty cache, new session), `goto` until usable. Switch: click on the "
        "sidebar link until the new title is shown and usable. Control: another option in "
        f"the first selectbox until the view changed and is usable. {part['reps']} "
        "repetitions each, after one uncounted warm-up load per page.",
        "",
        f"Baseline, the empty page (`benchmarks/empty_app.py`) loaded cold in the same run: "
        f"median {_ms(base.get('median'))}, p95 {_ms(base.get('p95'))}.",
        "",
    ]
    entry = part.get("entry", "app.py")
    lines += [
        f"Server: `streamlit run {entry}`, what users run.",
        "",
        f"| page | cold load median | p95 | × empty | target ≤ {_ms(t['cold_load_s'])} | "
        f"switch median | p95 | target p95 ≤ {_ms(t['switch_p95_s'])} | control median | "
        f"p95 | target p95 ≤ {_ms(t['control_p95_s'])} |",
        "| --- " * 11 + "|",
    ]
    for p in part["pages"].values():
        cold, switch, control, met = p["cold_load_s"], p["switch_s"], p["control_s"], p["met"]
        ratio = f"{cold['median'] / base_median:.1f}×" if cold and base_median else "–"
        lines.append(
            f"| {p['title']} (`{p['path']}`) | {_ms(cold.get('median'))} | "
            f"{_ms(cold.get('p95'))} | {ratio} | {_met(met['cold_load_s'])} | "
            f"{_ms(switch.get('median'))} | {_ms(switch.get('p95'))} | "
            f"{_met(met['switch_p95_s'])} | {_ms(control.get('median'))} | "
            f"{_ms(control.get('p95'))} | {_met(met['control_p95_s'])} |"
        )
    lines.append("")
    return lines


def _load_row(label: str, s: dict[str, Any]) -> str:
    lat, rss = s["latency_s"], s["server_rss_mb"]
    return (
        f"| {label} | {s['config']['users']} | {s['config'].get('processes', 1)} | "
        f"{s['wall_s']:.0f} s | {s['interactions']} | "
        f"{s['errors']} | {_ms(lat.get('median'))} | {_ms(lat.get('p95'))} | "
        f"{_ms(lat.get('max'))} | {rss['peak']:.0f} MB | "
        f"{s['cpu_s']['server']:.0f} / {s['cpu_s']['client']:.0f} |"
    )


def _targets_line(label: str, met: dict[str, bool], t: dict[str, float]) -> str:
    return (
        f"- {label}: {t['errors']:.0f} errors: {_met(met['errors'])}; p95 ≤ {t['p95_s']:.0f} s: "
        f"{_met(met['p95_s'])}; peak RSS ≤ {t['rss_peak_mb']:.0f} MB: {_met(met['rss_peak_mb'])}"
    )


def _load(part: dict[str, Any]) -> list[str]:
    lines = ["## Load: a workshop on one server and in a room", ""]
    if part.get("status") != "measured":
        return lines + _skipped(part)
    alone = part["alone"]
    runs = [(users, part[f"workshop_{users}"]) for users in part["sizes"]]
    lines += [
        f"{part['method']}; fresh servers per measurement, each process warmed up first (each "
        "page once). Peak RSS: all Streamlit processes together (HAProxy not counted).",
        "",
        "| measurement | users | processes | duration | interactions | errors | p50 | p95 | max "
        "| server peak RSS | CPU s server / client |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for users, room in runs:
        lines.append(_load_row(f"{users} users, one process", room["one_process"]))
        lines.append(_load_row(f"{users} users, room", room))
    lines += [_load_row("one user alone", alone), ""]
    if alone["latency_s"]:
        for users, room in runs:
            one = room["one_process"]["latency_s"]
            if one and room["latency_s"]:
                lines.append(
                    f"- {users} users, p95 / alone: one process "
                    f"{one['p95'] / alone['latency_s']['p95']:.1f}×, room "
                    f"{room['latency_s']['p95'] / alone['latency_s']['p95']:.1f}×"
                )
        lines.append("")
    lines.append("Targets:")
    for users, room in runs:
        lines.append(
            _targets_line(
                f"{users} users, one process", room["one_process"]["targets_met"], part["targets"]
            )
        )
        lines.append(
            _targets_line(f"{users} users, room", room["targets_met"], part["room_targets"])
        )
    lines.append("")
    return lines


def _reports(part: dict[str, Any]) -> list[str]:
    lines = ["## Regiorapport (PDF)", ""]
    if part.get("status") != "measured":
        return lines + _skipped(part)
    a, o, t = part["all_rmc_wall_s"], part["one_report_s"], part["targets"]
    lines += [
        f"All {part['rmc_regions']} RMC-regio reports: `python -m reports --level rmc` as one "
        f"whole process (imports included), {part['runs']} runs. One report: as the "
        "Regioprofiel button builds it, in a warm process (after one warm-up report of "
        f"{_s(part['one_report_warmup_s'])}), {o['n']} regions.",
        "",
        "| measurement | median | spread (min–max, IQR) | target | met |",
        "| --- | --- | --- | --- | --- |",
        f"| all RMC-regio reports, wall time | {_s(a['median'])} | {_spread(a, _s)} | "
        f"≤ {t['all_rmc_wall_s']:.0f} s (slowest run) | {_met(part['met']['all_rmc_wall_s'])} |",
        f"| one report | {_s(o['median'])} | {_spread(o, _s)} | ≤ {t['one_report_s']:.0f} s "
        f"(slowest) | {_met(part['met']['one_report_s'])} |",
        "",
    ]
    return lines


def _uitvraag(part: dict[str, Any]) -> list[str]:
    lines = ["## Uitvraag: submissions arriving at once", ""]
    if part.get("status") != "measured":
        return lines + _skipped(part)
    a, alone, check, t, kept = (
        part["answer_s"],
        part["alone_answer_s"],
        part["check_alone_s"],
        part["targets"],
        part["kept"],
    )
    lines += [
        f"A round for {part['organisations']} organisations ({part['gemeenten']} gemeenten of "
        f"the real indeling, one each: a gemeente belongs to one organisation), opened by "
        f"`python -m etl uitvraag open` in {_s(part['open_round_s'])}. "
        f"{part['submissions']} submissions ({part['csv']} CSV, {part['xlsx']} XLSX; "
        f"{part['accepted']} accepted, {part['refused']} refused for an error, "
        f"{part['with_questions']} with plausibility questions) handled by "
        f"{part['processes']} processes at once from one start, each one after the other "
        "(`benchmarks/uitvraag_bench.py`): the ten-minute window compressed to "
        f"{_s(part['window_s'])}. Answer = open the store, open the link, check, compare, "
        "store, in a warm server process. Baselines in the same run, one process alone on an "
        f"idle store, the first {alone['n']} of the same files.",
        "",
        "| measurement | median | p95 | spread (min–max, IQR) | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| answer, {part['processes']} processes at once | {_ms(a['median'])} | "
        f"{_ms(a['p95'])} | {_spread(a, _ms)} | p95 ≤ {_ms(t['answer_p95_s'])} | "
        f"{_met(part['met']['answer_p95_s'])} |",
        f"| baseline: answer, one process alone | {_ms(alone['median'])} | "
        f"{_ms(alone['p95'])} | {_spread(alone, _ms)} | | |",
        f"| baseline: template check alone | {_ms(check['median'])} | {_ms(check['p95'])} | "
        f"{_spread(check, _ms)} | | |",
        f"| **ratio p95 at once / median alone** | "
        f"{part['ratio_p95_to_alone_median']:.1f}× | | | | |",
        f"| all within the window | {_s(part['window_s'])} | | | ≤ {t['window_s']:.0f} s | "
        f"{_met(part['met']['window_s'])} |",
        f"| every submission kept | {kept['rows_in_store']} rows in the store, "
        f"{kept['bytes_and_checksum_match']} of {kept['sent']} sent with the same bytes "
        f"(SHA-256) | | | all | {_met(part['met']['all_kept'])} |",
        "",
    ]
    return lines


def render_markdown(summary: dict[str, Any]) -> str:
    """The whole BENCHMARKS.md text."""
    m = summary["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    lines = [
        "# Benchmarks",
        "",
        "Rewritten by `python -m benchmarks`; every figure below was measured in that one run. "
        "No figure means: not measured.",
        "",
        f"- Command: `{summary['command']}`"
        + (" (quick run: fewer repetitions)" if summary["quick"] else ""),
        f"- Date: {m['date_utc']}",
        f"- Machine: {m['nproc']} cores (`nproc`), {m['cpu_model']}, {m['ram_gib']} GiB RAM, "
        f"{m['os']}",
        f"- Python {m['python']}; {packages}",
        f"- Load average (1, 5, 15 min) at start {m['loadavg_at_start']}, at end "
        f"{m['loadavg_at_end']}: with {m['nproc']} cores, values above about 1 mean other work "
        "shared the machine and the figures are slower than on an idle one.",
        "",
    ]
    lines += _etl(summary["etl"])
    lines += _pages(summary["pages"])
    lines += _browser(summary.get("browser", {"status": "skipped", "reason": "not run"}))
    lines += _load(summary["load"])
    lines += _reports(summary.get("reports", {"status": "skipped", "reason": "not run"}))
    lines += _uitvraag(summary.get("uitvraag", {"status": "skipped", "reason": "not run"}))
    return "\n".join(lines).rstrip() + "\n"


HISTORY_MARKER = "<!-- history: kept by python -m benchmarks -->"


def kept_history(md_path: Path) -> str:
    """The hand-written history section at the end of an existing BENCHMARKS.md (before/after
    records of changes made to meet the targets), so a new run does not erase it."""
    if not md_path.is_file():
        return ""
    text = md_path.read_text(encoding="utf-8")
    index = text.find(HISTORY_MARKER)
    return "" if index < 0 else "\n" + text[index:]
