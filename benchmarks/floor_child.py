"""Child process for the ETL floor: only read and parse a raw dir (`etl.raw.load.load_raw`).

Prints one JSON line: import time, parse time, number of tables and rows.
Usage: python -m benchmarks.floor_child RAW_DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    """Import the ETL's raw loader, parse the raw dir, report timings."""
    t0 = time.perf_counter()
    from etl.raw.load import load_raw
    from etl.settings import max_file_bytes

    t1 = time.perf_counter()
    loaded = load_raw(Path(sys.argv[1]), max_file_bytes())
    t2 = time.perf_counter()
    rows = sum(len(frame) for frame in loaded.tables.values())
    print(
        json.dumps(
            {"import_s": t1 - t0, "parse_s": t2 - t1, "tables": len(loaded.tables), "rows": rows}
        )
    )


if __name__ == "__main__":
    main()
