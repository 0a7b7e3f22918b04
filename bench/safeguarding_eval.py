"""How well screening finds risk and identifying details, measured on our own labelled texts.

    .venv/bin/python bench/safeguarding_eval.py            # the tables for bench/README.md
    .venv/bin/python bench/safeguarding_eval.py --misses   # and every text it gets wrong

The texts live in bench/safeguarding/ (written by us, in every language Heard speaks; see the
headers there). Risk: recall is the share of risk texts that raise an alert, false alarms the
share of harmless texts that do. Identifying details: recall is the share of labelled details
that are proposed for redaction, wrong redactions the share of clean texts that get one.
tests/moderation/test_detection_quality.py keeps the figures from falling below the goals.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.i18n.locales import LANGUAGES
from app.moderation import screening

DATA = ROOT / "bench" / "safeguarding"
GOAL_RECALL, GOAL_LANGUAGE_RECALL, GOAL_FALSE_ALARMS = 0.95, 0.90, 0.10


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass
class Tally:
    positives: int = 0
    found: int = 0
    negatives: int = 0
    flagged: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def false_rate(self) -> float:
        return self.flagged / self.negatives if self.negatives else 0.0


def evaluate_risk(name: str = "risk_texts.tsv") -> dict[str, Tally]:
    """Per language, and "all"."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for language, label, topic, text in _rows(name):
        found = bool(screening.find_risk(text))
        for key in (language, "all"):
            tally = tallies[key]
            if label == "risk":
                tally.positives += 1
                tally.found += found
                if not found:
                    tally.misses.append(f"{language} {topic}: {text}")
            else:
                tally.negatives += 1
                tally.flagged += found
                if found:
                    tally.wrong.append(f"{language} {topic}: {text} -> {[f.text for f in screening.find_risk(text)]}")
    return tallies


def _covered(expected: str, text: str, findings) -> bool:
    start = text.find(expected)
    if start < 0:
        raise ValueError(f"{expected!r} is not in {text!r}")
    end = start + len(expected)
    overlap = sum(max(0, min(end, f.end) - max(start, f.start)) for f in findings)
    return overlap >= 0.8 * len(expected)


def evaluate_identifying() -> dict[str, Tally]:
    """Per kind of text (names, addresses, ...) and "all". Names are unknown to the council."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for language, label, expected, text in _rows("identifying_texts.tsv"):
        findings = screening.find_identifying(text)
        if label == "identifying":
            for detail in expected.split(" | "):
                hit = _covered(detail, text, findings)
                for key in (language, "all"):
                    tallies[key].positives += 1
                    tallies[key].found += hit
                    if not hit:
                        tallies[key].misses.append(f"{language}: {detail!r} in {text!r} -> {[f.text for f in findings]}")
        else:
            for key in (language, "all"):
                tallies[key].negatives += 1
                tallies[key].flagged += bool(findings)
                if findings:
                    tallies[key].wrong.append(f"{language}: {text!r} -> {[f.text for f in findings]}")
    return tallies


def _table(tallies: dict[str, Tally], positive: str, negative: str) -> str:
    lines = [f"| language | {positive} | recall | {negative} | {'false alarms' if negative == 'harmless' else 'wrongly redacted'} |", "| --- | --- | --- | --- | --- |"]
    order = [code for code in LANGUAGES if code in tallies] + ["all"]
    for key in order:
        t = tallies[key]
        name = "**all**" if key == "all" else key
        lines.append(f"| {name} | {t.found}/{t.positives} | {t.recall:.2f} | {t.flagged}/{t.negatives} | {t.false_rate:.2f} |")
    return "\n".join(lines)


def meets_goals(tallies: dict[str, Tally]) -> list[str]:
    problems = []
    overall = tallies["all"]
    if overall.recall < GOAL_RECALL:
        problems.append(f"overall recall {overall.recall:.2f} < {GOAL_RECALL}")
    if overall.false_rate > GOAL_FALSE_ALARMS:
        problems.append(f"false alarms {overall.false_rate:.2f} > {GOAL_FALSE_ALARMS}")
    for key, tally in tallies.items():
        if key != "all" and tally.recall < GOAL_LANGUAGE_RECALL:
            problems.append(f"{key} recall {tally.recall:.2f} < {GOAL_LANGUAGE_RECALL}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every text screening gets wrong")
    args = parser.parse_args()
    risk = evaluate_risk()
    unseen = evaluate_risk("risk_texts_unseen.tsv")
    identifying = evaluate_identifying()
    print("Risk screening: the labelled set (risk_texts.tsv)\n")
    print(_table(risk, "risk texts found", "harmless"))
    print("\nRisk screening: the second set, written after the lists (risk_texts_unseen.tsv)\n")
    print(_table(unseen, "risk texts found", "harmless"))
    print("\nIdentifying details (names unknown to the council)\n")
    print(_table(identifying, "details found", "clean texts"))
    if args.misses:
        for title, tallies in (("risk", risk), ("unseen", unseen), ("identifying", identifying)):
            print(f"\nMissed ({title}):")
            print("\n".join("  " + m for m in tallies["all"].misses) or "  none")
            print(f"Wrongly flagged ({title}):")
            print("\n".join("  " + m for m in tallies["all"].wrong) or "  none")
    problems = meets_goals(risk) + meets_goals(unseen)
    if problems:
        print("\nBelow the goals: " + "; ".join(problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
