"""Values documents as PDF (generated with fpdf2) and DOCX (generated with python-docx)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from sendemast.errors import CorpusError
from tests.corpus.builders import DANISH, docx_bytes, load, pdf_bytes

# Core PDF fonts are Latin-1: no dashes or quotes outside it in these texts.
BODY = DANISH.replace("–", "-")


def sample_pdf(title: str | None = "Arbejdsmiljøpolitik") -> bytes:
    return pdf_bytes([
        ("h1", "Arbejdsmiljøpolitik for Fjordmark Kommune"),
        ("p", BODY),
        ("h2", "Ansvar og roller"),
        ("p", BODY + " " + BODY),
        ("h3", "Ledere"),
        ("p", BODY),
        ("h3", "Medarbejdere"),
        ("p", BODY + " Lederen har ansvaret for arbejds-\nmiljøet, stats- og kommunale regler."),
        ("h2", "Opfølgning"),
        ("p", BODY),
    ], title=title)


def test_pdf_headings_come_from_font_sizes(tmp_path: Path) -> None:
    docs = load(tmp_path, "values/politik.pdf", sample_pdf(), "values")
    # The leading heading repeats the metadata title, so it is not repeated in the paths.
    assert [d.title for d in docs] == [
        "Arbejdsmiljøpolitik", "Arbejdsmiljøpolitik › Ansvar og roller",
        "Arbejdsmiljøpolitik › Ansvar og roller › Ledere",
        "Arbejdsmiljøpolitik › Ansvar og roller › Medarbejdere",
        "Arbejdsmiljøpolitik › Opfølgning"]
    assert docs[0].id == "values:values/politik.pdf#0"
    assert {d.metadata["language"] for d in docs} == {"da"}
    assert "arbejdsmiljøet, stats- og kommunale" in docs[3].text, "hyphenation undone, compounds kept"


def test_pdf_without_metadata_title_takes_its_leading_heading(tmp_path: Path) -> None:
    docs = load(tmp_path, "politik.pdf", sample_pdf(title=None), "values")
    assert [d.metadata["title_path"] for d in docs] == [
        "", "Ansvar og roller", "Ansvar og roller › Ledere", "Ansvar og roller › Medarbejdere", "Opfølgning"]
    assert docs[1].title == "Arbejdsmiljøpolitik for Fjordmark Kommune › Ansvar og roller"


def test_a_title_wrapped_over_two_lines_is_one_title(tmp_path: Path) -> None:
    long_title = "Politik for arbejdsmiljø, trivsel og fastholdelse af medarbejdere i Fjordmark Kommune"
    pdf = pdf_bytes([("h1", long_title), ("p", BODY), ("h2", "Ansvar"), ("p", BODY)])
    docs = load(tmp_path, "p.pdf", pdf, "values")
    assert [d.title for d in docs] == [long_title, f"{long_title} › Ansvar"]


def test_pdf_paragraphs_are_kept_apart(tmp_path: Path) -> None:
    first, second = f"Første afsnit. {BODY}", f"Andet afsnit. {BODY} Det slutter her."
    docs = load(tmp_path, "a.pdf", pdf_bytes([("p", first), ("p", second)]), "values")
    assert docs[0].text == f"{first}\n\n{second}"
    assert docs[0].title == "a"


def test_pdf_without_text_is_an_error(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, like a scan: no text to extract
    with pytest.raises(CorpusError, match=r"^PDF has no extractable text \(scanned\?\)$"):
        load(tmp_path, "scan.pdf", bytes(pdf.output()), "values")


def test_truncated_pdf_is_unreadable(tmp_path: Path) -> None:
    data = sample_pdf()
    with pytest.raises(CorpusError, match=r"^unreadable PDF: "):
        load(tmp_path, "broken.pdf", data[: len(data) // 3], "values")


def test_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"^not a PDF file \(no %PDF header\)$"):
        load(tmp_path, "fake.pdf", b"<html>not a pdf</html>", "values")


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.set_encryption(owner_password="ejer", user_password="hemmelig",
                       encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Fortroligt")
    with pytest.raises(CorpusError, match=r"^PDF is encrypted$"):
        load(tmp_path, "locked.pdf", bytes(pdf.output()), "values")


def sample_docx(title: str | None = "Digitaliseringsstrategi 2025-2028") -> bytes:
    return docx_bytes([
        ("Title", "Digitaliseringsstrategi"),
        ("p", DANISH),
        ("Heading 1", "Fire principper"),
        ("Heading 2", "Borgeren først"),
        ("p", DANISH),
        ("Heading 2", "Ingen bliver tabt"),
        ("p", DANISH),
        ("table", [["Mål", "2028"], ["Selvbetjening", "90 procent"]]),
        ("Heading 1", "Opfølgning"),
        ("p", DANISH),
    ], title=title)


def test_docx_headings_styles_and_tables(tmp_path: Path) -> None:
    docs = load(tmp_path, "values/strategi.docx", sample_docx(), "values")
    # The Title paragraph repeats the core-properties title, so it is not repeated in the paths.
    assert [d.title for d in docs] == [
        "Digitaliseringsstrategi 2025-2028",
        "Digitaliseringsstrategi 2025-2028 › Fire principper › Borgeren først",
        "Digitaliseringsstrategi 2025-2028 › Fire principper › Ingen bliver tabt",
        "Digitaliseringsstrategi 2025-2028 › Opfølgning"]
    assert "Mål | 2028\nSelvbetjening | 90 procent" in docs[2].text
    assert docs[2].metadata["title_path"] == "Fire principper › Ingen bliver tabt"


def test_docx_keeps_a_title_paragraph_that_differs_from_the_core_title(tmp_path: Path) -> None:
    docs = load(tmp_path, "strategi.docx", sample_docx(title="Strategi"), "values")
    assert docs[0].title == "Strategi › Digitaliseringsstrategi"


def test_docx_title_paragraph_is_the_title_when_core_properties_have_none(tmp_path: Path) -> None:
    docs = load(tmp_path, "strategi.docx", sample_docx(title=""), "values")
    assert docs[0].title == "Digitaliseringsstrategi"
    assert docs[1].title == "Digitaliseringsstrategi › Fire principper › Borgeren først"


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"^not a DOCX file \(not a ZIP archive\)$"):
        load(tmp_path, "x.docx", b"PK\x03\x04 but not really a zip", "values")


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(CorpusError, match=r"^not a DOCX file \(no word/document.xml inside\)$"):
        load(tmp_path, "x.docx", buffer.getvalue(), "values")


def test_docx_with_damaged_xml(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(sample_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(CorpusError, match=r"^unreadable DOCX: "):
        load(tmp_path, "x.docx", buffer.getvalue(), "values")


def test_docx_without_text(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"^DOCX document has no text$"):
        load(tmp_path, "tom.docx", docx_bytes([("p", "  ")]), "values")
