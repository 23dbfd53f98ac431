"""Every value the double-standards page glues, recomputed from the CSVs with the csv module."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import built_page, glued, read_csv

DOC = "chapters/double-standards"


def by_id(name: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_csv(name)}


def day(text: str) -> str:
    date = dt.date.fromisoformat(text)
    return f"{date.day} {date:%B %Y}"


@pytest.fixture(scope="module")
def page() -> dict[str, object]:
    return glued(DOC)


def expected() -> dict[str, object]:
    figures = by_id("double-standards/copyright_figures.csv")
    practices = read_csv("double-standards/training_practices.csv")
    consent = by_id("double-standards/web_consent.csv")
    uses = read_csv("double-standards/output_uses.csv")
    clauses = [row for row in read_csv("double-standards/tos_clauses.csv") if row["provider"] == "Anthropic"]
    questions = read_csv("double-standards/tos_questions.csv")
    events = by_id("double-standards/events.csv")
    accusations = {row["accuser"]: row for row in read_csv("shared/accusations.csv")}

    fund = float(figures["bartz-settlement-amount"]["value"])
    works = float(figures["bartz-settlement-works"]["value"])
    out: dict[str, object] = {
        "settlement_bn": fund / 1e9,
        "settlement_works": works,
        "settlement_per_work": fund / works,
        "pirated_books": float(figures["bartz-pirated-books"]["value"]),
        "kadrey_authors": float(figures["kadrey-plaintiffs"]["value"]),
    }
    labs = ("Anthropic", "OpenAI")
    out["suits"] = sum(
        r["company"] in labs and r["finding"] == "allegation" and r["copyrighted"] == "alleged" for r in practices
    )

    for key, row in (
        ("tokens_share", "c4-tokens-robots"),
        ("tokens_share_before", "c4-tokens-robots-2023"),
        ("critical_share", "c4-critical-robots"),
        ("critical_share_before", "head-robots-2023"),
        ("tos_share", "c4-tos"),
    ):
        out[f"consent_{key}"] = float(consent[row]["value"])
    out["consent_domains"] = float(consent["domains-audited"]["value"])
    out["consent_stated"] = sum(r["evidence"] == "stated-cause" for r in consent.values())

    # training uses: training true and not a denied allegation
    train = [r for r in uses if r["training"] == "true" and r["finding"] != "denied-allegation"]
    attack = [r["provider_response"] == "attack" for r in train]
    concealed = [r["concealment_alleged"] == "true" for r in train]
    out["uses_uses"] = len(uses)
    out["uses_training"] = len(train)
    out["uses_labelled"] = sum(attack)
    out["uses_labelled_concealed"] = sum(a and c for a, c in zip(attack, concealed, strict=True))
    out["uses_labelled_open"] = sum(a and not c for a, c in zip(attack, concealed, strict=True))
    out["uses_lesser_company"] = sum(r["provider_response"] != "attack" and r["user_kind"] == "company" for r in train)
    out["uses_not_training"] = sum(r["training"] == "false" for r in uses)

    forbidding = [r for r in clauses if r["forbids_training_on_outputs"] == "true"]
    out["anthropic_forbidding"] = len(forbidding)
    out["anthropic_documents"] = len({r["document"] for r in forbidding})
    out["anthropic_naming"] = sum(r["names_distillation"] == "true" for r in forbidding)
    out["free_of_competing"] = sum(r["turns_on_competing"] == "false" for r in forbidding)
    out["anthropic_extraction"] = sum(r["forbids_extraction"] == "true" for r in clauses)
    out["anthropic_means"] = sum(r["restricts_access_means"] == "true" for r in clauses)

    arises = [q for q in questions if q["arises_for_alleged"] == "true"]
    out["conduct_open"] = sum(q["kind"] == "conduct" and q["status"] != "answered" for q in arises)
    out["conduct_answered"] = sum(q["kind"] == "conduct" and q["status"] == "answered" for q in arises)
    out["party_open"] = sum(q["kind"] == "party" and q["status"] != "answered" for q in arises)
    out["edges_open"] = sum(q["arises_for_alleged"] == "false" and q["status"] != "answered" for q in questions)

    dates = sorted(dt.date.fromisoformat(r["date"]) for r in accusations.values())
    report = dt.date.fromisoformat(accusations["Anthropic"]["date"])
    out["accusation_count"] = len(accusations)
    out["span_days"] = (dates[-1] - dates[0]).days
    out["same_day_count"] = dates.count(dates[0])
    out["gtig_prompts"] = float(accusations["Google"]["volume"])
    out["days_rule_to_report"] = (report - dt.date.fromisoformat(events["h200-rule"]["date"])).days
    return out


def expected_text() -> dict[str, str]:
    events = by_id("double-standards/events.csv")
    accusations = {row["accuser"]: row for row in read_csv("shared/accusations.csv")}
    return {
        "openai_cut_date": day(events["openai-access-cut"]["date"]),
        "regions_date": day(events["regions-policy"]["date"]),
        "h200_announced": day(events["h200-announced"]["date"]),
        "h200_rule": day(events["h200-rule"]["date"]),
        "davos_date": day(events["davos-remark"]["date"]),
        "first_date": day(min(r["date"] for r in accusations.values())),
        "report_date": day(accusations["Anthropic"]["date"]),
        "naming_documents": "the Usage Policy",
        "naming_verb": "names",
        "free_verb": "does",
        "edges_verb": "are",
        "edges_noun": "questions",
        # Google's label reaches use with no fraud alleged; ByteDance's and DeepSeek's uses drew less
        "label_follows": (
            "the use of a provider's outputs without its permission, whether or not fraud is alleged, "
            "though not every such use by a company has drawn it"
        ),
        "stays_open": "who was bound",
    }


def test_every_glued_number_equals_its_recomputation(page):
    want = expected()
    numbers = {key: value for key, value in page.items() if isinstance(value, (int, float))}
    assert set(numbers) == set(want), "a glued number has no recomputation here, or the reverse"
    wrong = {key: (numbers[key], want[key]) for key in want if numbers[key] != pytest.approx(want[key], rel=1e-12)}
    assert not wrong


def test_every_glued_date_and_word_equals_its_recomputation(page):
    want = expected_text()
    assert {key: page[key] for key in want} == want
    assert page["span_days"] == 23 - 12  # 12 February to 23 February 2026
    assert page["days_rule_to_report"] == 18 + 23  # 13 January to 23 February 2026


def test_the_page_shows_its_four_tables_and_no_chart():
    html = built_page(DOC)
    assert "data-chart-key" not in html
    for wording in (
        "support any third party",
        "no accusation by the provider found",
        "who is bound",
        "restricts the means of access",
        "Common Crawl (a non-profit archive)",
    ):
        assert wording in html
    # the counting chapter is linked by document, and the old anchor of the scale section still resolves
    assert 'href="counting.html"' in html
    assert 'id="scale-the-alleged-exchanges-against-training-corpora"' in html
