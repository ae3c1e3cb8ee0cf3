"""Benchmark of the chat-archive readers: messages per second and peak memory.

Generates WhatsApp (Android and iOS) and Telegram JSON exports of the given sizes in a
temporary folder, then runs ``compliance inspect`` on each in a fresh process (start-up
included) and, for the WhatsApp files, whatstk's ``df_from_whatsapp`` on the same file
in the same run. Peak memory is the child's maximum resident set size. The package's
bytecode is compiled first (into compliance/__pycache__), as an installation does.

Usage:  python benchmarks/archives.py [--sizes 10000,100000,1000000] [--keep DIR]
whatstk is only needed for the comparison: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SENDERS = ["Anna Schmidt", "Dr. Jonas Weber", "+49 151 23456789", "Mia 🌸", "Lukas"]
WORDS = [
    "Termin", "morgen", "um", "zehn", "passt", "mir", "gut", "danke", "für", "die",
    "Nachricht", "ich", "melde", "mich", "später", "noch", "einmal", "wegen", "der",
    "Rechnung", "und", "Unterlagen", "bis", "bald",
]  # fmt: skip


def _texts(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choices(WORDS, k=rng.randint(3, 18))) for _ in range(count)]


def generate_whatsapp(path: Path, messages: int, ios: bool) -> None:
    """A chat with multi-line messages, media placeholders and system lines."""
    rng = random.Random(7)
    texts = _texts(rng, 500)
    moment = datetime(2021, 1, 1, 8, 0, 0)
    with path.open("w", encoding="utf-8") as out:
        for index in range(messages):
            moment += timedelta(seconds=rng.randint(5, 400))
            sender = SENDERS[index % len(SENDERS)]
            if ios:
                stamp = f"[{moment:%d.%m.%y}, {moment:%H:%M:%S}] "
            else:
                stamp = f"{moment:%d.%m.%y}, {moment:%H:%M} - "
            roll = index % 50
            if roll == 0:
                out.write(
                    f"{stamp}{sender} hat die Gruppe verlassen\n"
                    if not ios
                    else f"\u200e{stamp}Gruppe: \u200e{sender} hat die Gruppe verlassen.\n"
                )
            elif roll == 1:
                out.write(
                    f"{stamp}{sender}: <Medien ausgeschlossen>\n"
                    if not ios
                    else f"\u200e{stamp}{sender}: \u200eBild weggelassen\n"
                )
            elif roll == 2:
                out.write(f"{stamp}{sender}: {texts[index % 500]}\n{texts[(index + 1) % 500]}\n")
            else:
                out.write(f"{stamp}{sender}: {texts[index % 500]}\n")


def generate_telegram(path: Path, messages: int) -> None:
    """A single-chat ``result.json`` with text arrays and service entries."""
    rng = random.Random(7)
    texts = _texts(rng, 500)
    moment = datetime(2021, 1, 1, 8, 0, 0)
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Praxis", "type": "personal_chat", "id": 4242,\n "messages": [\n')
        for index in range(messages):
            moment += timedelta(seconds=rng.randint(5, 400))
            record: dict[str, object] = {
                "id": index + 1,
                "type": "message",
                "date": moment.isoformat(),
                "date_unixtime": str(int(moment.timestamp())),
                "from": SENDERS[index % len(SENDERS)],
                "from_id": f"user{index % len(SENDERS)}",
                "text": texts[index % 500],
                "text_entities": [{"type": "plain", "text": texts[index % 500]}],
            }
            if index % 40 == 0:
                record = {
                    "id": index + 1,
                    "type": "service",
                    "date": moment.isoformat(),
                    "date_unixtime": str(int(moment.timestamp())),
                    "actor": "Anna",
                    "action": "pin_message",
                    "text": "",
                }
            separator = ",\n" if index else ""
            out.write(separator + json.dumps(record, ensure_ascii=False))
        out.write("\n ]\n}\n")


def run(command: list[str], cwd: Path = REPO) -> tuple[float, float, str, float]:
    """Seconds, peak MiB (the child's own max RSS, via wait4), stdout and CPU seconds
    (user and system, the child's and those of the processes it waited for) of a child."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{err.read().decode()}")
        cpu = usage.ru_utime + usage.ru_stime
        return elapsed, usage.ru_maxrss / 1024, out.read().decode(), cpu


WHATSTK = (
    "import sys\n"
    "from whatstk import df_from_whatsapp\n"
    "df = df_from_whatsapp(sys.argv[1], hformat=sys.argv[2], max_size=None)\n"
    "print(len(df))\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--keep", type=Path, default=None, help="keep generated files here")
    parser.add_argument("--no-whatstk", action="store_true", help="skip the whatstk comparison")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    have_whatstk = importlib.util.find_spec("whatstk") is not None and not args.no_whatstk
    if not have_whatstk and not args.no_whatstk:
        print(
            "NOTE: whatstk is not installed; the comparison is skipped "
            "(pip install -e '.[bench]' to include it)."
        )
    # whatstk and its libraries come with their bytecode compiled (pip does that when it
    # installs); compile ours too, so that both start as installed programs do.
    compileall.compile_dir(REPO / "compliance", quiet=1)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="compliance-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    print(
        f"{'input':<28}{'messages':>10}{'seconds':>9}{'cpu s':>8}{'msg/s':>11}"
        f"{'peak MiB':>10}  tool"
    )
    for size in sizes:
        cases = [
            ("whatsapp-android", "android.txt", "%d.%m.%y, %H:%M - %name:"),
            ("whatsapp-ios", "ios.txt", "[%d.%m.%y, %H:%M:%S] %name:"),
            ("telegram-json", "result.json", None),
        ]
        for label, suffix, hformat in cases:
            path = folder / f"{size}-{suffix}"
            if not path.exists():
                if label == "telegram-json":
                    generate_telegram(path, size)
                else:
                    generate_whatsapp(path, size, ios=label.endswith("ios"))
            seconds, peak, output, cpu = run(
                [python, "-m", "compliance", "inspect", str(path), "--format", "json"]
            )
            entries = json.loads(output)["archives"][0]["entries"]
            print(
                f"{label:<28}{entries:>10}{seconds:>9.2f}{cpu:>8.2f}{entries / seconds:>11.0f}"
                f"{peak:>10.0f}  compliance inspect"
            )
            if have_whatstk and hformat is not None:
                w_seconds, w_peak, w_out, w_cpu = run([python, "-c", WHATSTK, str(path), hformat])
                rows = int(w_out.strip() or 0)
                print(
                    f"{label:<28}{rows:>10}{w_seconds:>9.2f}{w_cpu:>8.2f}{rows / w_seconds:>11.0f}"
                    f"{w_peak:>10.0f}  whatstk df_from_whatsapp"
                    f"   -> compliance is {w_seconds / seconds:.1f}x faster"
                    f" ({w_cpu / cpu:.1f}x in CPU time)"
                )
    print_conformance_share()
    if args.keep is None:
        for item in folder.iterdir():
            item.unlink()
        os.rmdir(folder)


def print_conformance_share() -> None:
    """The share of the conformance corpus (tests/data/conformance) ``inspect`` reads
    exactly: every figure of its summary equal to the expected one."""
    corpus = REPO / "tests" / "data" / "conformance"
    cases = sorted(corpus.glob("*.txt"))
    exact = 0
    for case in cases:
        # run where the expected summaries were made: paths (also in warnings) match
        relative = f"{corpus.name}/{case.name}"
        _seconds, _peak, output, _cpu = run(
            [sys.executable, "-m", "compliance", "inspect", relative, "--format", "json"],
            cwd=corpus.parent,
        )
        expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
        exact += json.loads(output)["archives"] == expected
    if cases:
        print(
            f"conformance corpus: {exact} of {len(cases)} read exactly ({exact / len(cases):.0%})"
        )


if __name__ == "__main__":
    main()
