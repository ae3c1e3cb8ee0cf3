"""The conformance corpus: WhatsApp exports in 21 languages, iOS and Android, written in the
exporters' own words (tools/make_conformance.py), each beside its expected summary.

``inspect`` must match every expected summary, and reading every message must give the
same figures as counting. A new case is a new pair of files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from compliance.archives.whatsapp import vocabulary
from tests.archives.golden import DATA, inspect_json
from tests.archives.test_count import _both

CORPUS = DATA / "conformance"
CASES = sorted(CORPUS.glob("*.txt"))


def test_the_corpus_covers_at_least_twelve_languages_on_both_platforms() -> None:
    languages = {case.stem.split("_", 1)[1] for case in CASES}
    assert len(languages) >= 12
    assert {case.stem.split("_", 1)[0] for case in CASES} == {"ios", "android"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_inspect_reads_the_case_exactly(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "conformance").mkdir()
    shutil.copy(case, tmp_path / "conformance" / case.name)
    monkeypatch.chdir(tmp_path)
    code, data, stderr = inspect_json(Path("conformance") / case.name)
    assert code == 0, stderr
    expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert data == expected


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_counting_equals_reading(case: Path) -> None:
    for counted, read in _both(case):
        assert counted == read


# Catalan, as WhatsApp writes it (its own string tables), is not among the bundled
# languages: a new row in a copy of the tables must reach both paths.
_CATALAN = {
    "name": "Catalan",
    "omitted": {"image": ["Imatge omesa"], "video": ["vídeo omès"], "audio": ["Àudio omès"]},
    "deleted": ["Aquest missatge s'ha suprimit", "Has suprimit aquest missatge"],
    "notices": ["Els missatges i les trucades estan xifrats d'extrem a extrem"],
}
_CATALAN_EXPORT = (
    "[18/03/2024, 09:00:00] Núria: Els missatges i les trucades estan xifrats d'extrem a "
    "extrem.\n"
    "[18/03/2024, 09:01:00] Núria: Bon dia\n"
    "[18/03/2024, 09:02:00] Jordi: Imatge omesa\n"
    "[18/03/2024, 09:03:00] Núria: Àudio omès\n"
    "[18/03/2024, 09:04:00] Jordi: vídeo omès\n"
) * 3


def test_a_new_language_in_the_tables_reaches_both_paths(tmp_path: Path) -> None:
    export = tmp_path / "ca.txt"
    export.write_text(_CATALAN_EXPORT, encoding="utf-8")
    before = _both(export)[0][0]
    assert (before.media, before.system) == (0, 0)
    tables = json.loads(vocabulary.vocabulary_file().read_text(encoding="utf-8"))
    tables["languages"]["ca"] = _CATALAN
    extended = tmp_path / "languages.json"
    extended.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    vocabulary.load(extended)
    try:
        counted, read = _both(export)[0]
    finally:
        vocabulary.load()
    assert counted == read
    assert (counted.media, counted.system, counted.entries) == (9, 3, 15)
