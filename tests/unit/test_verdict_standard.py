"""The verdict standard, applied the same way to every claim: short conclusions with their numbers
below them, every rule in words, every threshold with its basis, no bare number in a rule, and
break-even values that are where the verdict really changes."""

from __future__ import annotations

import ast
import inspect
import re

import pytest

import distillbook.chapters.checks  # noqa: F401 - every chapter's checks, registered
from conftest import read_csv
from distillbook.core import ledger, prose
from distillbook.core.numbers import fill

CLAIMS = read_csv("ledger/claims.csv")
RESULTS = ledger.run_ledger()
#: About forty words: the conclusion says what the evidence shows; its numbers go below it.
MOST_WORDS = 45


@pytest.mark.parametrize("claim", CLAIMS, ids=[c["id"] for c in CLAIMS])
def test_a_conclusion_is_one_or_two_short_sentences(claim):
    result = RESULTS.get(claim["id"])
    text = fill(claim["conclusion"], result.numbers) if result else claim["conclusion"]
    assert len(text.split()) <= MOST_WORDS, f"{claim['id']}: {len(text.split())} words"
    assert len(re.findall(r"[.?!](?:\s|$)", text)) <= 2


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c["check"]], ids=[c["id"] for c in CLAIMS if c["check"]])
def test_the_numbers_below_a_conclusion_come_from_its_check(claim):
    lines = [line for line in claim["numbers"].split(" | ") if line.strip()]
    assert lines, f"{claim['id']}: no numbers listed below the conclusion"
    filled = fill(claim["numbers"], RESULTS[claim["id"]].numbers)  # KeyError: a number the check does not give
    assert "{" not in filled
    for line in lines:
        assert prose.numbers_in_text(line) == [], f"{claim['id']}: a typed number in {line!r}"


@pytest.mark.parametrize("name", sorted({c["check"] for c in CLAIMS if c["check"]}))
def test_every_check_states_its_rule_in_words(name):
    rule = ledger.RULES.get(name, "")
    assert len(rule.split()) >= 12, f"{name}: no rule in words (register it with @check(rule=...))"
    assert prose.numbers_in_text(re.sub(r"\{[^{}]*\}", " ", rule)) == [], f"{name}: a typed number in its rule"
    assert "{" not in ledger.rule_text(rule)  # every placeholder is a registered threshold


def test_every_threshold_says_why_and_a_sourced_one_names_a_known_source():
    sources = {row["id"] for row in read_csv("ledger/sources.csv")}
    assert ledger.THRESHOLDS
    for item in ledger.THRESHOLDS.values():
        assert len(item.reason.split()) >= 8, item.name
        assert item.basis == "judgement" or item.source_id in sources, item.name


def verdict_strings(function) -> set[str]:
    return {n.value for n in ast.walk(function) if isinstance(n, ast.Constant) and n.value in ledger.VERDICTS}


def rule_functions():
    """Every function of a chapter module that returns a verdict (a check, a judge, a helper)."""
    for module in distillbook.chapters.checks.MODULES.values():
        modules = [
            module,
            *(m for m in vars(module).values() if inspect.ismodule(m) and m.__name__.startswith(module.__name__ + ".")),
        ]
        for each in modules:
            tree = ast.parse(inspect.getsource(each))
            for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
                if verdict_strings(function):
                    yield f"{each.__name__}.{function.name}", function


def bare_numbers(function) -> list:
    """Numbers other than zero and one that a rule compares with directly."""
    found = []
    for node in ast.walk(function):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                for constant in ast.walk(side):
                    if (
                        isinstance(constant, ast.Constant)
                        and type(constant.value) in (int, float)
                        and constant.value not in (0, 1)
                    ):
                        found.append(constant.value)
    return found


@pytest.mark.parametrize("name,function", list(rule_functions()), ids=[n for n, _ in rule_functions()])
def test_a_rule_compares_with_named_thresholds_not_bare_numbers(name, function):
    assert bare_numbers(function) == [], f"{name}: register the number as a threshold (ledger.threshold)"


def test_the_bare_number_scan_would_catch_one():
    function = ast.parse("def rule(x):\n    return 'accurate' if x > 0.05 else 'misleading'\n").body[0]
    assert bare_numbers(function) == [0.05]


SENSITIVE = [(claim_id, s) for claim_id, result in RESULTS.items() for s in result.sensitivity if s.breakeven]


@pytest.mark.parametrize("claim_id,sensitivity", SENSITIVE, ids=[f"{c}-{s.parameter}" for c, s in SENSITIVE])
def test_a_breakeven_value_is_where_the_verdict_changes(claim_id, sensitivity):
    point = sensitivity.breakeven
    step = abs(point.value) * 1e-4
    assert sensitivity.verdict_at(point.value - step) == point.below
    assert sensitivity.verdict_at(point.value + step) == point.above
    assert point.below != point.above
    assert point.inside == (sensitivity.low <= point.value <= sensitivity.high)


def test_the_counting_chapters_assumption_dependent_claims_report_breakeven_values():
    counting = [
        RESULTS[c["id"]]
        for c in CLAIMS
        if c["chapter"] == "counting" and RESULTS.get(c["id"]) and RESULTS[c["id"]].sensitivity
    ]
    assert counting and all(s.verdict_at is not None for r in counting for s in r.sensitivity)
