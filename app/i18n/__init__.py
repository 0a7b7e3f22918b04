"""Interface languages, locale selection and right-to-left."""
from .locales import LANGUAGES, RTL, current_language, direction, html_lang, is_supported, language_name, select_locale  # noqa: F401
