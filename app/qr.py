"""QR codes as inline SVG (segno), so no image request and no third party is involved."""
import segno
from flask_babel import gettext as _


def qr_svg(data: str, *, scale: int = 4, title: str | None = None) -> str:
    return segno.make(data, error="m").svg_inline(scale=scale, title=title or _("QR code"), svgclass="heard-qr__svg")
