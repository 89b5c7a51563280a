"""Child process of the uitvraag benchmark: one member-facing server process handling uploads.

Reads a JSON list of submissions (secret, organisation, file name, path of the bytes), warms up
the way a running server is warm (its imports and one template check of each file type, nothing
stored), waits until the common start time, then handles its submissions one after the other as
the member page would: open the store, open the link, `submit_bytes`, close. Each answer time
runs from the bytes in memory to the stored `Outcome`. Mode `check` times only the template
check (`intake.check_upload`) of the same files, nothing stored. Prints one JSON line.
Usage: python -m benchmarks.uitvraag_child submit|check STORE WAREHOUSE ITEMS_JSON START_AT
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any


def main() -> None:
    """Handle the items of argv and print their timings as JSON."""
    mode, store, warehouse, items_path, start_at = sys.argv[1:6]
    from etl import settings
    from etl.errors import InputError
    from etl.uitvraag.intake import check_upload
    from etl.uitvraag.store import connect
    from etl.uitvraag.submit import open_link, submit_bytes

    items: list[dict[str, Any]] = json.loads(Path(items_path).read_text(encoding="utf-8"))
    contents = [Path(item["path"]).read_bytes() for item in items]
    max_bytes = settings.upload_max_bytes()

    def check(item: dict[str, Any], content: bytes) -> None:
        # a refused file is timed (and warms up) like an accepted one
        with contextlib.suppress(InputError):
            gemeenten = frozenset(item["gemeenten"])
            check_upload(item["name"], content, gemeenten, item["school_year"], max_bytes)

    for suffix in (".csv", ".xlsx"):
        first = next((i for i, it in enumerate(items) if it["name"].endswith(suffix)), None)
        if first is not None:
            check(items[first], contents[first])
    time.sleep(max(0.0, float(start_at) - time.time()))
    results = []
    for item, content in zip(items, contents, strict=True):
        started = time.perf_counter()
        if mode == "check":
            check(item, content)
            results.append({"index": item["index"], "answer_s": time.perf_counter() - started})
            continue
        with connect(Path(store)) as con:
            link = open_link(con, item["secret"], f"bench:{item['organisation_id']}")
            outcome = submit_bytes(con, link, item["name"], content, max_bytes, Path(warehouse))
        answer = time.perf_counter() - started
        results.append(
            {
                "index": item["index"],
                "answer_s": answer,
                "started_at": time.time() - answer,
                "submission_id": outcome.submission_id,
                "accepted": outcome.is_accepted,
                "flags": len(outcome.flags),
                "sha256": outcome.sha256,
            }
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
