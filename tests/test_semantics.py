"""Gradual semantics: hand-computed values, published properties, cycles, caching."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.engine.evaluation import compile_graph, evaluate
from workbook.engine.semantics import (
    DF_QUAD,
    EULER,
    QUADRATIC_ENERGY,
    SEMANTICS,
    Semantics,
    get_semantics,
)
from workbook.errors import ScenarioError


def reference_dfquad(n, base, attacks, supports, tol=1e-12, max_iter=10_000):
    """A plain Jacobi DF-QuAD from the paper's definitions, for comparison."""
    s = list(base)
    for _ in range(max_iter):
        new = []
        for i in range(n):
            att = 1 - math.prod(1 - s[a] for a, b in attacks if b == i)
            sup = 1 - math.prod(1 - s[a] for a, b in supports if b == i)
            c = sup - att
            new.append(base[i] + c * (1 - base[i]) if c >= 0 else base[i] + c * base[i])
        delta = max(abs(x - y) for x, y in zip(new, s, strict=True)) if n else 0
        s = new
        if delta <= tol:
            return s, True
    return s, False


@pytest.mark.parametrize(
    ("n", "attacks", "supports", "base", "expected"),
    [
        (2, ((0, 1),), (), [0.6, 0.5], [0.6, 0.2]),
        (2, (), ((0, 1),), [0.6, 0.5], [0.6, 0.8]),
        (3, ((0, 2),), ((1, 2),), [0.6, 0.6, 0.5], [0.6, 0.6, 0.5]),
        (3, ((0, 2), (1, 2)), (), [0.5, 0.5, 1.0], [0.5, 0.5, 0.25]),
        (4, ((0, 1), (1, 2)), ((3, 2), (0, 3)), [0.6, 0.5, 0.5, 0.4], [0.6, 0.2, 0.78, 0.76]),
    ],
)
def test_dfquad_matches_hand_computed_values(n, attacks, supports, base, expected):
    """DF-QuAD gives the values worked out by hand from Rago et al.'s definitions."""
    got = evaluate(compile_graph(n, attacks, supports), np.array(base)).strengths
    assert got == pytest.approx(expected)


@pytest.mark.parametrize(
    ("semantics", "support", "attack", "expected"),
    [
        (QUADRATIC_ENERGY, 1.0, 0.0, 0.5 + 0.5 * 0.5),  # E = 1, h(1) = 1/2
        (QUADRATIC_ENERGY, 0.0, 1.0, 0.5 - 0.5 * 0.5),
        (EULER, 0.0, 0.0, 0.5),
        (EULER, 1.0, 0.0, 1 - 0.75 / (1 + 0.5 * math.e)),
        (EULER, 0.0, 1.0, 1 - 0.75 / (1 + 0.5 / math.e)),
    ],
)
def test_alternative_semantics_follow_their_formulas(semantics, support, attack, expected):
    """Quadratic energy and Euler-based strengths match their published formulas."""
    g = compile_graph(3, attacks=((1, 0),), supports=((2, 0),))
    got = evaluate(g, np.array([0.5, attack, support]), semantics=semantics).strengths
    assert got[0] == pytest.approx(expected)


def test_a_two_cycle_converges_to_a_fixed_point():
    """Mutual attackers settle where each one's strength is DF-QuAD of the other's."""
    ev = evaluate(compile_graph(2, attacks=((0, 1), (1, 0))), np.array([0.6, 0.5]))
    a, b = ev.strengths
    assert ev.converged and ev.iterations > 1
    assert a == pytest.approx(0.6 - b * 0.6, abs=1e-8)
    assert b == pytest.approx(0.5 - a * 0.5, abs=1e-8)


