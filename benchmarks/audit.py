"""Benchmark of the whole audit: read, every detector and rule, JSON report.

Generates WhatsApp exports (German Android layout, one practitioner and one client,
about one message in ten holding something sensitive) and runs
``compliance audit FILE --format json`` in a fresh process (start-up included), best of
``--runs``, printing messages per second and the child's peak memory. With ``--peer DIR``
(a checkout of another version, e.g. ``git worktree add /tmp/peer 1c99656``) the same
audit of that version is timed in the same run, so the two compare on the same machine
at the same time. Finally eight archives are audited with ``--jobs 1`` and ``--jobs 2``.
The package's bytecode is compiled first (into compliance/__pycache__), as an
installation does.

Usage:  python benchmarks/audit.py [--sizes 100000,1000000] [--runs 3] [--peer DIR]
            [--jobs-size 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRACTITIONER, CLIENT = "Anna Beispiel", "Mia Muster"
SMALL_TALK = [
    "Guten Morgen! Passt dir Donnerstag um 10 Uhr?",
    "Ja, Donnerstag passt gut, bis dann.",
    "Danke für die Stunde heute, das hat mir viel gebracht.",
    "Ich schaffe es heute leider erst um halb elf.",
    "Kein Problem, dann bis halb elf.",
    "Hier noch der Link zu dem Buch, von dem ich erzählt habe.",
    "Schönes Wochenende!",
    "Ich habe die Übung jeden Abend gemacht.",
    "Bis nächste Woche, liebe Grüße",
    "Super, danke dir!",
    "Können wir den Termin auf Freitag verschieben?",
    "Freitag 14 Uhr wäre bei mir frei.",
]
SENSITIVE = [
    "Ich nehme seit Montag 50 mg Sertralin, mir ist oft schwindelig.",
    "Meine IBAN für die Rechnung: DE89 3704 0044 0532 0130 00",
    "Die Diagnose war F32.1, mittelgradige depressive Episode.",
    "Erreichst du mich unter 0171 2345678?",
    "Meine Panikattacken sind wieder schlimmer geworden.",
    "Ich war letzte Woche wieder in der Klinik.",
]


def generate(path: Path, messages: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    moment = datetime(2024, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        for index in range(messages):
            moment += timedelta(seconds=rng.randint(30, 900))
            sender = PRACTITIONER if index % 2 else CLIENT
            stamp = f"{moment:%d.%m.%y, %H:%M} - "
            if index % 97 == 0:
                photo = f"IMG-{moment:%Y%m%d}-WA{index % 10000:04d}.jpg"
                out.write(f"{stamp}{sender}: {photo} (Datei angehängt)\n")
            elif rng.random() < 0.1:
                out.write(f"{stamp}{sender}: {rng.choice(SENSITIVE)}\n")
            else:
                out.write(f"{stamp}{sender}: {rng.choice(SMALL_TALK)}\n")


def _peak_of(command: list[str], cwd: Path = REPO) -> tuple[float, float]:
    """Run ``command`` under a fresh Python that reports its child's own peak memory."""
    probe = (
        "import resource, subprocess, sys, time;"
        "s=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
        "e=time.perf_counter()-s;"
        "sys.exit(r.stderr.decode()[-800:]) if r.returncode not in (0, 1) else None;"
        "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, cwd=cwd
    )
    if out.returncode:
        raise SystemExit(f"{' '.join(command[:5])} failed: {out.stderr[-800:]}")
    seconds, peak = out.stdout.split()
    return float(seconds), float(peak)


def audit_command(*paths: Path, jobs: int = 1) -> list[str]:
    return [
        sys.executable,
        "-m",
        "compliance",
        "audit",
        *map(str, paths),
        "--format",
        "json",
        "--me",
        PRACTITIONER,
        "--as-of",
        "2026-11-27",
        "--jobs",
        str(jobs),
        "--fail-on",
        "never",
        "-o",
        os.devnull,
    ]


def best_of(runs: int, command: list[str], cwd: Path = REPO) -> tuple[float, float]:
    """The shortest wall time of ``runs`` runs, and the peak memory of that run."""
    return min(_peak_of(command, cwd) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument("--peer", type=Path, help="a checkout of another version to compare")
    parser.add_argument(
        "--jobs-size", type=int, default=100_000, help="messages per archive for the --jobs run"
    )
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="compliance-audit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.chdir(REPO)
    # Compiled as an installation compiles it, for both versions.
    for tree in (REPO, args.peer):
        if tree is not None:
            compileall.compile_dir(tree / "compliance", quiet=1)

    print(
        f"{'messages':>10} {'audit s':>8} {'audit msg/s':>12} {'peak MB':>8} "
        f"{'peer s':>8} {'peer msg/s':>11} {'this/peer':>9}"
    )
    for size in sizes:
        path = folder / f"whatsapp-{size}.txt"
        if not path.exists():
            generate(path, size)
        seconds, peak = best_of(args.runs, audit_command(path))
        rate = size / seconds
        peer_text = f"{'':>8} {'':>11} {'':>9}"
        if args.peer is not None:
            peer_seconds, _ = best_of(args.runs, audit_command(path), cwd=args.peer)
            peer_rate = size / peer_seconds
            peer_text = f"{peer_seconds:>8.2f} {peer_rate:>11,.0f} {rate / peer_rate:>9.2f}"
        print(f"{size:>10,} {seconds:>8.2f} {rate:>12,.0f} {peak:>8.1f} {peer_text}")

    eight = []
    for index in range(8):
        path = folder / f"jobs-{index}.txt"
        if not path.exists():
            generate(path, args.jobs_size, seed=index)
        eight.append(path)
    one, _ = best_of(args.runs, audit_command(*eight, jobs=1))
    two, _ = best_of(args.runs, audit_command(*eight, jobs=2))
    print(
        f"eight archives of {args.jobs_size:,} messages: --jobs 1 {one:.2f} s, "
        f"--jobs 2 {two:.2f} s, speed-up {one / two:.2f}x"
    )
    if not args.keep:
        for item in folder.iterdir():
            item.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
