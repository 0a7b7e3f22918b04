"""Where the glossary appears elsewhere: care_word(), the link every feature's templates put on a
care word, and job_term(), the care word for a member of staff's job."""
from __future__ import annotations

from .. import hooks
from .routes import care_word
from .service import job_term

hooks.template_global("care_word", care_word)
hooks.template_global("job_term", job_term)
