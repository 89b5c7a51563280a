"""`python -m room`: Kompas for a workshop room, several processes behind HAProxy.

Usage: python -m room [--processes 4] [--port 8080] [--db FILE]
Prints the address participants type, then runs until Ctrl-C. Exit 2 when HAProxy or the
warehouse is missing.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from etl.paths import warehouse_path
from room.run import RoomError, room_address, start_room

REPO_ROOT = Path(__file__).resolve().parents[1]


def _stop_on_term(signum: int, frame: object) -> None:
    """SIGTERM ends the room like Ctrl-C does."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Start the room and wait."""
    parser = argparse.ArgumentParser(prog="python -m room", description=__doc__)
    parser.add_argument("--processes", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--bind", default="0.0.0.0", help="adres waarop de zaal luistert")
    parser.add_argument("--db", type=Path, help="magazijn (standaard data/kompas.duckdb)")
    args = parser.parse_args(argv)
    db = (args.db or warehouse_path()).resolve()
    if not db.is_file():
        print(f"FOUT: geen magazijn op {db}; bouw het eerst (make demo).", file=sys.stderr)
        return 2
    try:
        room = start_room(
            REPO_ROOT / "serve.py",
            args.processes,
            args.port,
            REPO_ROOT / "data" / "room",
            env={"KOMPAS_DB": str(db)},
            bind=args.bind,
        )
    except RoomError as error:
        print(f"FOUT: {error}", file=sys.stderr)
        return 2
    print(f"Kompas draait met {args.processes} processen achter HAProxy.")
    print(f"Deelnemers typen dit adres: {room_address(args.bind, args.port)}")
    print("Stoppen: Ctrl-C.")
    signal.signal(signal.SIGTERM, _stop_on_term)
    try:
        while all(s.process.poll() is None for s in room.servers):
            time.sleep(1)
        print("FOUT: een proces is gestopt; de zaal gaat dicht.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        room.stop()


if __name__ == "__main__":
    sys.exit(main())
