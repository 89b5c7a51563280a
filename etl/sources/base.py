"""What a source is: where its files come from, under which licence, and where they land.

Each module in `etl/sources/` declares one `Source` (origin metadata, OWID snapshot style) and a
parser for its real format. `fetch` downloads `Source.downloads`; `build` parses the files found
in `raw_dir / Source.folder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Download:
    """One thing to download.

    Args:
        url: publisher URL. For kind 'odata' the URL of one entity set (e.g. .../Perioden); the
            fetcher follows `odata.nextLink` and writes one file per page.
        target: path relative to the raw dir: a file for kind 'file', a folder for 'odata'.
        kind: 'file' (bytes as served) or 'odata' (JSON pages, `<EntitySet>.json`,
            `<EntitySet>.2.json`, ...).
    """

    url: str
    target: str
    kind: Literal["file", "odata"] = "file"


@dataclass(frozen=True)
class Source:
    """Origin metadata of one publisher source.

    Args:
        key: short stable key, e.g. 'cbs_vsv'; also the prefix of its raw tables.
        title: Dutch title of the publication.
        producer: publisher.
        licence: licence of the data as the publisher states it.
        url_main: landing page a person can visit.
        citation: how to cite it.
        folder: topic folder inside the raw dir.
        downloads: what `fetch` downloads; empty for sources users supply themselves.
        caveats: known quirks a user should know.
    """

    key: str
    title: str
    producer: str
    licence: str
    url_main: str
    citation: str
    folder: str
    downloads: tuple[Download, ...] = ()
    caveats: tuple[str, ...] = field(default=())
