"""The steps a young person goes through to get ready for a review, in four versions by age.

One topic per step, every answer optional. The words change with the version: pictures and a
grown-up's help for 4 to 7, simpler words for 8 to 11, and the pathway plan areas for care leavers.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..auth.models import CARE_LEAVER
from .models import PATHWAY_REVIEW

EARLY = "early"  # 4 to 7, with a trusted adult
CHILD = "child"  # 8 to 11
TEEN = "teen"  # 12 to 17
LEAVER = "leaver"  # care leavers, pathway plan reviews
VERSIONS = (EARLY, CHILD, TEEN, LEAVER)

VERSION_LABELS = {
    EARLY: _l("Pictures, done with a grown-up you trust (usually ages 4 to 7)"),
    CHILD: _l("Simpler words (usually ages 8 to 11)"),
    TEEN: _l("All the questions (usually ages 12 to 17)"),
    LEAVER: _l("Care leavers"),
}

TOPIC = "topic"
WISHES = "wishes"
HELPER = "helper"
MEETING = "meeting"
READERS = "readers"
CHECK = "check"

# The faces a 4 to 7 year old can pick (and an older child may).
FACES = ("happy", "okay", "sad")
FACE_LABELS = {"happy": _l("Happy"), "okay": _l("Okay"), "sad": _l("Sad")}


@dataclass(frozen=True)
class Step:
    key: str
    kind: str
    titles: dict  # version -> lazy text ("*" for any version)
    hints: dict

    def title(self, version: str) -> str:
        return str(self.titles.get(version) or self.titles["*"])

    def hint(self, version: str) -> str:
        value = self.hints.get(version) or self.hints.get("*")
        return str(value) if value else ""

    @property
    def is_topic(self) -> bool:
        return self.kind == TOPIC


def _step(key, kind, titles, hints=None):
    return Step(key, kind, titles if isinstance(titles, dict) else {"*": titles}, hints or {})


HELPER_STEP = _step(
    "helper",
    HELPER,
    _l("Who is helping you?"),
    {"*": _l("A grown-up you trust can read the questions with you and write down what you say.")},
)
GOING_WELL = _step(
    "going-well",
    TOPIC,
    {"*": _l("What is going well?"), EARLY: _l("What makes you happy?"), CHILD: _l("What is good at the moment?")},
    {
        "*": _l("Things you are happy about, proud of or enjoy."),
        EARLY: _l("Pick a face, then say what makes you happy. Your grown-up can write it down."),
        LEAVER: _l("Things you are pleased about or proud of since your last review."),
    },
)
WORRIES = _step(
    "worries",
    TOPIC,
    {"*": _l("What worries you?"), EARLY: _l("Is anything making you sad or worried?"), CHILD: _l("Is anything making you sad or worried?")},
    {
        "*": _l("Anything that is not right, or that you want your IRO to know about."),
        EARLY: _l("Pick a face, then say what is wrong. Your grown-up can write it down."),
        CHILD: _l("You can write as much or as little as you like."),
    },
)
WISHES_STEP = _step(
    "wishes",
    WISHES,
    {"*": _l("What do you want to happen or change?"), EARLY: _l("What would you like?"), CHILD: _l("What would you like to happen or change?")},
    {
        "*": _l("Put each thing in its own box. After your review, you will see what was decided about each one."),
        EARLY: _l("One thing in each box. You will find out what grown-ups decided about each one."),
    },
)
HOME = _step(
    "home",
    TOPIC,
    {"*": _l("Where you live"), EARLY: _l("Your home"), CHILD: _l("Your home")},
    {"*": _l("How things are where you live: the people, your room, the rules."), EARLY: _l("Pick a face for your home, then say why.")},
)
SCHOOL = _step(
    "school",
    TOPIC,
    {"*": _l("School, college or work"), EARLY: _l("School or nursery"), CHILD: _l("School")},
    {"*": _l("Lessons, teachers, friends at school, and what you want to do next."), EARLY: _l("Pick a face for school, then say why.")},
)
FAMILY = _step(
    "family",
    TOPIC,
    {"*": _l("Family, friends and seeing people"), EARLY: _l("Your family and friends"), CHILD: _l("Family and friends")},
    {
        "*": _l("Who you see, how often, and whether you want that to change."),
        EARLY: _l("Pick a face for the people you see, then say why."),
        CHILD: _l("Who you see, and who you would like to see more or less."),
    },
)
HEALTH = _step(
    "health",
    TOPIC,
    {"*": _l("Health and feelings"), EARLY: _l("How you feel"), CHILD: _l("How you feel")},
    {"*": _l("Your body, your mind, sleep, and how you have been feeling."), EARLY: _l("Pick a face for how you feel most days.")},
)
PLAN = _step(
    "plan",
    TOPIC,
    {"*": _l("Your plan"), CHILD: _l("What happens next")},
    {"*": _l("What you think about your care plan and what should happen next."), CHILD: _l("What you would like to happen after your review.")},
)
LIVING = _step("somewhere-to-live", TOPIC, _l("Somewhere to live"), {"*": _l("Where you live now, where you want to live, and whether it feels safe and settled.")})
MONEY = _step("money", TOPIC, _l("Money"), {"*": _l("Your income, benefits, bills, savings and any debts you are worried about.")})
EDUCATION = _step("education", TOPIC, _l("Education, training or work"), {"*": _l("What you are doing now, and what you want to do next.")})
PP_HEALTH = _step("health-and-wellbeing", TOPIC, _l("Health"), {"*": _l("Your physical and mental health, and any help you want with it.")})
IDENTITY = _step("identity", TOPIC, _l("Who you are"), {"*": _l("Your culture, religion, language, documents and where you come from.")})
RELATIONSHIPS = _step("relationships", TOPIC, _l("Relationships"), {"*": _l("Family, friends, partners and the people who support you.")})
INDEPENDENCE = _step(
    "living-independently", TOPIC, _l("Getting ready to live on your own"), {"*": _l("Cooking, bills, shopping, appointments: what you can do and what you want help with.")}
)
MEETING_STEP = _step(
    "meeting",
    MEETING,
    {"*": _l("How you want your meeting"), EARLY: _l("Your meeting")},
    {"*": _l("Your review is your meeting. You can say how it should work for you.")},
)
READERS_STEP = _step("who-reads-it", READERS, _l("Who can read this?"), {"*": _l("Only the people you choose will see what you wrote.")})
CHECK_STEP = _step("check", CHECK, _l("Check your answers"), {"*": _l("You can change anything before you send it.")})

_STEPS = {
    EARLY: [HELPER_STEP, GOING_WELL, WORRIES, WISHES_STEP, HOME, SCHOOL, FAMILY, HEALTH, MEETING_STEP, READERS_STEP, CHECK_STEP],
    CHILD: [GOING_WELL, WORRIES, WISHES_STEP, HOME, SCHOOL, FAMILY, HEALTH, PLAN, MEETING_STEP, READERS_STEP, CHECK_STEP],
    TEEN: [GOING_WELL, WORRIES, WISHES_STEP, HOME, SCHOOL, FAMILY, HEALTH, PLAN, MEETING_STEP, READERS_STEP, CHECK_STEP],
    LEAVER: [
        GOING_WELL, WORRIES, WISHES_STEP, LIVING, MONEY, EDUCATION, PP_HEALTH, IDENTITY, RELATIONSHIPS, INDEPENDENCE,
        MEETING_STEP, READERS_STEP, CHECK_STEP,
    ],
}

ALL_TOPICS = {step.key: step for steps in _STEPS.values() for step in steps if step.is_topic}


def version_for(young_person, review_kind: str) -> str:
    """Pathway plan reviews and care leavers get the care leaver version; others go by age."""
    if review_kind == PATHWAY_REVIEW or young_person.care_status == CARE_LEAVER:
        return LEAVER
    band = young_person.age_band
    if band == "4-7":
        return EARLY
    if band == "8-11":
        return CHILD
    return TEEN


def steps_for(version: str) -> list[Step]:
    return _STEPS.get(version, _STEPS[TEEN])


def find_step(version: str, key: str) -> Step | None:
    return next((step for step in steps_for(version) if step.key == key), None)


def uses_faces(version: str) -> bool:
    return version in (EARLY, CHILD)


def neighbours(version: str, key: str) -> tuple[Step | None, Step | None]:
    steps = steps_for(version)
    index = [step.key for step in steps].index(key)
    return (steps[index - 1] if index > 0 else None, steps[index + 1] if index + 1 < len(steps) else None)


def topics_for(submission) -> list[Step]:
    """The topics to show for a draft or sent views: its version's, then any other topic that has
    an answer (after a change of version), so nothing written is ever hidden from anyone."""
    topics = [step for step in steps_for(submission.version) if step.is_topic]
    shown = {step.key for step in topics}
    topics += [step for key, step in ALL_TOPICS.items() if key not in shown and key in (submission.answers or {})]
    return topics


# Versions a young person may switch between: in care, any of the three by age; care leavers keep theirs.
SWITCHABLE = (EARLY, CHILD, TEEN)
