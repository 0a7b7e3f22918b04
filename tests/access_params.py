"""Values for URL parameters in the access test, taken from council A of the test world.

A new feature whose URLs take a new parameter adds it here; the access test fails until it does,
so no endpoint escapes the every-role, every-council check.
"""
PARAMS = {
    "person_id": lambda council: council.young_person.id,
    "filename": lambda council: "favicon.svg",
}
