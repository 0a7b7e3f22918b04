"""Cards on a young person's home ("my space"). Each feature registers the cards it fills.

A provider (`hooks.home_card`) takes the signed-in young person and returns a `hooks.Card` or
None (nothing to show).
"""
from __future__ import annotations

from .. import hooks
from ..hooks import Card


def cards_for(young_person) -> list[Card]:
    cards = [card for provider in hooks.home_cards if (card := provider(young_person)) is not None]
    return sorted(cards, key=lambda card: card.order)
