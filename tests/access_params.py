"""Values for URL parameters in the access test, taken from council A of the test world.

A new feature whose URLs take a new parameter adds it here; the access test fails until it does,
so no endpoint escapes the every-role, every-council check.
"""
PARAMS = {
    "person_id": lambda council: council.young_person.id,
    "filename": lambda council: "favicon.svg",
    "review_id": lambda council: _review(council).id,
    "step": lambda council: "going-well",
}


def _moderation(council):
    """Council A's young person's pending moderation item and an open safeguarding alert (made once)."""
    if getattr(council, "moderation_item", None) is None:
        from app.extensions import db

        from . import factories

        council.moderation_item = factories.moderation_item(council.authority, author=council.young_person)
        council.safeguarding_alert = factories.safeguarding_alert(council.authority, young_person=council.young_person)
        db.session.commit()
    return council


PARAMS.update(
    {
        "item_id": lambda council: _moderation(council).moderation_item.id,
        "alert_id": lambda council: _moderation(council).safeguarding_alert.id,
    }
)


def _review(council):
    """Council A's young person's review, with views sent to their IRO and worker (made once)."""
    if getattr(council, "review", None) is None:
        from . import factories

        council.review = factories.review(council.young_person)
        factories.sent_views(council.review)
        from app.extensions import db

        db.session.commit()
    return council.review
