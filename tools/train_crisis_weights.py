"""Learn the crisis word weights (``checklists/lexicons/crisis-weights.txt``).

A logistic model over the pieces of a message's words and its pairs of neighbouring words
(features as :func:`compliance.detectors.crisis_weights.message_features` makes them,
counted), trained on the
project's own corpus and the ``tune`` part of the independent set: every message with a
CRISIS span is a crisis, every other message (other categories, hard negatives, small
talk) is not. The ``measure`` part is never read here.

The threshold is chosen by cross-validation on the same messages: the lowest probability
at which the lexicon together with the weights keeps its precision at ``--precision``,
one message counted once. The figures per threshold are printed.

Reproducible: the training is deterministic for pinned versions, and the file is written
in a fixed order with rounded weights.

    python -m venv /tmp/train && /tmp/train/bin/pip install -e '.[train]'
    /tmp/train/bin/python tools/train_crisis_weights.py
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compliance.detectors import Category  # noqa: E402
from compliance.detectors.crisis_weights import WEIGHTS_FILE, message_features  # noqa: E402
from compliance.detectors.evaluation import LabelledMessage, load_corpus, load_jsonl  # noqa: E402
from compliance.detectors.lexicon import LANGUAGES, lexicon_dir, load_lexicon  # noqa: E402

PINNED = "1.9.1"
CORPUS = ROOT / "tests" / "data" / "detection"
#: A piece or pair seen in fewer messages is left out: it would only learn a message or two.
MIN_MESSAGES = 3
#: Inverse strength of the L2 penalty (the smaller, the smoother the weights).
PENALTY_C = 1.0
L1_RATIO = 0.0  # an L1 penalty (sparser weights) was measured and found worse
#: Weights closer to zero than this change no decision and are left out of the file.
SMALLEST_WEIGHT = 0.01
THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def training_messages() -> list[LabelledMessage]:
    tune = sorted((CORPUS / "independent" / "tune").glob("*.jsonl"))
    return list(load_corpus(CORPUS)) + [m for path in tune for m in load_jsonl(path)]


def crisis_by_terms(texts: list[str]) -> list[bool]:
    """Which messages the lexicon finds a crisis in on its own, without any weights (read
    from a copy of the lexicon folder without the weights file, which may be outdated)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "lexicons"
        shutil.copytree(lexicon_dir(), copy, ignore=shutil.ignore_patterns(WEIGHTS_FILE))
        lexicon = load_lexicon(LANGUAGES, copy)
        return [
            any(
                hit.category is Category.CRISIS
                for hit in lexicon.scan_block(text, [0], [len(text)])
            )
            for text in texts
        ]


def is_crisis(message: LabelledMessage) -> bool:
    return any(span.category is Category.CRISIS for span in message.spans)


def matrix(rows: list[Counter[str]], columns: dict[str, int]) -> csr_matrix:
    indices: list[int] = []
    data: list[float] = []
    indptr = [0]
    for features in rows:
        for column, count in sorted((columns[f], n) for f, n in features.items() if f in columns):
            indices.append(column)
            data.append(float(count))
        indptr.append(len(indices))
    shape = (len(rows), len(columns))
    return csr_matrix(
        (np.array(data), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
        shape,
    )


def fit(x: csr_matrix, y: np.ndarray, penalty_c: float = PENALTY_C) -> LogisticRegression:
    model = LogisticRegression(
        C=penalty_c,
        l1_ratio=L1_RATIO,
        solver="liblinear",
        class_weight="balanced",
        max_iter=5000,
        random_state=0,
    )
    return model.fit(x, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.91)
    parser.add_argument("--out", type=Path, default=lexicon_dir() / WEIGHTS_FILE)
    parser.add_argument("--c", type=float, default=PENALTY_C, help="inverse L2 strength")
    args = parser.parse_args()
    if version("scikit-learn") != PINNED:
        found = version("scikit-learn")
        sys.exit(f"scikit-learn {PINNED} is needed for the same weights (found {found})")

    messages = training_messages()
    rows = [Counter(message_features(m.text)) for m in messages]
    counts: Counter[str] = Counter()
    for features in rows:
        counts.update(features.keys())
    columns = {
        f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_MESSAGES))
    }
    x = matrix(rows, columns)
    y = np.array([is_crisis(m) for m in messages])

    by_terms = np.array(crisis_by_terms([m.text for m in messages]))

    probabilities = np.zeros(len(messages))
    for train, test in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(x, y):
        probabilities[test] = fit(x[train], y[train], args.c).predict_proba(x[test])[:, 1]
    print(f"{len(messages)} messages, {int(y.sum())} with a crisis, {len(columns)} features")
    print(f"terms alone: {figures(by_terms, y)}")
    chosen = THRESHOLDS[-1]
    for threshold in THRESHOLDS:
        flagged = by_terms | (probabilities >= threshold)
        precision, recall = rates(flagged, y)
        print(f"terms or weights >= {threshold}: precision {precision:.3f} recall {recall:.3f}")
        if precision >= args.precision and threshold < chosen:
            chosen = threshold

    model = fit(x, y, args.c)
    names = sorted(columns, key=columns.__getitem__)
    weights = sorted(
        (
            (round(float(w), 3), name)
            for name, w in zip(names, model.coef_[0], strict=True)
            if abs(w) >= SMALLEST_WEIGHT
        ),
        key=lambda item: (-item[0], item[1]),
    )
    lines = [
        "# Crisis weights, learnt by tools/train_crisis_weights.py (do not edit by hand:",
        "# change the labelled messages and train again). Each line weighs a piece of a word",
        "# (3 to 5 letters, _ marks the word's start or end) or two neighbouring words. A",
        "# message's different words (the sum of their pieces) and pairs add their weights to",
        "# the bias; at the threshold's log-odds the message is a crisis finding. Words are",
        "# lower-cased and folded (ä as ae, ß as ss).",
        f"# Trained on {len(messages)} messages ({int(y.sum())} with a crisis),"
        f" scikit-learn {PINNED}, C={args.c}.",
        f"bias\t{round(float(model.intercept_[0]), 3)}",
        f"threshold\t{chosen}",
        *(f"{w}\t{name}" for w, name in weights),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"threshold {chosen}; {len(weights)} weights written to {args.out}")


def rates(flagged: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    hits = int((flagged & gold).sum())
    return hits / max(1, int(flagged.sum())), hits / max(1, int(gold.sum()))


def figures(flagged: np.ndarray, gold: np.ndarray) -> str:
    precision, recall = rates(flagged, gold)
    return f"precision {precision:.3f} recall {recall:.3f}"


if __name__ == "__main__":
    main()
