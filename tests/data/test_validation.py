"""Bad input stops the build with one clear message naming file, row and field.

Each test breaks one copy of data/ in one way and runs the validator (not a full build)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from conftest import DATA, set_cell
from distillbook.core import data, dates

LATEST = dt.date(2026, 12, 24)  # a fixed build date for these tests, after every date in data/


def error_of(descriptor) -> str:
    with pytest.raises(data.DataError) as caught:
        data.validate_package(descriptor, latest=LATEST)
    return str(caught.value)


def first_line(message: str) -> str:
    return message.splitlines()[0]


def test_the_real_data_package_is_valid():
    data.validate_package(DATA / "datapackage.json", latest=LATEST)


def test_every_csv_in_data_is_described_by_the_package():
    described = {res["path"] for res in json.loads((DATA / "datapackage.json").read_text())["resources"]}
    assert {str(path.relative_to(DATA)) for path in DATA.rglob("*.csv")} == described


def test_a_table_is_named_by_its_path(data_copy):
    descriptor = json.loads(data_copy.read_text())
    descriptor["resources"][0]["name"] = "sources"  # its path is ledger/sources.csv
    data_copy.write_text(json.dumps(descriptor))
    message = error_of(data_copy)
    assert "resource 'sources', field \"name\": name-not-path" in message and "'ledger/sources'" in message


def test_missing_source_names_the_row_and_the_source_id_field(data_copy):
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-minimax", "source_id", "no-such-source")
    message = first_line(error_of(data_copy))
    assert message.startswith('bad input in data/: data/shared/allegation.csv, row 6 (line 7), field "source_id"')
    assert "foreign-key" in message and "no-such-source" in message


def test_source_url_removed_names_sources_csv_row_and_url(data_copy):
    set_cell(data_copy.parent / "ledger" / "sources.csv", "anthropic2026distillation", "url", "")
    message = first_line(error_of(data_copy))
    assert 'data/ledger/sources.csv, row 1 (line 2), field "url"' in message
    assert "required" in message


def test_wrong_type_names_the_field_and_shows_the_value(data_copy):
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-moonshot", "value", "3.4 million")
    message = first_line(error_of(data_copy))
    assert 'data/shared/allegation.csv, row 5 (line 6), field "value": type-error' in message
    assert "'3.4 million'" in message


def test_negative_count_breaks_the_minimum(data_copy):
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-deepseek", "value", "-150000")
    message = first_line(error_of(data_copy))
    assert 'data/shared/allegation.csv, row 4 (line 5), field "value": constraint-error' in message
    assert "minimum" in message


def test_duplicate_id_names_the_second_row(data_copy):
    path = data_copy.parent / "ledger" / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], lines[1], lines[1], *lines[2:]]) + "\n", encoding="utf-8")
    message = first_line(error_of(data_copy))
    assert 'data/ledger/sources.csv, row 2 (line 3), field "id"' in message
    assert "unique" in message


def test_unknown_verdict_names_the_claim_row(data_copy):
    set_cell(data_copy.parent / "ledger" / "claims.csv", "intro-accounts", "verdict", "half-true")
    message = first_line(error_of(data_copy))
    assert 'data/ledger/claims.csv, row 2 (line 3), field "verdict": constraint-error' in message
    assert "enum" in message


def test_date_after_the_commit_date_is_refused(data_copy):
    set_cell(data_copy.parent / "ledger" / "sources.csv", "article2026", "date_accessed", "2026-12-25")
    message = first_line(error_of(data_copy))
    assert message == (
        'bad input in data/: data/ledger/sources.csv, row 3 (line 4), field "date_accessed": date-in-future: '
        "2026-12-25 is after the build date 2026-12-24"
    )


def test_malformed_csv_row_is_reported_with_its_line(data_copy):
    path = data_copy.parent / "shared" / "allegation.csv"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "extra-row,DeepSeek,exchanges,1,over,exchanges,x,anthropic2026distillation,here,SURPLUS\n",
        encoding="utf-8",
    )
    message = first_line(error_of(data_copy))
    assert re.search(r"data/shared/allegation\.csv, row 11 \(line 12\), (field|whole row).*extra-cell", message)


def test_every_problem_is_listed_below_the_first(data_copy):
    set_cell(data_copy.parent / "shared" / "allegation.csv", "exchanges-deepseek", "value", "-1")
    set_cell(data_copy.parent / "ledger" / "claims.csv", "intro-accounts", "verdict", "half-true")
    message = error_of(data_copy)
    assert "and 1 more problem(s) below" in message.splitlines()[0]
    assert len(message.splitlines()) == 2


def test_build_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 3, 1, tzinfo=dt.UTC).timestamp())))
    assert dates.build_date() == dt.date(2026, 3, 1)


def test_load_table_types_follow_the_schema():
    allegation = data.load_table("shared/allegation")
    assert allegation["value"].dtype == float
    moonshot_accounts = allegation.loc[allegation["id"] == "accounts-moonshot", "value"].iloc[0]
    assert moonshot_accounts != moonshot_accounts  # NaN: the report gives only "hundreds"
    claims = data.load_table("ledger/claims")
    assert str(claims["article_section"].dtype) == "Int64"


def test_every_assumption_default_lies_within_its_range():
    """Tables of assumptions (default, low, high): low <= default <= high, row by row."""
    import csv

    problems = []
    for path in sorted(DATA.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=1):
                if {"default", "low", "high"} <= row.keys() and row["default"]:
                    low, default, high = float(row["low"]), float(row["default"]), float(row["high"])
                    if not low <= default <= high:
                        problems.append(f"{path.name} row {number}: {low} <= {default} <= {high} fails")
    assert problems == []


def test_a_source_without_an_author_names_the_file_row_and_author_field(data_copy):
    set_cell(data_copy.parent / "ledger" / "sources.csv", "hinton2015distilling", "author", "")
    message = first_line(error_of(data_copy))
    # hinton2015distilling is the 4th source: data row 4, file line 5
    assert 'data/ledger/sources.csv, row 4 (line 5), field "author"' in message
    assert "required" in message


def test_a_source_row_appended_without_the_author_column_names_the_row_and_field(data_copy):
    sources = data_copy.parent / "ledger" / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    assert header[-1] == "author"
    # a row written as other branches write them: every column but the last, author
    lines.append("newsource2026,https://example.org/n,,A new source,Example,2026-01-05,2026-01-06,primary,Read.")
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = first_line(error_of(data_copy))
    assert f'data/ledger/sources.csv, row {len(lines) - 1} (line {len(lines)}), field "author"' in message


def test_an_author_with_unbalanced_braces_is_refused(data_copy):
    set_cell(data_copy.parent / "ledger" / "sources.csv", "kim2016sequence", "author", "{Kim and Rush")
    message = first_line(error_of(data_copy))
    assert 'data/ledger/sources.csv, row 5 (line 6), field "author"' in message and "pattern" in message


def test_an_edition_with_a_malformed_commit_names_the_row_and_field(data_copy):
    set_cell(data_copy.parent / "ledger" / "editions.csv", "0.1.0", "commit", "ba4c2e2", key="version")
    message = first_line(error_of(data_copy))
    # a short hash is refused: an edition is rebuilt from its full commit
    assert 'data/ledger/editions.csv, row 1 (line 2), field "commit"' in message and "pattern" in message


def test_an_edition_released_twice_names_the_version(data_copy):
    editions = data_copy.parent / "ledger" / "editions.csv"
    editions.write_text(editions.read_text(encoding="utf-8") + "0.2.0,,2026-12-01\n", encoding="utf-8")
    message = first_line(error_of(data_copy))
    assert "data/ledger/editions.csv" in message and '"version"' in message
