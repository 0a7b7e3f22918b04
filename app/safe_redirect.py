"""Only ever follow a `next` that stays on this site."""
import unicodedata
from urllib.parse import urlsplit

# Control and format characters: a newline cannot go in a Location header at all, browsers drop
# tabs and newlines from addresses (so "/\t/evil.example" becomes "//evil.example"), and
# direction marks make an address read as something it is not. No address of Heard's has any.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def safe_next(target: str | None) -> str | None:
    if not target or not isinstance(target, str):
        return None
    if any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
