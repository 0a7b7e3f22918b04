"""PDFs of our own pages, through WeasyPrint.

WeasyPrint lays out our own HTML with fonts from the system (Debian's fonts-noto-core covers
Arabic, Pashto, Dari, Farsi, Kurdish, Tigrinya and Amharic) and fetches nothing from anywhere.
PDFs are tagged (PDF/UA-1): headings, tables, lists and reading order go into the file, with the
document's title and language, so a screen reader can read them as far as WeasyPrint allows.
"""
from __future__ import annotations


def _no_fetching(url, *args, **kwargs):
    raise ValueError(f"Heard's PDFs load nothing from outside: {url}")


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