@pytest.mark.parametrize(
    ("base", "settled"),
    [
        ([1.0, 1.0], [0.5, 0.5]),
        ([1.0, 1.0, 0.0], [0.5, 0.5, 0.0]),
    ],
)
def test_an_oscillating_two_cycle_settles_by_damped_iteration_and_says_so(base, settled):
    """Full-strength mutual attackers flip forever under plain iteration; damping settles them."""
    n = len(base)
    attacks = ((0, 1), (1, 0))
    _, plain_converged = reference_dfquad(n, base, attacks, (), max_iter=500)
    assert not plain_converged  # the plain iteration oscillates with period 2
    ev = evaluate(compile_graph(n, attacks=attacks), np.array(base))
    assert ev.converged and ev.damped
    assert ev.strengths == pytest.approx(settled, abs=1e-9)
    a, b = ev.strengths[:2]  # a fixed point of DF-QuAD itself
    assert a == pytest.approx(1.0 - b, abs=1e-9) and b == pytest.approx(1.0 - a, abs=1e-9)


def test_only_the_samples_that_oscillate_are_damped():
    """In a batch, a sample that settles under plain iteration keeps its plain result."""
    g = compile_graph(2, attacks=((0, 1), (1, 0)))
    ev = evaluate(g, np.array([[1.0, 1.0], [0.6, 0.5]]))
    assert ev.converged and ev.damped_rows.tolist() == [True, False]
    plain = evaluate(g, np.array([0.6, 0.5]))
    assert not plain.damped and ev.strengths[1] == pytest.approx(plain.strengths, abs=1e-12)


def test_a_batch_stops_each_sample_when_it_settles():
    """A fast sample is not dragged through a slow one's passes; the batch reports the slowest."""
    g = compile_graph(2, attacks=((0, 1), (1, 0)))
    fast = evaluate(g, np.array([0.3, 0.2]))
    both = evaluate(g, np.array([[0.3, 0.2], [0.6, 0.5]]))
    assert both.iterations == max(fast.iterations, evaluate(g, np.array([0.6, 0.5])).iterations)
    assert both.strengths[0] == pytest.approx(fast.strengths, abs=1e-12)


def test_a_cycle_that_does_not_settle_in_time_reports_it():
    """A slow cycle stopped at max_iterations says it did not converge."""
    ev = evaluate(
        compile_graph(2, attacks=((0, 1), (1, 0))), np.array([1.0, 0.9]), max_iterations=40
    )
    assert not ev.converged and ev.iterations == 40 and ev.damped
    assert ev.delta > 1e-9


def test_the_compiled_structure_is_cached_on_the_structure_alone():
    """Compiling the same structure twice gives the same object; base scores never enter it."""
    a = compile_graph(3, ((0, 1),), ((2, 1),))
    assert compile_graph(3, ((0, 1),), ((2, 1),)) is a
    assert not a.cyclic and a.layers == 1


def test_a_dead_node_is_the_same_as_an_absent_one():
    """Masking a node out gives the strengths of the graph without it."""
    g = compile_graph(3, attacks=((0, 2),), supports=((1, 2),))
    masked = evaluate(g, np.array([0.7, 0.4, 0.5]), alive=np.array([True, False, True]))
    alone = evaluate(compile_graph(2, attacks=((0, 1),)), np.array([0.7, 0.5]))
    assert masked.strengths[2] == pytest.approx(alone.strengths[1])
    assert masked.strengths[1] == 0.0


def test_a_batch_equals_rows_evaluated_one_by_one():
    """Evaluating rows together gives the same strengths as one at a time."""
    g = compile_graph(4, attacks=((0, 1), (2, 3)), supports=((1, 3),))
    rows = np.random.default_rng(0).random((5, 4))
    batch = evaluate(g, rows).strengths
    for r in range(5):
        assert batch[r] == pytest.approx(evaluate(g, rows[r]).strengths)


@pytest.mark.parametrize(("name", "expected"), [("df-quad", DF_QUAD), ("euler", EULER)])
def test_semantics_are_found_by_name(name, expected):
    """The registry finds each shipped semantics by its name."""
    assert get_semantics(name) is expected
    assert SEMANTICS[name] is expected


