"""Where the glossary appears elsewhere: care_word(), the link every feature's templates put on a care word."""
from __future__ import annotations

from .. import hooks
from .routes import care_word

hooks.template_global("care_word", care_word)
