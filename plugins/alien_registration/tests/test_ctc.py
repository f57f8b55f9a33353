"""The CTC prefix cost (pure numpy): frames drawn by hand, class 0 the blank."""

from __future__ import annotations

import numpy as np
import pytest
from docproc_alien_registration.ctc import _UNKNOWN_CHAR, prefix_costs

_CLASSES = 5  # blank, A, B, C, D


def _frames(*likeliest: int, p: float = 0.9) -> np.ndarray:
    """Log probabilities of frames each with one class at ``p``, the rest sharing what is left."""
    probs = np.full((len(likeliest), _CLASSES), (1 - p) / (_CLASSES - 1))
    probs[np.arange(len(likeliest)), likeliest] = p
    return np.log(probs)


A, B, C, D = ((1,), (2,), (3,), (4,))


def test_the_greedy_readings_beginning_costs_nothing_and_others_more() -> None:
    frames = _frames(1, 1, 0, 2, 0, 3, 3)  # greedy: A B C
    costs = prefix_costs(frames, [(A,), (A, B), (A, B, C), (B,), (A, C), (A, B, D)])
    assert costs[:3] == pytest.approx([0, 0, 0], abs=1e-5)
    assert (costs[3:] > 2).all()


def test_a_repeated_letter_needs_a_blank_between() -> None:
    run = _frames(1, 1, 1, 2)  # greedy: A B (one A, however many frames)
    split = _frames(1, 0, 1, 2)  # greedy: A A B
    assert prefix_costs(run, [(A, A, B)])[0] > prefix_costs(split, [(A, A, B)])[0] + 1
    assert prefix_costs(split, [(A, A, B)])[0] == pytest.approx(0, abs=1e-5)


def test_a_position_costs_its_cheapest_class() -> None:
    frames = _frames(1, 2, 3)
    either = prefix_costs(frames, [((1,), (2, 4), (3,))])[0]
    assert either == pytest.approx(0, abs=1e-5)
    assert prefix_costs(frames, [((1,), (4,), (3,))])[0] > 2


def test_a_character_the_model_lacks_costs_a_fixed_penalty() -> None:
    frames = _frames(1, 2, 3)
    unknown, = prefix_costs(frames, [((1,), (), (3,))])
    assert unknown == pytest.approx(_UNKNOWN_CHAR, abs=1e-4)


def test_names_of_different_lengths_at_once_and_none() -> None:
    frames = _frames(1, 0, 2, 0, 3, 0, 4)
    costs = prefix_costs(frames, [(A, B, C, D), (A,), (A, B, C, D, A)])
    assert costs[:2] == pytest.approx([0, 0], abs=1e-5)
    assert costs[2] > 2  # a name longer than what was read
    assert prefix_costs(frames, []).shape == (0,)
