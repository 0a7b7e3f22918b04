"""Cards on a young person's home ("my space"). Each feature registers the cards it fills.

A provider takes the signed-in young person and returns a `Card` or None (nothing to show).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Card:
    title: str
    template: str  # rendered inside the card, with `card` and `context` in scope
    order: int = 50
    highlight: bool = False
    context: dict = field(default_factory=dict)


_providers: list[Callable] = []


def card_provider(fn: Callable) -> Callable:
    _providers.append(fn)
    return fn


def cards_for(young_person) -> list[Card]:
    cards = [card for provider in _providers if (card := provider(young_person)) is not None]
    return sorted(cards, key=lambda card: card.order)
