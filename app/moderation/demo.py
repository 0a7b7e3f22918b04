"""Demo content: a few items waiting in the queue (one flagged for risk), and one decided."""
from __future__ import annotations

from . import service


def load(authority, people):
    # Round-the-clock cover: the lead is told at once, then the head of service, then the IRO;
    # the emergency duty team (email on the council) out of office hours.
    settings = service.settings_for(authority.id)
    settings.escalation_ids = [people["manager"].id, people["iro"].id]
    settings.enabled = True

    def submit(person, source, text, language, audience="council"):
        return service.submit_text(
            authority_id=authority.id, source=source, text=text, language=language, author=person, audience=audience
        )

    submit(people["lily"], "council.idea", "Can we all go to the seaside together in the summer holidays?", "en")
    submit(people["amira"], "pledge.comment", "أريد دروس سباحة مع صديقاتي في المدرسة", "ar")
    submit(
        people["sam"],
        "pledge.comment",
        "My PA Priya Shah is brilliant. If anyone wants to hear more ring me on 07700 900456.",
        "en",
    )
    # Flagged for risk: "I am not safe at home" in Pashto. Raises a safeguarding alert.
    submit(people["jamal"], "council.idea", "زه غواړم چې فوټبال ټیم جوړ کړو. خو په کور کې خوندي نه یم", "ps", audience="group")

    approved = submit(people["yonas"], "council.idea", "More help with English homework after school, please.", "en")
    service.approve(service.load_texts(approved), people["participation"])
    not_shared = submit(people["lily"], "council.idea", "Ben in my class is stupid and smells", "en", audience="group")
    service.reject(not_shared, people["participation"], "unkind")
