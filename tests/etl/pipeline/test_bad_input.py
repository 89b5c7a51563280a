"""`python -m etl build` on bad input: non-zero exit, a message naming file, row, column and
value, and the previous warehouse byte-identical. Runs the real CLI in a subprocess."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from etl.paths import REPO_ROOT
from etl.pipeline import STEP_REDISTRICT
from tests.conftest_helpers import run_etl


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _build(
    raw_dir: Path, db: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_etl("build", "--raw-dir", str(raw_dir), "--db", str(db), env=env)


@pytest.fixture(scope="module")
def previous_warehouse(tmp_path_factory: pytest.TempPathFactory, fixture_warehouse: Path) -> Path:
    db = tmp_path_factory.mktemp("previous") / "kompas.duckdb"
    shutil.copy(fixture_warehouse, db)
    return db


def _verzuim_csv(raw: Path) -> Path:
    return sorted((raw / "verzuim").glob("*.csv"))[0]


def _edit_csv(raw: Path, change: Callable[[list[list[str]]], None]) -> None:
    path = _verzuim_csv(raw)
    text = path.read_text(encoding="utf-8-sig")
    rows = [line.split(";") for line in text.splitlines()]
    change(rows)
    path.write_text("\ufeff" + "\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")


def _col(rows: list[list[str]], name: str) -> int:
    return rows[0].index(name)


def truncated(raw: Path) -> dict[str, str]:
    path = _verzuim_csv(raw)
    data = path.read_bytes().rstrip(b"\r\n")
    path.write_bytes(data[: data.rfind(b";")])
    return {"file": path.name}


def wrong_encoding(raw: Path) -> dict[str, str]:
    path = sorted((raw / "gebiedsindeling").glob("*.csv"))[0]
    path.write_bytes(path.read_bytes().decode("cp1252").encode("utf-16"))
    return {"file": path.name}


def missing_column(raw: Path) -> dict[str, str]:
    def drop(rows: list[list[str]]) -> None:
        i = _col(rows, "leerplichtigen")
        for row in rows:
            del row[i]

    _edit_csv(raw, drop)
    return {"file": _verzuim_csv(raw).name, "text": "leerplichtigen"}


def extra_column(raw: Path) -> dict[str, str]:
    def add(rows: list[list[str]]) -> None:
        for n, row in enumerate(rows):
            row.append("opmerking" if n == 0 else "x")

    _edit_csv(raw, add)
    return {"file": _verzuim_csv(raw).name, "text": "opmerking"}


def duplicate_key(raw: Path) -> dict[str, str]:
    _edit_csv(raw, lambda rows: rows.append(list(rows[1])))
    return {"file": _verzuim_csv(raw).name, "text": "dubbele sleutel"}


def negative_count(raw: Path) -> dict[str, str]:
    _edit_csv(raw, lambda rows: rows[3].__setitem__(_col(rows, "absoluut_verzuim"), "-3"))
    return {
        "file": _verzuim_csv(raw).name,
        "text": "regel 4",
        "value": "'-3'",
        "column": "absoluut_verzuim",
    }


def numerator_above_denominator(raw: Path) -> dict[str, str]:
    def inflate(rows: list[list[str]]) -> None:
        rows[2][_col(rows, "langdurig_relatief_verzuim")] = "999999"

    _edit_csv(raw, inflate)
    return {
        "file": _verzuim_csv(raw).name,
        "text": "regel 3",
        "value": "'999999'",
        "column": "langdurig_relatief_verzuim",
    }


def zestien_uur_above_relatief_total(raw: Path) -> dict[str, str]:
    """Every pupil with a 16-uur melding is in the relatief verzuim total, so 16-uur <= total."""

    written: list[str] = []

    def inflate(rows: list[list[str]]) -> None:
        written.append(str(int(rows[4][_col(rows, "relatief_verzuim")]) + 1))
        rows[4][_col(rows, "relatief_verzuim_16_uur")] = written[0]

    _edit_csv(raw, inflate)
    return {
        "file": _verzuim_csv(raw).name,
        "text": "groter dan 'relatief_verzuim'",
        "value": f"'{written[0]}'",
        "column": "relatief_verzuim_16_uur",
    }


def unknown_code(raw: Path) -> dict[str, str]:
    _edit_csv(raw, lambda rows: rows[5].__setitem__(_col(rows, "gemeentecode"), "GM9999"))
    return {"file": _verzuim_csv(raw).name, "value": "'GM9999'", "text": "onbekende gemeentecode"}


def empty_file(raw: Path) -> dict[str, str]:
    _verzuim_csv(raw).write_bytes(b"")
    return {"file": _verzuim_csv(raw).name}


def xlsx_renamed(raw: Path) -> dict[str, str]:
    xlsx = sorted((raw / "verzuim").glob("*.xlsx"))[0]
    target = _verzuim_csv(raw)
    target.write_bytes(xlsx.read_bytes())
    return {"file": target.name, "text": "xlsx"}


def not_odata(raw: Path) -> dict[str, str]:
    page = raw / "vsv" / "84780NED" / "Perioden.json"
    page.write_text(json.dumps({"foo": [1, 2, 3]}), encoding="utf-8")
    sidecar = page.with_name(page.name + ".origin.json")
    if sidecar.exists():
        origin = json.loads(sidecar.read_text(encoding="utf-8"))
        origin.update(sha256=_sha(page), bytes=page.stat().st_size)
        sidecar.write_text(json.dumps(origin), encoding="utf-8")
    return {"file": "Perioden.json", "text": "OData"}


def _edit_kerncijfers(raw: Path, page: str, change: Callable[[dict], None]) -> Path:
    path = raw / "kerncijfers" / "70072ned" / page
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def kerncijfers_negative_count(raw: Path) -> dict[str, str]:
    _edit_kerncijfers(
        raw,
        "TypedDataSet.json",
        lambda doc: doc["value"][4].__setitem__("BijstandTotDeAOWLeeftijd_158", -4),
    )
    return {
        "file": "kerncijfers/70072ned/TypedDataSet.json",
        "text": "regel 5",
        "value": "'-4'",
        "column": "BijstandTotDeAOWLeeftijd",
    }


def kerncijfers_wrong_unit(raw: Path) -> dict[str, str]:
    def per_thousand(doc: dict) -> None:
        for row in doc["value"]:
            if row.get("Key") == "BijstandTotDeAOWLeeftijd_158":
                row["Unit"] = "x 1 000"

    _edit_kerncijfers(raw, "DataProperties.json", per_thousand)
    return {
        "file": "kerncijfers/70072ned/DataProperties.json",
        "text": "eenheid van BijstandTotDeAOWLeeftijd_158",
        "value": "'x 1 000'",
        "column": "Unit",
    }


CASES: dict[str, Callable[[Path], dict[str, str]]] = {
    "kerncijfers_negative_count": kerncijfers_negative_count,
    "kerncijfers_wrong_unit": kerncijfers_wrong_unit,
    "truncated": truncated,
    "wrong_encoding": wrong_encoding,
    "missing_column": missing_column,
    "extra_column": extra_column,
    "duplicate_key": duplicate_key,
    "negative_count": negative_count,
    "numerator_above_denominator": numerator_above_denominator,
    "zestien_uur_above_relatief_total": zestien_uur_above_relatief_total,
    "unknown_code": unknown_code,
    "empty_file": empty_file,
    "xlsx_renamed": xlsx_renamed,
    "not_odata": not_odata,
}


def _refresh_sidecars(raw: Path) -> None:
    """Keep sidecar checksums in step with edited files, so the intended error is the one hit."""
    for sidecar in raw.rglob("*.origin.json"):
        data_file = sidecar.with_name(sidecar.name.removesuffix(".origin.json"))
        if data_file.is_file():
            origin = json.loads(sidecar.read_text(encoding="utf-8"))
            origin.update(sha256=_sha(data_file), bytes=data_file.stat().st_size)
            sidecar.write_text(json.dumps(origin), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_clearly_and_keeps_warehouse(
    case: str, raw_copy: Path, previous_warehouse: Path
) -> None:
    expected = CASES[case](raw_copy)
    _refresh_sidecars(raw_copy)
    before = _sha(previous_warehouse)

    result = _build(raw_copy, previous_warehouse)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "FOUT:" in result.stderr
    assert expected["file"] in result.stderr
    for key in ("text", "value"):
        if key in expected:
            assert expected[key].lower() in result.stderr.lower(), result.stderr
    if "column" in expected:
        assert f"kolom '{expected['column']}'" in result.stderr
    assert _sha(previous_warehouse) == before
    assert not list(previous_warehouse.parent.glob(".*building*"))


def test_file_over_size_limit(raw_copy: Path, previous_warehouse: Path) -> None:
    before = _sha(previous_warehouse)
    result = _build(raw_copy, previous_warehouse, env={"KOMPAS_MAX_FILE_BYTES": "2000"})
    assert result.returncode == 2, result.stderr
    assert "FOUT:" in result.stderr and "Traceback" not in result.stderr
    # the message names the file, its real size and the limit
    found = re.search(
        r"FOUT: (\S+), waarde '(\d+)': bestand is te groot: (\d+) bytes, de grens "
        r"is 2000 bytes",
        result.stderr,
    )
    assert found, result.stderr
    named, value, size = found.group(1), int(found.group(2)), int(found.group(3))
    assert value == size == (raw_copy / named).stat().st_size > 2000
    assert _sha(previous_warehouse) == before


def test_kill_during_build_leaves_previous_warehouse(
    raw_copy: Path, previous_warehouse: Path
) -> None:
    before = _sha(previous_warehouse)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "etl",
            "build",
            "--raw-dir",
            str(raw_copy),
            "--db",
            str(previous_warehouse),
        ],
        cwd=REPO_ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if STEP_REDISTRICT in line:
            proc.kill()
            break
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert _sha(previous_warehouse) == before
    import duckdb

    con = duckdb.connect(str(previous_warehouse), read_only=True)
    assert con.execute("select count(*) from marts.indicator_values").fetchone()[0] > 0
    con.close()
    # the next build cleans up the killed build's temp file and succeeds
    assert _build(raw_copy, previous_warehouse).returncode == 0
    assert not list(previous_warehouse.parent.glob(".*building*"))


def test_xlsx_template_row_numbers_in_messages(raw_copy: Path, previous_warehouse: Path) -> None:
    xlsx = sorted((raw_copy / "verzuim").glob("*.xlsx"))[0]
    frame = pd.read_excel(xlsx, dtype=str)
    frame.loc[1, "vrijstelling_5a"] = "-1"
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="verzuim")
    xlsx.write_bytes(buffer.getvalue())
    _refresh_sidecars(raw_copy)
    result = _build(raw_copy, previous_warehouse)
    assert result.returncode == 2
    assert f"{xlsx.name}, regel 3, kolom 'vrijstelling_5a', waarde '-1'" in result.stderr
