"""Detection quality and speed: precision/recall per group and category on the labelled
sets, then messages per second on one core over a realistic chat stream.

Run from the repository root::

    python benchmarks/detection.py                # quality + 200,000 messages
    python benchmarks/detection.py --messages 1000000 --errors

Three sets are scored: the project's own corpus (``tests/data/detection/{de,en}``,
written by the authors of the lexicons), and the two parts of the independently written
set (``tests/data/detection/independent/``): ``tune``, which may be read while the
detectors are tuned, and ``measure``, which is only ever scored in aggregate (``--errors``
lists errors of the first two only).

The speed streams draw messages from the corpus: nine in ten from small talk,
appointments and hard negatives, one in ten with something sensitive, either from the
hand-written sensitive messages only (the realistic chat mix) or also from the generated
identifier sentences (an identifier-heavy mix: phone numbers and IBANs cost the most).
All detectors run together, through the batch API (``scan_texts``), in this one process.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compliance.detectors import Category, get_scanner, scan_texts  # noqa: E402
from compliance.detectors.evaluation import (  # noqa: E402
    TARGET_GROUPS,
    Evaluation,
    LabelledMessage,
    evaluate,
    load_corpus,
    load_jsonl,
)

CORPUS = ROOT / "tests" / "data" / "detection"
INDEPENDENT = CORPUS / "independent"
#: Issue 19's targets per group: (minimum precision, minimum recall).
TARGETS = {
    "crisis and violence": (0.90, 0.90),
    "Art. 9 and 10": (0.85, 0.85),
    "identifiers with names": (0.95, 0.90),
    "names alone": (0.90, 0.80),
}
SMALL_TALK_TARGET = 0.02
HARD_NEGATIVE_TARGET = 0.05


def print_groups(label: str, messages: list[LabelledMessage], result: Evaluation) -> None:
    """The target table of one set."""
    print(f"{label}: {len(messages)} messages, {sum(len(m.spans) for m in messages)} gold spans")
    print(f"  {'group':<24}{'support':>8}{'prec':>8}{'recall':>8}   target")
    for group, categories in TARGET_GROUPS:
        tally = result.group(categories)
        precision_target, recall_target = TARGETS[group]
        ok = tally.precision >= precision_target and tally.recall >= recall_target
        print(
            f"  {group:<24}{tally.support:>8}{tally.precision:>8.3f}{tally.recall:>8.3f}"
            f"   P>={precision_target} R>={recall_target} {'met' if ok else 'NOT MET'}"
        )
    rate = result.smalltalk_alarm_rate
    print(
        f"  {'small talk flagged':<24}{result.smalltalk_messages:>8}{rate:>16.1%}"
        f"   <={SMALL_TALK_TARGET:.0%} {'met' if rate <= SMALL_TALK_TARGET else 'NOT MET'}"
    )
    rate = result.hard_negative_flag_rate
    print(
        f"  {'hard negatives flagged':<24}{result.hard_negative_messages:>8}{rate:>16.1%}"
        f"   <={HARD_NEGATIVE_TARGET:.0%} {'met' if rate <= HARD_NEGATIVE_TARGET else 'NOT MET'}"
    )
    print()


def print_quality(result: Evaluation, show_errors: bool) -> None:
    print(
        f"{'category':<28}{'support':>8}{'TP':>6}{'FP':>6}{'FN':>6}{'prec':>8}{'recall':>8}{'F1':>8}"
    )
    for category in Category:
        tally = result.per_category.get(category)
        if tally is None:
            continue
        print(
            f"{category.value:<28}{tally.support:>8}{tally.true_positives:>6}"
            f"{tally.false_positives:>6}{tally.false_negatives:>6}"
            f"{tally.precision:>8.3f}{tally.recall:>8.3f}{tally.f1:>8.3f}"
        )
    if show_errors:
        print()
        for error in result.errors:
            print(" ", error)


def speed(messages: list[str], rounds: int) -> list[tuple[float, float]]:
    """(messages per CPU second, messages per wall-clock second) for each round.

    CPU time is what one core spent on the scan; on a shared machine it is the steadier
    figure, wall-clock time also counts the waits for a busy core.
    """
    # Steady state: compiling the regexes and the automaton and loading the ICD-10 list
    # happen once per process (about 0.3 s) and are left out of the timing.
    get_scanner()
    scan_texts(messages[:2000])
    rates = []
    for _ in range(rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        scan_texts(messages)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rates.append((len(messages) / cpu, len(messages) / wall))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--errors", action="store_true", help="list every FP and FN (own corpus and tune part)"
    )
    parser.add_argument("--quality-only", action="store_true", help="no speed figures")
    args = parser.parse_args()

    corpus = load_corpus(CORPUS)
    sets = [("own corpus (written with the lexicons)", corpus, args.errors)]
    for part in ("tune", "measure"):
        messages = [
            m for path in sorted((INDEPENDENT / part).glob("*.jsonl")) for m in load_jsonl(path)
        ]
        if messages:
            sets.append((f"independent set, {part} part", messages, args.errors and part == "tune"))
    for label, messages, show_errors in sets:
        result = evaluate(messages, scan_texts([m.text for m in messages]))
        print_groups(label, messages, result)
        if show_errors:
            print_quality(result, show_errors)
            print()
    if args.quality_only:
        return

    quiet = [m.text for m in corpus if m.kind in ("smalltalk", "appointment", "hard_negative")]
    written = [m.text for m in corpus if m.kind.startswith("sensitive") and m.spans]
    generated = [m.text for m in corpus if m.kind == "identifiers" and m.spans]
    mixes = (
        ("chat mix (sensitive tenth from the hand-written messages)", written),
        (
            "identifier-heavy mix (sensitive tenth also from generated identifiers)",
            written + generated,
        ),
    )
    print()
    for label, loud in mixes:
        rng = random.Random(7)
        stream = [
            rng.choice(loud) if rng.random() < 0.1 else rng.choice(quiet)
            for _ in range(args.messages)
        ]
        mean_length = sum(map(len, stream)) / len(stream)
        rates = speed(stream, args.rounds)
        best_cpu = max(cpu for cpu, _ in rates)
        print(
            f"speed, {label}:\n  {len(stream):,} messages, mean {mean_length:.0f} characters, "
            f"{args.rounds} rounds on one core, msg per CPU second (per wall-clock second): "
            + ", ".join(f"{cpu:,.0f} ({wall:,.0f})" for cpu, wall in rates)
            + f"\n  best {best_cpu:,.0f} msg/s; target 250,000 (issue 19)"
        )
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError:
        print("presidio-analyzer is not installed; no side-by-side figures.")


if __name__ == "__main__":
    main()
