"""The questions a young person answers, one a screen, for each thing they can send.

Every answer is optional except where nothing would be sent without it (a complaint needs to say
what happened). The youngest (usually 4 to 7) get pictures and a first step for the grown-up
helping them; anyone may switch between the two versions.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .models import (
    COMMENT,
    COMPLAINT,
    COMPLIMENT,
    EARLY,
    FACES,
    FEELING,
    GOOD_NEWS,
    OTHER,
    SORT,
    STANDARD,
    TOPICS,
    VISIT,
)

HELPER = "helper"
FACE = "face"
TOPIC = "topic"
TEXT = "text"
READERS = "readers"
TEAM = "team"
ADVOCATE = "advocate"
CHECK = "check"

KIND_LABELS = {
    FEELING: _l("How I'm feeling"),
    SORT: _l("Something I want sorted"),
    GOOD_NEWS: _l("Good news"),
    VISIT: _l("Get ready for a visit or meeting"),
    OTHER: _l("Something else"),
    COMPLAINT: _l("A complaint"),
    COMPLIMENT: _l("A compliment"),
    COMMENT: _l("A comment"),
}
KIND_HINTS = {
    FEELING: _l("Pick a face, then say why if you want to."),
    SORT: _l("A problem, something that is not fair, or something you need."),
    GOOD_NEWS: _l("Just for your worker, not the group."),
    VISIT: _l("What you want to talk about, and what you don't."),
    OTHER: _l("Anything at all."),
    COMPLAINT: _l("Something is wrong and you want the council to put it right."),
    COMPLIMENT: _l("Someone did something well and you want them to know."),
    COMMENT: _l("An idea or something you think the council should know."),
}

FACE_LABELS = {
    "happy": _l("Happy"),
    "okay": _l("Okay"),
    "worried": _l("Worried"),
    "sad": _l("Sad"),
    "angry": _l("Angry"),
}
assert tuple(FACE_LABELS) == FACES

TOPIC_LABELS = {
    "home": _l("Home"),
    "school": _l("School or college"),
    "family_time": _l("Family time"),
    "friends": _l("Friends"),
    "health": _l("Health"),
    "money": _l("Money"),
    "worker": _l("My worker"),
    "moving": _l("Moving"),
    "something_else": _l("Something else"),
}
assert tuple(TOPIC_LABELS) == TOPICS

VERSION_LABELS = {
    EARLY: _l("Pictures, done with a grown-up you trust"),
    STANDARD: _l("The usual questions"),
}


@dataclass(frozen=True)
class Step:
    key: str
    kind: str
    titles: dict  # version -> lazy text ("*" for any version)
    hints: dict
    field: str | None = None  # for TEXT steps: the draft's column it fills
    required: bool = False

    def title(self, version: str) -> str:
        return str(self.titles.get(version) or self.titles["*"])

    def hint(self, version: str) -> str:
        value = self.hints.get(version) or self.hints.get("*")
        return str(value) if value else ""


def _step(key, kind, titles, hints=None, *, field=None, required=False) -> Step:
    return Step(key, kind, titles if isinstance(titles, dict) else {"*": titles}, hints or {}, field, required)


HELPER_STEP = _step(
    "helper", HELPER, _l("Who is helping you?"),
    {"*": _l("A grown-up you trust can read the questions with you and write down what you say.")},
)
FACE_STEP = _step(
    "face", FACE, {"*": _l("How are you feeling?"), EARLY: _l("How do you feel today?")},
    {"*": _l("Pick the face that is most like you today.")},
)
FEELING_WHY = _step(
    "why", TEXT, {"*": _l("What's making you feel like that?"), EARLY: _l("Why do you feel like that?")},
    {"*": _l("Say as much or as little as you like."), EARLY: _l("Your grown-up can write down what you say.")},
    field="text",
)
TOPIC_STEP = _step(
    "about", TOPIC, {"*": _l("Is it about any of these?"), EARLY: _l("What is it about?")},
    {"*": _l("You can skip this.")},
)
SORT_TOPIC = _step("about", TOPIC, _l("What is it about?"), {"*": _l("Pick the closest. You can skip this.")})
SORT_PROBLEM = _step(
    "problem", TEXT, {"*": _l("What do you want sorted?"), EARLY: _l("What is wrong?")},
    {"*": _l("Tell them what is happening."), EARLY: _l("Your grown-up can write down what you say.")},
    field="text",
)
SORT_WANTED = _step(
    "help", TEXT, {"*": _l("What would help?"), EARLY: _l("What would make it better?")},
    {"*": _l("What you would like to happen. You can skip this.")},
    field="wanted",
)
NEWS = _step(
    "news", TEXT, {"*": _l("What's your good news?"), EARLY: _l("What happened that was good?")},
    {"*": _l("Something that went well, something you did, something you are proud of.")},
    field="text",
)
VISIT_TALK = _step(
    "talk", TEXT, _l("What do you want to talk about?"),
    {"*": _l("At your next visit or meeting. It helps them get ready.")},
    field="text",
)
VISIT_AVOID = _step(
    "not-talk", TEXT, _l("Is there anything you don't want to talk about?"),
    {"*": _l("You can skip this.")},
    field="avoid",
)
OTHER_TEXT = _step("say", TEXT, _l("What do you want to say?"), {"*": _l("Anything at all.")}, field="text")
READERS_STEP = _step("who-reads-it", READERS, _l("Who do you want to read it?"), {"*": _l("Only the people you choose will see what you wrote.")})
CHECK_STEP = _step("check", CHECK, _l("Check and send"), {"*": _l("You can change anything before you send it.")})

TEAM_COMPLAINT = _step(
    "about", TEAM, _l("Who or what is it about?"),
    {"*": _l("Pick the closest. If you are not sure, pick 'Something else'.")},
)
TEAM_COMPLIMENT = _step("about", TEAM, _l("Who is it for?"), {"*": _l("Pick the team. We will make sure they hear it.")})
TEAM_COMMENT = _step("about", TEAM, _l("Who or what is it about?"), {"*": _l("Pick the closest. You can skip this.")})
WHAT_HAPPENED = _step(
    "what-happened", TEXT, {"*": _l("What happened?"), EARLY: _l("What went wrong?")},
    {"*": _l("What went wrong, when, and who was involved. Write it your way."), EARLY: _l("Your grown-up can write down what you say.")},
    field="text", required=True,
)
PUT_RIGHT = _step(
    "put-right", TEXT, {"*": _l("What would put it right?"), EARLY: _l("What would make it better?")},
    {"*": _l("For example an apology, a change, or something you should have had.")},
    field="wanted",
)
ADVOCATE_STEP = _step(
    "advocate", ADVOCATE, _l("Would you like an advocate to help you?"),
    {"*": _l("An advocate is someone on your side who helps you say what you want. They do not work for your social worker, and it is free.")},
)
COMPLIMENT_TEXT = _step(
    "say", TEXT, _l("What do you want to say?"), {"*": _l("What they did, and why it mattered to you.")}, field="text", required=True,
)
COMMENT_TEXT = _step("say", TEXT, _l("What do you want to say?"), {"*": _l("Your idea, or what you think.")}, field="text", required=True)

_FLOWS = {
    FEELING: [FACE_STEP, FEELING_WHY, TOPIC_STEP, READERS_STEP, CHECK_STEP],
    SORT: [SORT_TOPIC, SORT_PROBLEM, SORT_WANTED, READERS_STEP, CHECK_STEP],
    GOOD_NEWS: [NEWS, READERS_STEP, CHECK_STEP],
    VISIT: [VISIT_TALK, VISIT_AVOID, READERS_STEP, CHECK_STEP],
    OTHER: [OTHER_TEXT, TOPIC_STEP, READERS_STEP, CHECK_STEP],
    COMPLAINT: [TEAM_COMPLAINT, WHAT_HAPPENED, PUT_RIGHT, ADVOCATE_STEP, CHECK_STEP],
    COMPLIMENT: [TEAM_COMPLIMENT, COMPLIMENT_TEXT, CHECK_STEP],
    COMMENT: [TEAM_COMMENT, COMMENT_TEXT, CHECK_STEP],
}


def steps_for(kind: str, version: str) -> list[Step]:
    steps = list(_FLOWS[kind])
    return [HELPER_STEP, *steps] if version == EARLY else steps


def find_step(kind: str, version: str, key: str) -> Step | None:
    return next((step for step in steps_for(kind, version) if step.key == key), None)


def neighbours(kind: str, version: str, key: str) -> tuple[Step | None, Step | None]:
    steps = steps_for(kind, version)
    index = [step.key for step in steps].index(key)
    return (steps[index - 1] if index > 0 else None, steps[index + 1] if index + 1 < len(steps) else None)


def text_steps(kind: str, version: str) -> list[Step]:
    return [step for step in steps_for(kind, version) if step.kind == TEXT]


def version_for(young_person) -> str:
    return EARLY if young_person.age_band == "4-7" else STANDARD
