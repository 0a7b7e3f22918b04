"""Statistical disclosure control for every figure Heard shows about young people in aggregate.

The rules, shared by surveys, the pledge scorecard, polls, the reviews report and the board pack:
- any count under 5 (zero included) is shown as "fewer than 5";
- a group under 10 is not broken down further (its total may show, if 5 or more);
- a percentage is never shown where its count or its base is hidden;
- more figures are hidden where a small one could otherwise be worked out. Such a figure is 5 or
  more, and it is labelled as what it is ("hidden to protect small numbers"), never as a small
  count: telling a Corporate Parenting Board that bad news is smaller than it is would be wrong.

Because the labels are true, a reader learns from them that a "fewer than 5" figure is 0 to 4 and a
"hidden" one is at least 5. `protect()` takes that into account. It treats every "total = sum of
parts" relation the reader can see (a row and its total, a breakdown and the overall figure beside
it, related tables of one report) as an equation, and hides more until
- in every relation with its total shown, the hidden parts hold at least 5 between them (a handful
  of hidden cells never adds up to a small number), and
- every hidden figure could still be any of at least 5 values (a "fewer than 5" any of 0 to 4),
  by the bounds that follow from all the relations together (interval propagation).
Together these stop subtraction, "everyone gave the same answer" (the ONS's group disclosure), and
the narrowing of a hidden figure from the labels.
"""
from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

MIN_CELL = 5
MIN_GROUP = 10

SMALL = "small"  # under MIN_CELL, shown as "fewer than 5"
HIDDEN = "hidden"  # hidden so that a small figure cannot be worked out; no claim about its size

FEWER_THAN_5 = _l("fewer than 5")
HIDDEN_TEXT = _l("hidden to protect small numbers")
CSV_TEXT = {SMALL: "<5", HIDDEN: "hidden"}

BASE = "_base"


@dataclass
class Cell:
    count: int | None  # None when not shown
    percent: float | None = None
    why: str = HIDDEN  # when not shown: SMALL (a count under 5) or HIDDEN (anything else)

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def small(self) -> bool:
        return self.count is None and self.why == SMALL

    def __str__(self) -> str:
        if self.count is not None:
            return str(self.count)
        return str(FEWER_THAN_5 if self.why == SMALL else HIDDEN_TEXT)

    @property
    def csv(self) -> str:
        return str(self.count) if self.count is not None else CSV_TEXT[self.why]

    @property
    def percent_text(self) -> str:
        return "" if self.percent is None else f"{self.percent:.0f}%"


def small_cell() -> Cell:
    return Cell(None, why=SMALL)


def count_cell(n: int) -> Cell:
    """A lone count with nothing beside it to subtract from: shown from 5, else "fewer than 5"."""
    return Cell(int(n)) if n >= MIN_CELL else small_cell()


@dataclass
class Distribution:
    base: Cell
    cells: dict[Hashable, Cell] = field(default_factory=dict)
    broken_down: bool = False

    def cell(self, category) -> Cell | None:
        return self.cells.get(category)

    def figure(self, category) -> Cell:
        """The cell as shown: hidden (to protect small numbers) where not broken down."""
        return self.cells.get(category) or Cell(None)


# --- the engine ---------------------------------------------------------------------------------

SHOWN, UNSHOWN = "shown", "unshown"  # ref states besides SMALL and HIDDEN; UNSHOWN: not broken down
INF = math.inf


