from app.reports.disclosure import breakdown, distribution

CATS = ["yes", "sometimes", "no"]


def test_counts_under_5_are_suppressed_and_a_lone_one_takes_the_next_smallest_with_it():
    dist = distribution({"yes": 20, "sometimes": 7, "no": 3}, CATS)
    assert dist.broken_down and dist.base.count == 30
    assert dist.cell("no").suppressed
    assert dist.cell("sometimes").suppressed  # otherwise 30 - 20 - 7 gives "no" away
    assert dist.cell("yes").count == 20 and round(dist.cell("yes").percent) == 67
    assert dist.cell("no").percent is None and dist.cell("sometimes").percent is None


def test_zero_counts_are_suppressed_too():
    dist = distribution({"yes": 12, "sometimes": 9}, CATS)
    assert dist.cell("no").suppressed and dist.cell("sometimes").suppressed


def test_groups_under_10_are_not_broken_down_and_under_5_not_even_counted():
    assert not distribution({"yes": 9}, CATS).broken_down
    assert distribution({"yes": 9}, CATS).base.count == 9
    assert distribution({"yes": 4}, CATS).base.suppressed


def test_no_suppressed_number_can_be_recovered_by_subtraction():
    dist = distribution({"yes": 40, "sometimes": 30, "no": 2}, CATS)
    shown = [c.count for c in dist.cells.values() if not c.suppressed]
    hidden = [k for k, c in dist.cells.items() if c.suppressed]
    assert len(hidden) != 1
    assert dist.base.count - sum(shown) != 2 or len(hidden) > 1


def test_a_lone_small_group_in_a_breakdown_hides_another_group_too():
    groups = {
        "8-11": {"yes": 4, "sometimes": 2, "no": 1},  # 7: not broken down
        "12-17": {"yes": 30, "sometimes": 10, "no": 8},
        "18-25": {"yes": 12, "sometimes": 6, "no": 5},
    }
    result = breakdown(groups, CATS)
    assert not result["8-11"].broken_down
    overall = distribution({"yes": 46, "sometimes": 18, "no": 14}, CATS)
    for category in CATS:
        # Whatever else is shown, 8-11's answers cannot be had as overall minus the others.
        shown = sum(d.cells[category].count for d in result.values() if d.broken_down and not d.cells[category].suppressed)
        if overall.cells[category].count is not None:
            assert overall.cells[category].count - shown >= 5, category


def test_a_lone_suppressed_group_total_hides_another_total():
    groups = {"a": {"yes": 3}, "b": {"yes": 50}, "c": {"yes": 20}}
    result = breakdown(groups, CATS)
    assert result["a"].base.suppressed and result["c"].base.suppressed and result["b"].base.count == 50


def test_everyone_giving_the_same_answer_is_not_shown():
    dist = distribution({"yes": 20}, CATS)
    assert all(cell.suppressed for cell in dist.cells.values())
    assert dist.base.count == 20


def test_hidden_cells_always_hold_at_least_five_between_them():
    import itertools

    for yes, sometimes, no in itertools.product(range(0, 16), repeat=3):
        dist = distribution({"yes": yes, "sometimes": sometimes, "no": no}, CATS)
        if not dist.broken_down:
            continue
        hidden = [cell for cell in dist.cells.values() if cell.suppressed]
        if hidden:
            shown = sum(cell.count for cell in dist.cells.values() if not cell.suppressed)
            assert dist.base.count - shown >= 5, (yes, sometimes, no)


def test_a_group_cell_cannot_be_taken_from_the_overall_figure():
    groups = {
        "8-11": {"yes": 12, "sometimes": 10, "no": 3},
        "12-17": {"yes": 30, "sometimes": 10, "no": 20},
    }
    result = breakdown(groups, CATS)
    overall = distribution({"yes": 42, "sometimes": 20, "no": 23}, CATS)
    for category in CATS:
        shown = [d.cells[category].count for d in result.values() if d.broken_down and not d.cells[category].suppressed]
        hidden = [d for d in result.values() if not d.broken_down or d.cells[category].suppressed]
        if hidden and overall.cells[category].count is not None:
            assert overall.cells[category].count - sum(shown) >= 5, category


def _feasible(dist, categories, base):
    """Every table of true counts a reader could still believe, given what is shown and how each
    hidden figure is labelled (brute force, independent of the rules' own reasoning)."""
    import itertools

    ranges = []
    for c in categories:
        cell = dist.cells[c]
        if cell.count is not None:
            ranges.append(range(cell.count, cell.count + 1))
        elif cell.small:
            ranges.append(range(0, 5))
        else:
            ranges.append(range(5, base + 1))
    return [combo for combo in itertools.product(*ranges) if sum(combo) == base]


def test_no_hidden_figure_can_be_narrowed_from_its_label_and_the_others():
    import random

    rng = random.Random(7)
    for _ in range(400):
        categories = ["a", "b", "c", "d"][: rng.randint(2, 4)]
        counts = {c: rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20]) for c in categories}
        dist = distribution(counts, categories)
        if not dist.broken_down:
            continue
        base = sum(counts.values())
        tables = _feasible(dist, categories, base)
        assert tuple(counts[c] for c in categories) in tables  # the labels are true
        for i, c in enumerate(categories):
            if dist.cells[c].count is None:
                values = {t[i] for t in tables}
                assert len(values) >= 5, (counts, c, sorted(values))
                if dist.cells[c].small:
                    assert values == {0, 1, 2, 3, 4}, (counts, c, sorted(values))


def test_hidden_cells_are_labelled_truly():
    dist = distribution({"yes": 20, "sometimes": 3, "no": 8}, CATS)
    assert str(dist.cell("sometimes")) == "fewer than 5" and dist.cell("sometimes").csv == "<5"
    assert str(dist.cell("no")) == "hidden to protect small numbers" and dist.cell("no").csv == "hidden"


def test_figures_of_related_tables_are_protected_together():
    from app.reports.disclosure import BASE, protect

    # 20 of 23 sent their views before the review, and 18 of those 20 were acknowledged. The 3 who
    # did not send are too few to show; hiding the 20 is no use if "out of 20" is shown beside
    # the acknowledgements.
    safe = protect(
        {"sent": {"yes": 20, "no": 3}, "acknowledged": {"yes": 18, "no": 2}},
        ["yes", "no"],
        lines=[(("sent", "yes"), [("acknowledged", BASE)])],
    )
    assert safe["sent"].base.count == 23 and safe["sent"].figure("yes").count is None
    assert safe["acknowledged"].base.count is None and not safe["acknowledged"].base.small
