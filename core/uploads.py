"""What an uploaded file really is: opened whole with the library that reads its kind, not
judged by its name or its first bytes (decision 0031).

`check_content(data, suffix)` raises ValidationError when the bytes are not a sound file of
the kind the name says: a PDF pypdf can read page by page, a Word document python-docx opens,
a workbook openpyxl opens, a PowerPoint or OpenDocument file whose package holds the parts
its kind must have, an image Pillow verifies, text without binary bytes. Packages (DOCX,
XLSX, PPTX, ODT, ODS) are checked entry by entry first, and refused if they would unpack to
far more than their size (a zip bomb). `core.forms.validate_upload` calls it for every
upload: papers, evidence, briefings and table imports."""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError

# A package may unpack to at most this much: office documents compress about ten to one.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
KIND_NAMES = {
    ".pdf": "a PDF", ".docx": "a Word document", ".xlsx": "an Excel workbook",
    ".pptx": "a PowerPoint presentation", ".odt": "an OpenDocument text",
    ".ods": "an OpenDocument spreadsheet", ".doc": "a Word 97-2003 document",
    ".xls": "an Excel 97-2003 workbook", ".txt": "a text file", ".csv": "a CSV file",
    ".png": "a PNG image", ".jpg": "a JPEG image", ".jpeg": "a JPEG image",
    ".gif": "a GIF image",
}
PACKAGES = {".docx", ".xlsx", ".pptx", ".odt", ".ods"}
# The old binary Office formats: no library here reads them whole, so their signature.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OPEN_DOCUMENT = {".odt": b"application/vnd.oasis.opendocument.text",
                 ".ods": b"application/vnd.oasis.opendocument.spreadsheet"}


class NotSound(Exception):
    """The bytes are not a sound file of the kind; the message says what is wrong."""


def check_content(data: bytes, suffix: str) -> None:
    suffix = suffix.lower()
    kind = KIND_NAMES.get(suffix, f"a {suffix.lstrip('.').upper()} file")
    try:
        if suffix in PACKAGES:
            _check_package(data, suffix)
        reader = _READERS.get(suffix)
        if reader is not None:
            reader(data, suffix)
    except NotSound as problem:
        raise ValidationError(f"The file is called {suffix.lstrip('.').upper()} but its content "
                              f"is not {kind} that can be opened ({problem}); upload the "
                              "document itself.") from None
    except Exception:  # the readers raise many kinds for a damaged or disguised file
        raise ValidationError(f"The file is called {suffix.lstrip('.').upper()} but its content "
                              f"is not {kind} that can be opened; upload the document "
                              "itself.") from None


def _check_package(data: bytes, suffix: str) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise NotSound("it is not a document package") from None
    with package:
        entries = package.infolist()
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
            raise NotSound("it would unpack to far more than its size")
        if package.testzip() is not None:
            raise NotSound("part of it is damaged")
        names = {entry.filename for entry in entries}
        if suffix in OPEN_DOCUMENT:
            if "mimetype" not in names or package.read("mimetype").strip() != \
                    OPEN_DOCUMENT[suffix]:
                raise NotSound("its package is of another kind")
        elif "[Content_Types].xml" not in names:
            raise NotSound("it is not an Office document package")
        if suffix == ".pptx" and "ppt/presentation.xml" not in names:
            raise NotSound("it has no slides part")


def _pdf(data: bytes, suffix: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise NotSound("it is protected by a password")
    if len(reader.pages) < 1:
        raise NotSound("it has no pages")
    for page in reader.pages:  # every page's objects resolve
        page.get_contents()


def _docx(data: bytes, suffix: str) -> None:
    from docx import Document

    Document(io.BytesIO(data)).paragraphs  # noqa: B018 - reading the body is the check


def _xlsx(data: bytes, suffix: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not book.worksheets:
            raise NotSound("it has no sheets")
    finally:
        book.close()


def _ole2(data: bytes, suffix: str) -> None:
    if not data.startswith(OLE2_SIGNATURE):
        raise NotSound("it does not start as one")


def _text(data: bytes, suffix: str) -> None:
    if b"\x00" in data:
        raise NotSound("it holds binary data")


def _image(data: bytes, suffix: str) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.verify()


_READERS = {".pdf": _pdf, ".docx": _docx, ".xlsx": _xlsx, ".doc": _ole2, ".xls": _ole2,
            ".txt": _text, ".csv": _text, ".png": _image, ".jpg": _image, ".jpeg": _image,
            ".gif": _image}