class _Protector:
    def __init__(self, nodes, categories, categories_of, equations, lines, people, priority, fixed):
        listed = list(categories)
        self.cats = {key: list(categories_of[key]) if key in categories_of else listed for key in nodes}
        self.priority = priority
        self.value: dict[tuple, int] = {}
        self.state: dict[tuple, str] = {}
        self.empty: set = set()
        self.fixed = set(fixed)
        self.accepted_refs: set = set()  # figures as safe as the relations allow
        self.accepted_lines: set = set()
        for key, counts in nodes.items():
            for c in self.cats[key]:
                self.value[(key, c)] = int(counts.get(c, 0))
            base = sum(self.value[(key, c)] for c in self.cats[key])
            self.value[(key, BASE)] = base
            if key in fixed:
                self._take_fixed(key, fixed[key])
            elif base == 0:
                # Nobody stands behind an empty node: knowing it is empty tells nothing about anyone.
                self.empty.add(key)
                for ref in self._refs(key):
                    self.state[ref] = SMALL
            else:
                self.state[(key, BASE)] = SHOWN if base >= MIN_CELL else SMALL
                broken = base >= MIN_GROUP and people.get(key, MIN_GROUP) >= MIN_GROUP
                for c in self.cats[key]:
                    n = self.value[(key, c)]
                    self.state[(key, c)] = (SHOWN if n >= MIN_CELL else SMALL) if broken else UNSHOWN

        self.lines: list[tuple[tuple, list[tuple]]] = [((key, BASE), [(key, c) for c in self.cats[key]]) for key in nodes]
        for total, parts in equations:
            self.lines.append(((total, BASE), [(part, BASE) for part in parts]))
            self.lines.extend(((total, c), [(part, c) for part in parts]) for c in self.cats[total])
        self.lines.extend((total, list(parts)) for total, parts in lines)
        self.member_of: dict[tuple, list[int]] = defaultdict(list)
        for index, (total, parts) in enumerate(self.lines):
            for ref in (total, *parts):
                self.member_of[ref].append(index)

    def _refs(self, key):
        return [(key, BASE)] + [(key, c) for c in self.cats[key]]

    def _take_fixed(self, key, dist: Distribution):
        base = dist.base
        self.state[(key, BASE)] = SHOWN if base.count is not None else base.why
        for c in self.cats[key]:
            cell = dist.cells.get(c) if dist.broken_down else None
            if cell is None:
                self.state[(key, c)] = UNSHOWN
            else:
                self.state[(key, c)] = SHOWN if cell.count is not None else cell.why

    # What a reader knows of each figure, from what is shown and how it is labelled.
    def _initial(self, ref) -> tuple[float, float]:
        if ref[0] in self.empty:
            return 0, 0
        state = self.state[ref]
        if state == SHOWN:
            return self.value[ref], self.value[ref]
        if state == SMALL:
            return 0, MIN_CELL - 1
        if state == HIDDEN:
            return MIN_CELL, INF
        return 0, INF

    def _hidden_set(self) -> set:
        return {ref for ref, state in self.state.items() if state != SHOWN and ref[0] not in self.empty}

    def bounds(self):
        """Each hidden figure's range as far as "total = sum of parts" lets a reader narrow it.

        Shown figures are folded into each relation's constant, so only hidden ones propagate:
        a relation is sum(sign * x) = constant over its hidden figures x.
        """
        hidden = self._hidden_set()
        ids: dict[tuple, int] = {}
        lo: list[float] = []
        hi: list[float] = []
        relations = []
        member_of: list[list[int]] = []
        for total, parts in self.lines:
            constant, terms = 0, []
            for ref, sign in ((total, -1), *((p, 1) for p in parts)):
                if ref in hidden:
                    i = ids.get(ref)
                    if i is None:
                        i = ids[ref] = len(lo)
                        low, high = self._initial(ref)
                        lo.append(low)
                        hi.append(high)
                        member_of.append([])
                    terms.append((i, sign))
                elif ref[0] not in self.empty:
                    constant -= sign * self.value[ref]
            if terms:
                for i, _ in terms:
                    member_of[i].append(len(relations))
                relations.append((terms, constant))
        queue = deque(range(len(relations)))
        queued = [True] * len(relations)
        while queue:
            index = queue.popleft()
            queued[index] = False
            terms, constant = relations[index]
            # The least and most the terms can sum to: a finite part and a count of unbounded ones.
            low_sum = high_sum = low_inf = high_inf = 0
            for i, sign in terms:
                if sign > 0:  # the term ranges over [lo, hi]
                    low_sum += lo[i]
                    if hi[i] == INF:
                        high_inf += 1
                    else:
                        high_sum += hi[i]
                else:  # over [-hi, -lo]
                    high_sum -= lo[i]
                    if hi[i] == INF:
                        low_inf += 1
                    else:
                        low_sum -= hi[i]
            for i, sign in terms:
                unbounded = hi[i] == INF
                if sign > 0:
                    low, high = lo[i], hi[i]
                    others_low = -INF if low_inf else low_sum - low
                    others_high = INF if high_inf - unbounded else high_sum - (0 if unbounded else high)
                    new_low, new_high = constant - others_high, constant - others_low
                else:
                    low, high = -hi[i], -lo[i]
                    others_low = -INF if low_inf - unbounded else low_sum - (0 if unbounded else low)
                    others_high = INF if high_inf else high_sum - high
                    new_low, new_high = others_low - constant, others_high - constant
                if new_low > lo[i] or new_high < hi[i]:
                    lo[i], hi[i] = max(lo[i], new_low), min(hi[i], new_high)
                    for other in member_of[i]:
                        if not queued[other]:
                            queued[other] = True
                            queue.append(other)
        return {ref: lo[i] for ref, i in ids.items()}, {ref: hi[i] for ref, i in ids.items()}

    def hidden(self, ref) -> bool:
        return self.state[ref] != SHOWN and ref[0] not in self.empty

    def _cheap_problem(self):
        """A relation that gives a figure away at a glance: with one hidden figure in it, or with
        its total shown and hidden parts that hold fewer than 5 between them."""
        hidden_refs = self._hidden_set()
        for index, (total, parts) in enumerate(self.lines):
            if index in self.accepted_lines:
                continue
            hidden = [p for p in parts if p in hidden_refs]
            total_hidden = total in hidden_refs
            if len(hidden) + total_hidden == 1:
                return index
            if hidden and not total_hidden and sum(self.value[p] for p in hidden) < MIN_CELL:
                return index
        return None

    def _narrow_refs(self, lo, hi):
        return [ref for ref in self.state if self.hidden(ref) and ref not in self.accepted_refs and hi[ref] - lo[ref] < MIN_CELL - 1]

    def _binding_lines(self, ref, lo, hi):
        """The relations that pin `ref` down to the range it has."""
        lo = _Ranges(self, lo)
        hi = _Ranges(self, hi)
        found = []
        for index in self.member_of[ref]:
            total, parts = self.lines[index]
            if ref == total:
                own_lo, own_hi = sum(lo[p] for p in parts), sum(hi[p] for p in parts)
            else:
                rest = [p for p in parts if p != ref]
                own_lo = lo[total] - sum(hi[p] for p in rest)
                own_hi = hi[total] - sum(lo[p] for p in rest)
            if own_lo >= lo[ref] or own_hi <= hi[ref]:
                found.append(index)
        return found

    def _candidates(self, indexes):
        seen = {}
        for index in indexes:
            total, parts = self.lines[index]
            for ref in (total, *parts):
                if self.state[ref] == SHOWN and ref[0] not in self.fixed and ref[0] not in self.empty:
                    seen[ref] = True
        return list(seen)

    def _knock_on(self, ref) -> int:
        """How many relations hiding `ref` would leave with a single hidden figure."""
        refs = {ref} | (set(self._refs(ref[0])) if ref[1] == BASE else set())
        cost = 0
        for index in {i for r in refs for i in self.member_of[r]}:
            total, parts = self.lines[index]
            members = [total, *parts]
            if not any(self.hidden(m) for m in members) and sum(1 for m in members if m in refs) == 1:
                cost += 1
        return cost

    def _hide(self, ref):
        self.state[ref] = SMALL if self.value[ref] < MIN_CELL else HIDDEN
        if ref[1] == BASE:  # no figure is shown against a hidden base
            self._unbreak(ref[0])

    def _unbreak(self, key):
        for c in self.cats[key]:
            self.state[(key, c)] = UNSHOWN

    def _fallback(self, indexes, ref=None) -> bool:
        """No shown figure is left to hide in these relations: stop breaking a node down instead."""
        keys = []
        if ref is not None:
            keys.append(ref[0])
        for index in indexes:
            total, parts = self.lines[index]
            keys.extend(m[0] for m in (total, *parts) if self.hidden(m))
        for key in dict.fromkeys(keys):
            if key in self.fixed or key in self.empty:
                continue
            if any(self.state[(key, c)] in (SHOWN, SMALL, HIDDEN) for c in self.cats[key]):
                self._unbreak(key)
                return True
        for key in dict.fromkeys(keys):
            if key not in self.fixed and key not in self.empty and self.state[(key, BASE)] == SHOWN:
                self._hide((key, BASE))
                return True
        return False

    def _best(self, candidates):
        """The figure to hide next, weighing how many other figures its hiding would force out
        too against how much it matters, then the smallest."""
        return min(
            candidates,
            key=lambda r: (self._knock_on(r) + self.priority(r[0]), self.priority(r[0]), self.value[r], r[1] == BASE, str(r)),
        )

    def run(self):
        while True:
            index = self._cheap_problem()
            if index is not None:
                candidates = self._candidates([index])
                if candidates:
                    self._hide(self._best(candidates))
                elif not self._fallback([index]):
                    self.accepted_lines.add(index)
                continue
            lo, hi = self.bounds()
            narrow = self._narrow_refs(lo, hi)
            if not narrow:
                return
            # The most tightly pinned first: a figure pinned only through another hidden one is
            # freed by hiding around that one. Figures pinned by relations apart from each other
            # are freed in the same round, so the ranges are worked out fewer times.
            narrow.sort(key=lambda r: (hi[r] - lo[r], str(r)))
            touched: set[int] = set()
            for ref in narrow:
                indexes = self._binding_lines(ref, lo, hi) or self.member_of[ref]
                if touched.intersection(indexes):
                    continue
                candidates = self._candidates(indexes)
                if candidates:
                    best = self._best(candidates)
                    self._hide(best)
                    touched.update(indexes)
                    touched.update(i for r in self._refs(best[0]) for i in self.member_of[r])
            if touched:
                continue
            ref = narrow[0]
            indexes = self._binding_lines(ref, lo, hi) or self.member_of[ref]
            if not self._fallback(indexes, ref):
                # Nothing left to hide: the figure is as safe as these relations allow.
                self.accepted_refs.add(ref)

    def result(self, keys) -> dict[Hashable, Distribution]:
        out = {}
        for key in keys:
            base_ref = (key, BASE)
            base_state = self.state[base_ref]
            if base_state == SHOWN and key not in self.empty:
                base = Cell(self.value[base_ref])
            else:
                base = Cell(None, why=SMALL if self.value[base_ref] < MIN_CELL else HIDDEN)
            cells = {}
            for c in self.cats[key]:
                ref = (key, c)
                state = self.state[ref]
                if state == SHOWN and base.count:
                    cells[c] = Cell(self.value[ref], 100.0 * self.value[ref] / base.count)
                elif state in (SMALL, HIDDEN):
                    cells[c] = Cell(None, why=state)
                else:
                    cells[c] = None
            # A row with nothing shown is not broken down: its labels alone would say which answer
            # most gave.
            broken_down = base.count is not None and all(cell is not None for cell in cells.values()) and any(
                not cell.suppressed for cell in cells.values()
            )
            out[key] = Distribution(base=base, cells=cells if broken_down else {}, broken_down=broken_down)
        return out


