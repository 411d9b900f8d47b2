"""Real, small files of each kind for upload tests: the upload check opens them whole
(core.uploads), so a test's file must be the real thing."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from core.demo.pdf import simple_pdf


def pdf_bytes(text: str = "A fictional paper") -> bytes:
    return simple_pdf(text, [text])


def pdf_upload(name: str = "paper.pdf", text: str = "A fictional paper") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def docx_bytes(text: str = "A fictional paper") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows=(("a", "b"), (1, 2))) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odt_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()
