"""Benchmark of the whole audit: read, every detector and rule, JSON report.

Generates WhatsApp exports (German Android layout, one practitioner and one client,
about one message in ten holding something sensitive) and runs
``compliance audit FILE --format json`` in a fresh process (start-up included),
printing messages per second and the child's peak memory. In the same run whatstk
merely parses the same file, for comparison. Finally eight archives are audited with
``--jobs 1`` and ``--jobs 2``. The package's bytecode is compiled first (into
compliance/__pycache__), as an installation does.

Usage:  python benchmarks/audit.py [--sizes 100000,1000000] [--jobs-size 100000] [--keep DIR]
whatstk is only needed for the comparison: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
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


def _peak_of(command: list[str]) -> tuple[float, float]:
    """Run ``command`` under a fresh Python that reports its child's own peak memory."""
    probe = (
        "import resource, subprocess, sys, time;"
        "s=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
        "e=time.perf_counter()-s;"
        "sys.exit(r.stderr.decode()[-800:]) if r.returncode not in (0, 1) else None;"
        "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True)
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


def whatstk_command(path: Path) -> list[str] | None:
    if importlib.util.find_spec("whatstk") is None:
        return None
    code = (
        "import sys; from whatstk import df_from_whatsapp;"
        "df = df_from_whatsapp(sys.argv[1], hformat='%d.%m.%y, %H:%M - %name:', max_size=None);"
        "print(len(df))"
    )
    return [sys.executable, "-c", code, str(path)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument(
        "--jobs-size", type=int, default=100_000, help="messages per archive for the --jobs run"
    )
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="compliance-audit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.chdir(REPO)
    # whatstk and its libraries come with their bytecode compiled (pip does that when it
    # installs); compile ours too, so that both start as installed programs do.
    compileall.compile_dir(REPO / "compliance", quiet=1)

    print(
        f"{'messages':>10} {'audit s':>8} {'audit msg/s':>12} {'peak MB':>8} "
        f"{'whatstk s':>10} {'whatstk msg/s':>14} {'ratio':>6}"
    )
    for size in sizes:
        path = folder / f"whatsapp-{size}.txt"
        if not path.exists():
            generate(path, size)
        seconds, peak = _peak_of(audit_command(path))
        rate = size / seconds
        wcommand = whatstk_command(path)
        if wcommand is None:
            wtext, wrate_text, ratio = "n/a", "(whatstk missing)", ""
        else:
            wseconds, _ = _peak_of(wcommand)
            wrate = size / wseconds
            wtext, wrate_text, ratio = f"{wseconds:.2f}", f"{wrate:,.0f}", f"{rate / wrate:.1f}x"
        print(
            f"{size:>10,} {seconds:>8.2f} {rate:>12,.0f} {peak:>8.1f} "
            f"{wtext:>10} {wrate_text:>14} {ratio:>6}"
        )

    eight = []
    for index in range(8):
        path = folder / f"jobs-{index}.txt"
        if not path.exists():
            generate(path, args.jobs_size, seed=index)
        eight.append(path)
    one, _ = _peak_of(audit_command(*eight, jobs=1))
    two, _ = _peak_of(audit_command(*eight, jobs=2))
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
