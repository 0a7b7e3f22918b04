"""What the board pack keeps of its own: the young people's words the participation officer chose
to quote. The words themselves stay in moderation (only their approved, redacted form is shown)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models_base import AuthorityOwned, UTCDateTime, utcnow


class BoardQuote(AuthorityOwned, db.Model):
    __tablename__ = "board_quote"
    __table_args__ = (UniqueConstraint("authority_id", "quarter", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[str] = mapped_column(String(7), index=True)  # Quarter.key, e.g. 2026-04
    item_id: Mapped[int] = mapped_column(ForeignKey("moderation_item.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    chosen_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
