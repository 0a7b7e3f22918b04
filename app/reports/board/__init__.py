"""The Corporate Parenting Board pack: one quarter across everything young people said and what
the council did, beside the quarter before and the same quarter a year earlier.

`pack.build()` gathers each section's figures (one module per section), every one through the
small-numbers rules; `tables` holds the shape the page, the PDF and the CSV all draw from.
"""
