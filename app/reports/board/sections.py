"""A section of the board pack, as every section module returns it."""
from __future__ import annotations

from dataclasses import dataclass, field

from .tables import Table


@dataclass
class Section:
    key: str
    title: str
    intro: str  # what the section shows, for the Board
    plain: str  # the same, in plain words, for the young people's version
    tables: list[Table] = field(default_factory=list)
    extras: dict = field(default_factory=dict)  # lists a section shows besides its tables

    @property
    def empty(self) -> bool:
        return not any(table.has_figures for table in self.tables) and not any(self.extras.values())