def test_an_unknown_semantics_lists_the_choices():
    """A misspelt semantics name says what it might have meant."""
    with pytest.raises(ScenarioError, match="did you mean 'df-quad'"):
        get_semantics("dfquad")


def test_a_semantics_can_be_a_plain_function():
    """A new semantics is a Semantics built from an influence function."""
    ignore_attacks = Semantics("supports-only", "sum", lambda b, a, s: np.minimum(1.0, b + s))
    got = evaluate(
        compile_graph(3, ((0, 2),), ((1, 2),)), np.array([0.9, 0.2, 0.5]), semantics=ignore_attacks
    ).strengths
    assert got[2] == pytest.approx(0.7)


# --------------------------------------------------------------------------- properties


@st.composite
def graphs(draw, cyclic=True, max_n=9):
    """A random bipolar graph: node count, base scores, attack and support edges."""
    n = draw(st.integers(1, max_n))
    base = draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = draw(st.lists(pairs, max_size=2 * n, unique=True))
    edges = [(a, b) for a, b in edges if a != b and (cyclic or a > b)]
    split = draw(st.integers(0, len(edges)))
    return n, base, tuple(edges[:split]), tuple(edges[split:])


@settings(max_examples=60, deadline=None)
@given(graphs(), st.sampled_from(list(SEMANTICS.values())))
def test_strengths_stay_between_0_and_1(graph, semantics):
    """Every semantics keeps every strength in [0, 1], cycles included."""
    n, base, attacks, supports = graph
    got = evaluate(
        compile_graph(n, attacks, supports), np.array(base), semantics=semantics, max_iterations=200
    ).strengths
    assert np.all(got >= 0.0) and np.all(got <= 1.0)


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_dfquad_agrees_with_a_plain_reference(graph):
    """The array evaluation agrees with a direct transcription of DF-QuAD."""
    n, base, attacks, supports = graph
    ev = evaluate(
        compile_graph(n, attacks, supports), np.array(base), tolerance=1e-12, max_iterations=10_000
    )
    ref, converged = reference_dfquad(n, base, attacks, supports)
    if ev.converged and converged:
        assert ev.strengths == pytest.approx(ref, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(graphs(cyclic=False), st.floats(0, 1), st.data())
@pytest.mark.parametrize("relation", ["supports", "attacks"])
def test_dfquad_a_new_supporter_never_lowers_and_a_new_attacker_never_raises(
    relation, graph, strength, data
):
    """Adding a supporter to an argument never lowers it; adding an attacker never raises it."""
    n, base, attacks, supports = graph
    target = data.draw(st.integers(0, n - 1))
    before = evaluate(compile_graph(n, attacks, supports), np.array(base)).strengths[target]
    edge = ((n, target),)
    after_graph = compile_graph(
        n + 1,
        attacks + edge if relation == "attacks" else attacks,
        supports + edge if relation == "supports" else supports,
    )
    after = evaluate(after_graph, np.array([*base, strength])).strengths[target]
    if relation == "supports":
        assert after >= before - 1e-12
    else:
        assert after <= before + 1e-12


@settings(max_examples=60, deadline=None)
@given(graphs(), st.sampled_from(list(SEMANTICS.values())))
def test_the_plain_python_path_agrees_with_the_array_path(graph, semantics):
    """A single row (plain Python on small graphs) gives what a one-row batch (arrays) gives."""
    n, base, attacks, supports = graph
    g = compile_graph(n, attacks, supports)
    one = evaluate(g, np.array(base), semantics=semantics, max_iterations=300)
    batch = evaluate(g, np.array([base]), semantics=semantics, max_iterations=300)
    assert (one.converged, one.iterations) == (batch.converged, batch.iterations)
    assert one.strengths == pytest.approx(batch.strengths[0], abs=1e-9)
