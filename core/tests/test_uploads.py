"""Uploads are checked by content, the whole file opened by the library for its kind
(core.uploads): a renamed program, a document cut short or disguised, a zip bomb, an
encrypted PDF are refused with a message that says so; real documents pass."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads
from core.forms import validate_upload
from core.uploads import check_content

from .files import docx_bytes, odt_bytes, pdf_bytes, png_bytes, xlsx_bytes


def _zip(entries: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


GOOD = [("paper.pdf", pdf_bytes()), ("paper.docx", docx_bytes()), ("data.xlsx", xlsx_bytes()),
        ("notes.odt", odt_bytes()), ("notes.txt", "Plain notes, £ and “quotes”".encode()),
        ("rows.csv", b"a,b\n1,2\n"), ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)]


@pytest.mark.parametrize("name, data", GOOD, ids=[g[0] for g in GOOD])
def test_real_documents_pass(name, data):
    validate_upload(SimpleUploadedFile(name, data))


def test_images_pass_where_an_upload_allows_them():
    validate_upload(SimpleUploadedFile("logo.png", png_bytes()), allowed_extensions={".png"})
    with pytest.raises(ValidationError, match="not a PNG image"):
        validate_upload(SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40),
                        allowed_extensions={".png"})


BAD = [
    # The first bytes are right, the rest is not: a first-bytes check would let these in.
    ("fake.pdf", b"%PDF-1.7 then anything at all", "not a PDF"),
    ("cut.pdf", pdf_bytes()[:200], "not a PDF"),
    ("fake.docx", b"PK\x03\x04" + b"\0" * 100, "not a Word document"),
    ("sheet.docx", xlsx_bytes(), "not a Word document"),
    ("fake.xlsx", _zip({"[Content_Types].xml": "<Types/>"}), "not an Excel workbook"),
    ("fake.pptx", _zip({"[Content_Types].xml": "<Types/>"}), "it has no slides part"),
    ("word.odt", docx_bytes(), "its package is of another kind"),
    ("run.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "not a PDF"),
    ("run.txt", b"MZ\x90\x00\x03\x00\x00\x00", "it holds binary data"),
    ("locked.pdf", _encrypted_pdf(), "protected by a password"),
    ("old.doc", b"MZ\x90\x00" + b"\0" * 60, "not a Word 97-2003 document"),
]


@pytest.mark.parametrize("name, data, message", BAD, ids=[b[0] for b in BAD])
def test_disguised_or_damaged_files_are_refused_with_a_reason(name, data, message):
    with pytest.raises(ValidationError, match=message) as refused:
        validate_upload(SimpleUploadedFile(name, data))
    assert "upload the document itself" in refused.value.messages[0]


def test_a_damaged_part_of_a_package_is_found():
    data = bytearray(docx_bytes())
    # Spoil the compressed bytes of the document's body, leaving the directory intact.
    start = data.find(b"word/document.xml") + 40
    data[start:start + 20] = b"\xff" * 20
    with pytest.raises(ValidationError):
        check_content(bytes(data), ".docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)  # a smaller bomb
    bomb = _zip({"[Content_Types].xml": "<Types/>",
                 "word/document.xml": b"\0" * (uploads.MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 50 * 1024
    with pytest.raises(ValidationError, match="unpack to far more than its size"):
        check_content(bomb, ".docx")


def test_a_program_is_refused_by_its_name_whatever_it_holds():
    with pytest.raises(ValidationError, match="must be a document"):
        validate_upload(SimpleUploadedFile("run.exe", pdf_bytes()))
