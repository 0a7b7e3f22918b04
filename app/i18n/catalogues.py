"""Interface catalogues found by Heard's own language codes.

Flask-Babel looks a catalogue up by the name Babel gives the locale, and Babel parses some of our
codes to other CLDR names: "kmr" (Kurmanji) becomes "ku_Latn_TR", which names no catalogue, so
every Kurmanji page was served in English. Here the lookup uses the code the catalogue is filed
under (`translations/kmr/`), and each catalogue is read from disk once per process rather than
once per request.
"""
from __future__ import annotations

from babel import support
from flask import has_app_context
from flask_babel import Babel, Domain

from .locales import current_language


class Catalogues(Domain):
    def get_translations(self):
        if not has_app_context():
            return support.NullTranslations()
        key = (current_language(), self.domain[0])
        translations = self.cache.get(key)
        if translations is None:
            translations = support.Translations()
            for index, dirname in enumerate(self.translation_directories):
                domain = self.domain[0] if len(self.domain) == 1 else self.domain[index]
                catalogue = support.Translations.load(dirname, [key[0]], domain)
                translations.merge(catalogue)
                if hasattr(catalogue, "plural"):  # merge() copies the messages only
                    translations.plural = catalogue.plural
            self.cache[key] = translations
        return translations


class HeardBabel(Babel):
    """Flask-Babel with one shared `Catalogues` domain (its own makes a new domain per request)."""

    _catalogues: Catalogues | None = None

    @property
    def domain_instance(self) -> Catalogues:
        if self._catalogues is None:
            self._catalogues = Catalogues(domain=self.domain)
        return self._catalogues
