"""Gradual semantics for bipolar argument graphs, evaluated as NumPy arrays.

A gradual semantics gives every node of a graph of attacks and supports a
strength in [0, 1] from its base score and the strengths of its attackers and
supporters. Three published semantics ship, all in the modular form of
Mossakowski & Neuhaus (an *aggregation* of attacker and supporter strengths,
then an *influence* function that moves the base score):

``df-quad`` (the default)
    Rago, Toni, Aurisicchio & Baroni, "Discontinuity-free decision support with
    quantitative argumentation debates", KR 2016. Attack and support each
    aggregate as a probabilistic sum, ``1 - prod(1 - s)``; with ``c = support -
    attack`` the strength is ``b + c(1 - b)`` when ``c >= 0`` and ``b + c b``
    otherwise.
``quadratic-energy``
    Potyka, "Continuous dynamical systems for weighted bipolar argumentation",
    KR 2018. Energy ``E = sum(support) - sum(attack)``; with
    ``h(x) = x^2 / (1 + x^2)`` the strength is ``b + (1 - b) h(E)`` when
    ``E >= 0`` and ``b - b h(-E)`` otherwise (the fixed point of the model).
``euler``
    Amgoud & Ben-Naim, "Evaluation of arguments in weighted bipolar graphs",
    IJAR 2018 (Euler-based semantics). ``s = 1 - (1 - b^2) / (1 + b e^E)``.

Under all three a node of strength 0 has no effect on the nodes it attacks or
supports, so "remove this argument" is evaluated as "force its strength to 0"
(the ``alive`` mask), and a whole batch of what-ifs shares one graph structure.

Evaluation:

* :func:`compile_graph` (from :mod:`workbook.engine.graph`) turns the structure (node
  count, attack and support edges) into index arrays once; it is cached on the
  structure alone, so changing base scores never recompiles.
* :func:`evaluate` takes base scores for a batch of samples, shape
  ``(samples, nodes)``, and returns the strengths in the same shape. Acyclic
  graphs are evaluated in one pass, layer by topological layer; cyclic graphs
  are iterated (Jacobi, from the base scores), each sample until its residual
  ``|f(s) - s|`` is within ``tolerance``, or stop after ``max_iterations`` and
  say so. A sample still moving after :data:`DAMPED_AFTER` passes (DF-QuAD can
  oscillate with period 2 on a cycle) switches to damped iteration,
  ``s <- (s + f(s)) / 2`` (Mann, "Mean value methods in iteration", 1953; the
  Euler step 1/2 of Potyka's continuous model ``ds/dt = f(s) - s``), and
  :attr:`Evaluation.damped_rows` records it.
* ``workbook.engine._layered.evaluate_layered`` is the large-batch evaluator for
  acyclic graphs (node-major rows in topological order), used by the Monte Carlo.

The graph structure itself is compiled by :mod:`workbook.engine.graph`
(re-exported by :mod:`workbook.engine.evaluation`)::

    >>> import numpy as np
    >>> from workbook.engine.evaluation import compile_graph, evaluate
    >>> g = compile_graph(2, attacks=((0, 1),))
    >>> evaluate(g, np.array([[0.6, 0.5]])).strengths.round(3).tolist()
    [[0.6, 0.2]]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from workbook.vocabulary import lookup

__all__ = [
    "DF_QUAD",
    "EULER",
    "QUADRATIC_ENERGY",
    "SEMANTICS",
    "Array",
    "Semantics",
    "get_semantics",
]

Array = NDArray[np.floating[Any]]
Influence = Callable[[Array, Array, Array], Array]
"""``influence(base, attack, support) -> strength``, all arrays of one shape."""


# --------------------------------------------------------------------------- semantics


@dataclass(frozen=True)
class Semantics:
    """A gradual semantics: how attackers and supporters aggregate, and how that moves the base.

    Attributes:
        name: short name used in scenarios and results.
        aggregate: ``"product"`` (probabilistic sum ``1 - prod(1 - s)``) or ``"sum"``.
        influence: ``influence(base, attack, support)`` on arrays; must map into [0, 1].
            The evaluator passes fresh arrays, which the function may overwrite.
        reference: the publication that defines it.
        scalar: optional plain-float form of ``influence``; when given, a single row on
            a small acyclic graph is evaluated in plain Python, which is faster there.

    """

    name: str
    aggregate: Literal["product", "sum"]
    influence: Influence
    reference: str = ""
    scalar: Callable[[float, float, float], float] | None = None

    def __repr__(self) -> str:
        return f"Semantics({self.name!r})"


def _dfquad(base: Array, attack: Array, support: Array) -> Array:
    c = support
    c -= attack  # support is a fresh array the caller no longer needs
    # b + c(1 - b) when c >= 0, else b + c b: one product with the right factor
    room: Array = np.where(c >= 0.0, 1.0 - base, base)  # faster than subtract(where=)
    room *= c
    room += base
    return room


def _quadratic(base: Array, attack: Array, support: Array) -> Array:
    energy = support - attack
    e2 = energy * energy
    h = e2 / (1.0 + e2)
    out: Array = np.where(energy >= 0.0, base + (1.0 - base) * h, base - base * h)
    return out


def _euler(base: Array, attack: Array, support: Array) -> Array:
    energy = np.clip(support - attack, -80.0, 80.0)  # e^80 is already "infinite" here
    out: Array = 1.0 - (1.0 - base * base) / (1.0 + base * np.exp(energy))
    return out


def _dfquad_1(b: float, attack: float, support: float) -> float:
    c = support - attack
    return b + c * (1.0 - b) if c >= 0.0 else b + c * b


def _quadratic_1(b: float, attack: float, support: float) -> float:
    e = support - attack
    h = e * e / (1.0 + e * e)
    return b + (1.0 - b) * h if e >= 0.0 else b - b * h


def _euler_1(b: float, attack: float, support: float) -> float:
    return 1.0 - (1.0 - b * b) / (1.0 + b * math.exp(min(80.0, max(-80.0, support - attack))))


DF_QUAD = Semantics(
    "df-quad",
    "product",
    _dfquad,
    "Rago, Toni, Aurisicchio & Baroni, Discontinuity-free decision support with "
    "quantitative argumentation debates, KR 2016",
    _dfquad_1,
)
QUADRATIC_ENERGY = Semantics(
    "quadratic-energy",
    "sum",
    _quadratic,
    "Potyka, Continuous dynamical systems for weighted bipolar argumentation, KR 2018",
    _quadratic_1,
)
EULER = Semantics(
    "euler",
    "sum",
    _euler,
    "Amgoud & Ben-Naim, Evaluation of arguments in weighted bipolar graphs, IJAR 2018",
    _euler_1,
)

SEMANTICS: Mapping[str, Semantics] = {s.name: s for s in (DF_QUAD, QUADRATIC_ENERGY, EULER)}
"""The shipped semantics by name."""


def get_semantics(name: str | Semantics) -> Semantics:
    """The semantics with this name (a :class:`Semantics` is returned as is).

    Raises:
        ScenarioError: no semantics has that name; the message lists the names.

    """
    if isinstance(name, Semantics):
        return name
    return lookup(SEMANTICS, name, "semantics")
