"""Write the registries the pages read: marts.indicators (from indicators.yml) and
marts.sources (from the source modules' origin metadata plus the files actually read)."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb
import pandas as pd
import yaml

from etl.paths import ETL_DIR
from etl.sources.base import Source
from etl.sql import write_frame


@cache
def indicator_specs() -> dict[str, dict[str, Any]]:
    """indicators.yml as {key: spec}, in display order."""
    text = (ETL_DIR / "marts" / "indicators.yml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _sum_of(key: str, spec: dict[str, Any], keys: set[str]) -> list[str]:
    """The indicator keys `key` is declared the sum of ([] when none); unknown keys raise."""
    parts = [str(part) for part in spec.get("sum_of", [])]
    unknown = sorted(set(parts) - keys) + ([key] if key in parts else [])
    if unknown:
        raise ValueError(f"indicators.yml: sum_of of {key} names {', '.join(unknown)}")
    return parts


def build_indicators(con: duckdb.DuckDBPyConnection, is_demo: bool) -> None:
    """Create marts.indicators (is_demo: whether this build's figures are synthetic)."""
    specs = indicator_specs()
    rows = [
        {
            "indicator_key": key,
            **spec,
            "sum_of": _sum_of(key, spec, set(specs)),
            "sort_order": order,
        }
        for order, (key, spec) in enumerate(specs.items(), start=1)
    ]
    frame = pd.DataFrame(rows).assign(is_demo=is_demo)
    frame["trend_breaks"] = frame["trend_breaks"].map(list)
    write_frame(
        con,
        "marts.indicators",
        frame,
        "indicator_key, label, short_label, unit, multiplier::double as multiplier, "
        "decimals::integer as decimals, definition, numerator_definition, "
        "denominator_definition, definition_source, source_key, "
        "higher_is_worse::boolean as higher_is_worse, model, "
        "trend_breaks::varchar[] as trend_breaks, sum_of::varchar[] as sum_of, "
        "sort_order::integer as sort_order, "
        "is_demo::boolean as is_demo",
    )


DEMO_PRODUCER = "Kompas demo-generator"


def _real_origin(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "producer": source.producer,
        "licence": source.licence,
        "url_main": source.url_main,
        "citation": source.citation,
    }


def _demo_origin(source: Source) -> dict[str, Any]:
    """Demo figures come from the demo generator, not from the publisher whose file format
    they copy: citing the publisher's table and web page would pass them off as real."""
    return {
        "title": f"Synthetische demogegevens in het bestandsformaat van {source.producer}: "
        f"{source.title}",
        "producer": DEMO_PRODUCER,
        "licence": "CC0 (synthetische gegevens)",
        "url_main": None,
        "citation": f"{DEMO_PRODUCER}, synthetische demogegevens (geen echte cijfers) in het "
        f"bestandsformaat van: {source.title}.",
    }


def build_sources(con: duckdb.DuckDBPyConnection, sources: dict[str, Source]) -> None:
    """Create marts.sources from source metadata and meta.files (demo flag, retrieval date)."""
    files = (
        con.execute(
            "select source_key, max(retrieved_at) as retrieved_at, bool_or(is_demo) as is_demo "
            "from meta.files group by source_key"
        )
        .df()
        .set_index("source_key")
    )
    rows = []
    for key, source in sources.items():
        if key not in files.index:
            continue
        is_demo = bool(files.loc[key, "is_demo"])
        rows.append(
            {
                "source_key": key,
                **(_demo_origin(source) if is_demo else _real_origin(source)),
                "retrieved_at": files.loc[key, "retrieved_at"],
                "is_demo": is_demo,
            }
        )
    write_frame(
        con,
        "marts.sources",
        pd.DataFrame(rows),
        "source_key, title, producer, licence, url_main, citation, "
        "retrieved_at::varchar as retrieved_at, is_demo::boolean as is_demo",
    )