class _Ranges:
    """Ranges of hidden figures, and the value of shown ones, by ref."""

    def __init__(self, protector, ranges):
        self.protector, self.ranges = protector, ranges

    def __getitem__(self, ref):
        if ref in self.ranges:
            return self.ranges[ref]
        return 0 if ref[0] in self.protector.empty else self.protector.value[ref]


def protect(
    nodes: Mapping[Hashable, Mapping[Hashable, int]],
    categories: Iterable[Hashable],
    equations: Iterable[tuple[Hashable, Iterable[Hashable]]] = (),
    *,
    categories_of: Mapping[Hashable, Iterable[Hashable]] | None = None,
    lines: Iterable[tuple[tuple, Iterable[tuple]]] = (),
    people: Mapping[Hashable, int] | None = None,
    priority: Callable[[Hashable], int] = lambda key: 0,
    fixed: Mapping[Hashable, Distribution] | None = None,
) -> dict[Hashable, Distribution]:
    """Safe distributions for related nodes (each a count per category).

    - `categories`: the categories of every node, unless `categories_of` gives a node its own.

    - `equations`: (total, parts): node total = sum of the parts, for every category and the base.
    - `lines`: further relations between single figures, (total_ref, [part_refs]) where a ref is
      (node, category) or (node, BASE): e.g. "views acknowledged" has as its base the "yes" of
      "views sent before".
    - `people`: for nodes that count ratings rather than people, a lower bound on how many
      different young people stand behind them; such a node is not broken down under 10.
    - `priority(node)`: how much a node's figures matter; lower ones are hidden first.
    - `fixed`: nodes already shown elsewhere as these distributions; they are not changed, and
      the others are hidden around them.
    """
    fixed = dict(fixed or {})
    protector = _Protector(dict(nodes), categories, dict(categories_of or {}), list(equations), list(lines), dict(people or {}), priority, fixed)
    protector.run()
    return protector.result([key for key in nodes if key not in fixed])


