"""How far each interface catalogue is translated, and reviewed by a native speaker.

A string counts as reviewed when its entry carries the translator comment
`reviewed: <initials> <YYYY-MM-DD>` (see TRANSLATIONS.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from config import BASE_DIR

TRANSLATIONS = BASE_DIR / "translations"


@dataclass(frozen=True)
class Status:
    locale: str
    strings: int
    translated: int
    reviewed: int


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


def _reviewed(message) -> bool:
    return any(comment.strip().startswith("reviewed:") for comment in message.user_comments)


def _messages(path: Path):
    with path.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def catalogue_path(locale: str, root: Path = TRANSLATIONS) -> Path:
    return root / locale / "LC_MESSAGES" / "messages.po"


def statuses(root: Path = TRANSLATIONS) -> list[Status]:
    result = []
    for path in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        messages = _messages(path)
        result.append(
            Status(path.parts[-3], len(messages), sum(map(_translated, messages)), sum(map(_reviewed, messages)))
        )
    return result


def waiting_for_review(locale: str, root: Path = TRANSLATIONS) -> list[str]:
    return [
        message.id if isinstance(message.id, str) else message.id[0]
        for message in _messages(catalogue_path(locale, root))
        if not _reviewed(message)
    ]
