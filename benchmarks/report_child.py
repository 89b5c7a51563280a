"""Child process for the one-report figure: a Regiorapport built as the app's button builds it.

The app's process has its imports and the query caches of the pages already warm, so this
child first builds the report of one region (warm-up), then times `report_pdf` for each
other region named. Prints one JSON line: the warm-up time and the timed reports' seconds.
Usage: python -m benchmarks.report_child DB WARMUP_CODE CODE [CODE ...]
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    """Warm up on the first region, then time one report per further region."""
    os.environ["KOMPAS_DB"] = sys.argv[1]
    from dashboard.db import quiet_outside_server

    quiet_outside_server()
    from reports.regiorapport import report_pdf

    t0 = time.perf_counter()
    report_pdf(sys.argv[2])
    warmup = time.perf_counter() - t0
    timed = []
    for code in sys.argv[3:]:
        start = time.perf_counter()
        report_pdf(code)
        timed.append(time.perf_counter() - start)
    print(json.dumps({"warmup_s": warmup, "report_s": timed}))


if __name__ == "__main__":
    main()