def distribution(counts: Mapping[Hashable, int], categories: Iterable[Hashable]) -> Distribution:
    """Counts per category (missing ones are 0) made safe to show."""
    return protect({"_": counts}, categories)["_"]


def breakdown(
    groups: Mapping[Hashable, Mapping[Hashable, int]],
    categories: Iterable[Hashable],
    overall: Distribution | None = None,
) -> dict[Hashable, Distribution]:
    """A distribution per group (e.g. age band), safe to show beside the overall distribution.

    `overall` is what is shown for everyone together; by default the distribution of the sums.
    """
    return partitions({"_": groups}, categories, overall)["_"]


def partitions(
    splits: Mapping[Hashable, Mapping[Hashable, Mapping[Hashable, int]]],
    categories: Iterable[Hashable],
    overall: Distribution | None = None,
) -> dict[Hashable, dict[Hashable, Distribution]]:
    """Several breakdowns of the same people (e.g. by age band and by care status) shown beside
    one overall distribution, protected together so that neither gives the other away."""
    categories = list(categories)
    sums: dict[Hashable, int] = defaultdict(int)
    for groups in splits.values():
        for counts in groups.values():
            for c in categories:
                sums[c] += int(counts.get(c, 0))
        break
    if overall is None:
        overall = distribution(sums, categories)
    nodes: dict[Hashable, Mapping[Hashable, int]] = {"overall": sums}
    equations = []
    for name, groups in splits.items():
        for group, counts in groups.items():
            nodes[(name, group)] = counts
        equations.append(("overall", [(name, group) for group in groups]))
    safe = protect(nodes, categories, equations, fixed={"overall": overall})
    return {name: {group: safe[(name, group)] for group in groups} for name, groups in splits.items()}
