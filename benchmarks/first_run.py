"""Benchmark of the first run: README command 1 on a cold cache, right after installation.

Runs, each in a fresh process with an empty cache folder (``XDG_CACHE_HOME``) and a fresh
output folder: ``compliance onboard examples/practice.yaml`` (four documents, PDF and DOCX,
German and English) and ``compliance audit examples/ --format html``. As the peer in the same
run: ``compliance --version``, the bare start-up of the command. Prints the median and the
range of wall-clock seconds over the runs, and whether the onboarding PDFs were byte-identical
across cold caches. The package's bytecode is compiled first, as an installation does.

Usage:  python benchmarks/first_run.py [--runs 5]
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "compliance"]


def timed(args: list[str], cache: Path) -> float:
    env = {"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache)}
    start = time.perf_counter()
    result = subprocess.run(
        [*COMMAND, *args], cwd=REPO, env=env, capture_output=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed with exit code {result.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    compileall.compile_dir(REPO / "compliance", quiet=1)
    figures: dict[str, list[float]] = {"--version": [], "onboard": [], "audit --format html": []}
    digests: set[str] = set()
    for _ in range(options.runs):
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            cache, out = root / "cache", root / "out"
            figures["--version"].append(timed(["--version"], cache))
            figures["onboard"].append(
                timed(["onboard", "examples/practice.yaml", "-o", str(out)], cache)
            )
            figures["audit --format html"].append(
                timed(
                    ["audit", "examples/", "--profile", "examples/practice.yaml",
                     "--format", "html", "-o", str(out / "audit.html")],
                    cache,
                )
            )
            digests.add(
                hashlib.sha256(
                    b"".join(p.read_bytes() for p in sorted(out.glob("*.pdf")))
                ).hexdigest()
            )
            shutil.rmtree(cache, ignore_errors=True)
    print(f"first run on a cold cache, {options.runs} runs, seconds (median, min-max):")
    for name, values in figures.items():
        print(f"  compliance {name:<22} {statistics.median(values):6.2f}  "
              f"({min(values):.2f}-{max(values):.2f})")
    total = [a + b for a, b in zip(figures["onboard"], figures["audit --format html"], strict=True)]
    print(f"  README command 1 (onboard + audit)  {statistics.median(total):6.2f}")
    print(f"  onboarding PDFs identical across cold caches: {len(digests) == 1}")


if __name__ == "__main__":
    main()
