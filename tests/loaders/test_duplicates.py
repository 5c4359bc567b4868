"""The duplicate detector on labelled pairs of names as Latin American registries and
spreadsheets write them, and on the blocking that keeps a 100k-record load fast."""

import csv
import random
from itertools import combinations
from pathlib import Path

import pytest

from loaders.duplicates import (
    Record,
    likely_duplicates,
    normalized_name,
    normalized_tax_id,
    verdict,
)

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = ("duplicate_pairs.csv", "duplicate_pairs_held_out.csv")


def labelled(name: str) -> list[tuple[Record, Record, bool]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return [(Record("a", row["kind"], row["name_a"], row["country"], row["tax_a"] or None),
                 Record("b", row["kind"], row["name_b"], row["country"], row["tax_b"] or None),
                 row["duplicate"] == "1")
                for row in csv.DictReader(file)]


def precision_recall(pairs: list[tuple[Record, Record, bool]]) -> tuple[float, float]:
    said = [(verdict(a, b) is not None, truth) for a, b, truth in pairs]
    true_positives = sum(s and t for s, t in said)
    return (true_positives / sum(s for s, _ in said), true_positives / sum(t for _, t in said))


def test_precision_and_recall_on_all_labelled_pairs_reach_nine_tenths() -> None:
    pairs = [pair for name in SETS for pair in labelled(name)]
    precision, recall = precision_recall(pairs)
    assert len(pairs) >= 150
    assert precision >= 0.9 and recall >= 0.9


@pytest.mark.parametrize(("name", "normalized"), [
    ("Tostadores de Origen Garzón S.A.S.", "tostador origen garzon"),
    ("Tostadores Origen Garzon", "tostador origen garzon"),
    ("ALIMENTOS DEL VALLE SA DE CV", "alimento valle"),
    ("Café de Marcala S. de R.L.", "cafe marcala"),
    ("Coop. de Caficultores del Huila", "cooperativa caficultor huila"),
    ("Gómez & Asociados", "gomez asociado"),
    ("S.A.S.", "sas"),
])
def test_names_lose_accents_case_legal_forms_filler_and_plurals(name: str,
                                                                normalized: str) -> None:
    assert normalized_name(name) == normalized


def test_a_tax_id_is_its_letters_and_digits_without_a_hyphenated_check_digit() -> None:
    assert normalized_tax_id("900.123.456-7") == normalized_tax_id("900123456") == "900123456"
    assert normalized_tax_id("71.673.990/0001-77") == "71673990000177"
    assert normalized_tax_id(" bim011108dj5 ") == "BIM011108DJ5"


def test_the_example_pair_is_found_and_different_tax_ids_keep_twins_apart() -> None:
    garzon = Record("F-1", "Firm", "Tostadores de Origen Garzón S.A.S.", "CO")
    again = Record("F-2", "Firm", "Tostadores Origen Garzon", "CO")
    found = verdict(garzon, again)
    assert found is not None and found.score == 100 and not found.same_tax_id
    assert verdict(Record("F-1", "Firm", "Inversiones Pérez", "CO", "900123456-7"),
                   Record("F-2", "Firm", "Inversiones Pérez", "CO", "901555222-1")) is None
    assert verdict(garzon, Record("F-3", "Firm", again.name, "PE")) is None
    assert verdict(garzon, Record("N-1", "Institution", again.name, "CO")) is None


def test_namesakes_in_different_first_level_subdivisions_are_not_duplicates() -> None:
    cauca = Record("N-1", "Institution", "Alcaldía de San José", "CO", region="CO-CAU")
    caldas = Record("N-2", "Institution", "Alcaldía de San José", "CO", region="CO-CAL")
    country_only = Record("N-3", "Institution", "Alcaldia de San Jose", "CO")
    assert verdict(cauca, caldas) is None
    assert verdict(cauca, country_only) is not None


def test_blocking_finds_planted_pairs_among_thousands_of_similar_names() -> None:
    words = ["Agro", "Textil", "Café", "Metal", "Andina", "Pacífico", "Caribe", "Sur"]
    records = [Record(f"F-{i}", "Firm", f"{words[i % 8]} {words[i // 8 % 8]} {i}", "CO")
               for i in range(5000)]
    records += [Record("X-1", "Firm", "Tostadores de Origen Garzón S.A.S.", "CO"),
                Record("X-2", "Firm", "Tostadores Origen Garzon", "CO"),
                Record("X-3", "Firm", "Agro Textil 1", "CO", "900123456-7"),
                Record("X-4", "Firm", "Agrotextil", "CO", "9001234567")]
    found = likely_duplicates(records)
    assert {(d.a.ref, d.b.ref) for d in found} == {("X-1", "X-2"), ("F-1", "X-3"),
                                                   ("X-3", "X-4")}
    assert likely_duplicates(records, new=frozenset({"X-2"})) == [
        d for d in found if "X-2" in (d.a.ref, d.b.ref)]


def test_every_pair_of_one_tax_id_or_one_with_a_check_digit_is_found() -> None:
    draw = random.Random(3)
    stems = [str(draw.randrange(10**8, 10**9)) for _ in range(40)]
    taxes = [draw.choice(stems) + draw.choice(["", "", "7", "-7", "K", ".0"]) for _ in range(250)]
    records = [Record(f"R{i}", "Firm", f"Empresa {i}", "CO", tax)
               for i, tax in enumerate(taxes + [None] * 20)]
    same = {(a.ref, b.ref) for a, b in combinations(records, 2)
            if (pair := verdict(a, b)) is not None and pair.same_tax_id}
    assert len(same) > 500
    assert {(d.a.ref, d.b.ref) for d in likely_duplicates(records)} == same
