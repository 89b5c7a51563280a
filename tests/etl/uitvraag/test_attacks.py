"""What an attacker (or a careless member) tries: someone else's gemeente, revoked, guessed and
expired secrets, formulas in cells, a zip bomb, an oversize or wrong-type file; and the secrets
never reach the store or the output."""

from __future__ import annotations

import io
import os
import secrets
import subprocess
import sys
import zipfile
from pathlib import Path

import xlsxwriter

from etl.paths import REPO_ROOT
from etl.sources.verzuim import TEMPLATE_COLUMNS
from etl.uitvraag.submit import REFUSAL
from tests.etl.uitvraag.conftest import MemberFile, OpenRound, last_year_rows


def _accepted(opened: OpenRound) -> int:
    return int(opened.query("select count(*) from submissions where is_accepted = 1")[0][0])


def test_own_secret_cannot_submit_for_another_organisations_gemeente(
    opened: OpenRound, member_file: MemberFile
) -> None:
    theirs = opened.gemeenten["rmc-noord"][0]
    result = opened.submit("lp-zuid", member_file("buren.csv", [theirs]))
    assert result.returncode == 2
    assert (
        f"buren.csv, regel 2, kolom 'gemeentecode', waarde '{theirs}': u kunt alleen cijfers "
        "inleveren voor de gemeenten van uw organisatie"
    ) in result.stderr
    assert "rmc-noord" not in result.stderr  # nothing said about whose gemeente it is
    assert _accepted(opened) == 0


def test_mixed_file_with_one_foreign_gemeente_is_refused_whole(
    opened: OpenRound, member_file: MemberFile
) -> None:
    codes = opened.gemeenten["lp-zuid"] + opened.gemeenten["rmc-noord"][:1]
    result = opened.submit("lp-zuid", member_file("gemengd.csv", codes))
    assert result.returncode == 2
    assert "regel 3, kolom 'gemeentecode'" in result.stderr
    assert _accepted(opened) == 0


def test_wrong_revoked_and_expired_secrets_get_one_generic_refusal(
    opened: OpenRound, member_file: MemberFile
) -> None:
    file = member_file("opgave.csv", opened.gemeenten["lp-zuid"])
    guessed = opened.run("submit", "--token", secrets.token_urlsafe(32), "--client", "a", str(file))
    revoke = opened.run("revoke", "--organisation", "lp-zuid")
    assert revoke.returncode == 0, revoke.stderr
    revoked = opened.submit("lp-zuid", file, client="b")
    assert opened.run("close", "--vintage", "v1").returncode == 0
    expired = opened.submit("rmc-noord", member_file("n.csv", opened.gemeenten["rmc-noord"]))
    for result in (guessed, revoked, expired):
        assert result.returncode == 2
        assert result.stderr.strip() == REFUSAL
        assert result.stdout == ""
    assert opened.query("select count(*) from submissions") == [(0,)]


def test_repeated_wrong_secrets_are_counted_per_client(
    opened: OpenRound, member_file: MemberFile
) -> None:
    file = member_file("opgave.csv", opened.gemeenten["lp-zuid"])
    for _ in range(3):
        result = opened.run("submit", "--token", "raden", "--client", "raadt", str(file))
        assert result.returncode == 2
    assert opened.query("select client, failures from failed_attempts") == [("raadt", 3)]
    assert opened.submit("lp-zuid", file, client="eerlijk").returncode == 0
    assert opened.query("select client from failed_attempts") == [("raadt",)]


def test_formula_cells_are_text_and_refused_as_numbers(
    opened: OpenRound, fixture_warehouse: Path, tmp_path: Path
) -> None:
    code = opened.gemeenten["lp-zuid"][0]
    row = last_year_rows(fixture_warehouse)[code]
    path = tmp_path / "formule.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("verzuim")
    sheet.write_row(0, 0, TEMPLATE_COLUMNS)
    for position, column in enumerate(TEMPLATE_COLUMNS):
        sheet.write_string(1, position, row[column])
    # a formula with a cached result: a reader that trusted cached values would see 2
    sheet.write_formula(1, TEMPLATE_COLUMNS.index("absoluut_verzuim"), "=1+1", None, 2)
    book.close()
    result = opened.submit("lp-zuid", path)
    assert result.returncode == 2
    assert "formule.xlsx, regel 2, kolom 'absoluut_verzuim', waarde '=1+1': geen geheel getal" in (
        result.stderr
    )


