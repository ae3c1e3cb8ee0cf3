"""Copy the independently written sets and split each file into a tune and a measure part.

    python tests/data/detection/independent/split.py /work/evalset

Every ``*.jsonl`` of the source folder is split by a hash of ``file:id``
(:func:`compliance.detectors.evaluation.split_part`), so each file (each writer's
topic and language) gives about half of its messages to each part, and a message keeps
its part when a file grows. Lines are copied unchanged. ``tune/`` may be read message by
message while the detectors are tuned; ``measure/`` is only ever scored in aggregate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from compliance.detectors.evaluation import split_part  # noqa: E402


def main(source: Path) -> None:
    for part in ("tune", "measure"):
        (HERE / part).mkdir(exist_ok=True)
    for path in sorted(source.glob("*.jsonl")):
        lines: dict[str, list[str]] = {"tune": [], "measure": []}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ident = json.loads(line)["id"]
                lines[split_part(f"{path.stem}:{ident}")].append(line)
        for part, kept in lines.items():
            (HERE / part / path.name).write_text("\n".join(kept) + "\n", encoding="utf-8")
        print(f"{path.name}: tune {len(lines['tune'])}, measure {len(lines['measure'])}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/evalset"))
