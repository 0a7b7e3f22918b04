"""A PDF of a young person's views, to attach to the review record.

WeasyPrint lays out our own HTML with fonts from the system (Debian's fonts-noto-core covers
Arabic, Pashto, Dari, Farsi, Kurdish, Tigrinya and Amharic), and fetches nothing from anywhere.
"""
from __future__ import annotations


def _no_fetching(url, *args, **kwargs):
    raise ValueError(f"PDFs of views load nothing from outside: {url}")


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