def test_formula_like_text_in_csv_is_refused_and_status_neutralises_names(
    opened: OpenRound, member_file: MemberFile
) -> None:
    code = opened.gemeenten["lp-zuid"][0]
    # text that a spreadsheet would run stays text and is no number ('+1' and '-3' are read as
    # the numbers they spell, as the build reads them; -3 is then refused as negative)
    for value in ("=SUM(A1:A9)", "+A1", "-A1+1", "@A1"):
        path = member_file("formule.csv", [code], {(code, "langdurig_relatief_verzuim"): value})
        result = opened.submit("lp-zuid", path)
        assert result.returncode == 2
        assert f"kolom 'langdurig_relatief_verzuim', waarde '{value}': geen geheel getal" in (
            result.stderr
        )
    # the organisation's name starts with '=': the response table shows it as text
    status = opened.run("status").stdout.splitlines()
    assert any(line.startswith("lp-zuid,'=Leerplicht Zuid,") for line in status)


def test_zip_bomb_is_refused_before_it_is_unpacked(opened: OpenRound, tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(20):
                member.write(block)
    assert path.stat().st_size < 100_000
    result = opened.run(
        "submit",
        "--token",
        opened.links["lp-zuid"],
        "--client",
        "bom",
        str(path),
        env={"KOMPAS_UITVRAAG_MAX_BYTES": "100000"},
    )
    assert result.returncode == 2
    assert "bom.xlsx" in result.stderr and "uitgepakt te groot" in result.stderr
    assert opened.query("select is_accepted, size_bytes from submissions") == [
        (0, path.stat().st_size)
    ]


def test_oversize_file_is_refused_and_recorded_without_its_bytes(
    opened: OpenRound, member_file: MemberFile
) -> None:
    path = member_file("groot.csv", opened.gemeenten["lp-zuid"])
    size = path.stat().st_size
    result = opened.run(
        "submit",
        "--token",
        opened.links["lp-zuid"],
        "--client",
        "groot",
        str(path),
        env={"KOMPAS_UITVRAAG_MAX_BYTES": str(size - 1)},
    )
    assert result.returncode == 2
    assert (
        f"groot.csv, waarde '{size}': bestand is te groot: {size} bytes, de grens is "
        f"{size - 1} bytes"
    ) in result.stderr
    assert opened.query("select is_accepted, size_bytes, content from submissions") == [
        (0, size, None)
    ]


def test_only_xlsx_and_csv_are_taken(opened: OpenRound, tmp_path: Path) -> None:
    for name, content in (("opgave.txt", b"a;b\n"), ("opgave.exe", b"MZ\x90\x00")):
        path = tmp_path / name
        path.write_bytes(content)
        result = opened.submit("lp-zuid", path)
        assert result.returncode == 2
        assert "alleen een Excel-bestand (.xlsx) of CSV-bestand (.csv)" in result.stderr
    renamed = tmp_path / "opgave.csv"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x", "y")
    renamed.write_bytes(buffer.getvalue())
    result = opened.submit("lp-zuid", renamed)
    assert result.returncode == 2
    assert "dit is een Excel-bestand (xlsx) met de extensie .csv" in result.stderr


def test_secrets_are_not_in_the_store_or_the_output(
    opened: OpenRound, member_file: MemberFile
) -> None:
    outputs = [opened.open_output]
    for organisation, codes in opened.gemeenten.items():
        result = opened.submit(organisation, member_file(f"{organisation}.csv", codes))
        assert result.returncode == 0, result.stderr
        outputs += [result.stdout, result.stderr]
    outputs.append(opened.run("status").stdout)
    stored = b"".join(
        path.read_bytes() for path in opened.folder.glob("uitvraag.sqlite*") if path.is_file()
    )
    assert stored
    for secret in opened.links.values():
        assert secret.encode() not in stored
        assert all(secret not in text for text in outputs)


def test_secret_can_come_from_stdin(opened: OpenRound, member_file: MemberFile) -> None:
    file = member_file("opgave.csv", opened.gemeenten["lp-zuid"])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "uitvraag",
            "submit",
            "--token",
            "-",
            "--client",
            "s",
            str(file),
        ],
        cwd=REPO_ROOT,
        input=opened.links["lp-zuid"] + "\n",
        capture_output=True,
        text=True,
        env={**os.environ, "KOMPAS_UITVRAAG": str(opened.store)},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert opened.query("select organisation_id, is_accepted from submissions") == [("lp-zuid", 1)]
