"""How well a CTC recogniser's per-frame output fits a given text's beginning: the cost of spelling a place.

A greedy CTC reading takes each frame's likeliest character, so one blurred kanji of a place name comes
out as whatever look-alike won that frame. Asking instead how much less likely the best path that spells a
given name is than the greedy path (Viterbi over the CTC states, the name's end followed by anything)
scores every known name against what the recogniser saw, including the runner-up characters the greedy
reading threw away. Each position of a name may accept several characters (a digit printed as 1, １ or 一;
a kanji in its Chinese forms): a position costs its cheapest. Many names are scored at once, in one pass
over the frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["prefix_costs"]

_UNREACHABLE = np.float32(1e9)
_UNKNOWN_CHAR = np.float32(6.0)  # a character the recogniser cannot output: any character, this much dearer


def prefix_costs(log_probs: np.ndarray, names: Sequence[Sequence[tuple[int, ...]]],
                 frames_per_label: int = 12) -> np.ndarray:
    """For each name (positions of class indices; an empty tuple for a character the model lacks), how much
    more the cheapest path that starts by spelling it costs than the greedy path, in nats (0: the greedy
    reading starts with it).

    ``log_probs``: (frames, classes) log probabilities, class 0 the CTC blank. The name may end at any
    frame; what follows it is read freely. Only the first ``frames_per_label`` frames per position of the
    longest name (plus a margin) are searched: a name is the beginning of the line.
    """
    if not names:
        return np.zeros(0, dtype=np.float32)
    cost = -log_probs.astype(np.float32)
    frames = cost.shape[0]
    free = cost.min(axis=1)
    # the cheapest continuation after frame t (free_after[t] = sum of free[t:]), and the whole greedy path
    free_after = np.concatenate([np.cumsum(free[::-1])[::-1], [0.0]]).astype(np.float32)
    longest = max(len(name) for name in names)
    horizon = min(frames, frames_per_label * longest + 20)

    # each distinct position's cost per frame: its cheapest class, or any non-blank one plus a penalty
    kinds: dict[tuple[int, ...], int] = {}
    labels = np.zeros((len(names), longest), dtype=np.int64)
    lengths = np.array([len(name) for name in names])
    for n, name in enumerate(names):
        for p, classes in enumerate(name):
            labels[n, p] = kinds.setdefault(classes, len(kinds))
    per_kind = np.empty((len(kinds) + 1, horizon), dtype=np.float32)
    anything = cost[:horizon, 1:].min(axis=1) + _UNKNOWN_CHAR
    for classes, k in kinds.items():
        per_kind[k] = cost[:horizon, list(classes)].min(axis=1) if classes else anything
    per_kind[-1] = _UNREACHABLE  # padding after a name's end
    labels[np.arange(longest)[None, :] >= lengths[:, None]] = len(kinds)
    # a position may follow the one before it directly unless both are the same label (CTC needs a blank)
    skip_ok = np.ones_like(labels, dtype=bool)
    skip_ok[:, 1:] = labels[:, 1:] != labels[:, :-1]

    # states per name: blank before position 0, position p at 2p+1, blank after it at 2p+2
    states = 2 * longest + 1
    alpha = np.full((len(names), states), _UNREACHABLE, dtype=np.float32)
    alpha[:, 0] = cost[0, 0]
    alpha[:, 1] = per_kind[labels[:, 0], 0]
    rows = np.arange(len(names))
    end_label, end_blank = 2 * lengths - 1, 2 * lengths
    best = alpha[rows, end_label] + free_after[1]
    for t in range(1, horizon):
        emit_label = per_kind[labels, t]  # (names, positions)
        previous = alpha
        stay_or_step = np.minimum(previous, np.concatenate([np.full((len(names), 1), _UNREACHABLE), previous[:, :-1]],
                                                           axis=1))
        alpha = stay_or_step.copy()
        alpha[:, 0::2] += cost[t, 0]
        from_label_before = np.full((len(names), longest), _UNREACHABLE, dtype=np.float32)
        from_label_before[:, 1:] = np.where(skip_ok[:, 1:], previous[:, 1:-2:2], _UNREACHABLE)
        alpha[:, 1::2] = np.minimum(stay_or_step[:, 1::2], from_label_before) + emit_label
        ended = np.minimum(alpha[rows, end_label], alpha[rows, end_blank]) + free_after[t + 1]
        best = np.minimum(best, ended)
    return np.maximum(best - free_after[0], 0.0)
