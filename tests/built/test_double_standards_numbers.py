"""Every number the double-standards page glues, recomputed from the CSVs with the csv module."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import glued, read_csv

DOC = "chapters/double-standards"


def by_id(name: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_csv(name)}


@pytest.fixture(scope="module")
def page() -> dict[str, object]:
    return glued(DOC)


def expected() -> dict[str, float]:
    allegation = by_id("shared/allegation.csv")
    assumptions = by_id("shared/assumptions.csv")
    output = {end: float(assumptions["output-tokens"][end]) for end in ("default", "low", "high")}
    inputs = {end: float(assumptions["input-tokens"][end]) for end in ("default", "low", "high")}
    per_example = {end: float(assumptions["exchanges-per-example"][end]) for end in ("default", "low", "high")}
    sets = by_id("double-standards/training_sets.csv")
    copyright_ = by_id("double-standards/copyright_figures.csv")
    consent = by_id("double-standards/web_consent.csv")
    clauses = [row for row in read_csv("double-standards/tos_clauses.csv") if row["provider"] == "Anthropic"]
    accusations = read_csv("shared/accusations.csv")

    labs = [float(allegation[f"exchanges-{lab}"]["value"]) for lab in ("deepseek", "moonshot", "minimax")]
    total = sum(labs)
    size = lambda set_id: float(sets[set_id]["size"])  # noqa: E731
    out: dict[str, float] = {}
    for end in ("default", "low", "high"):
        out[f"out_{end}"] = output[end]
        out[f"in_{end}"] = inputs[end]
    out["exchanges_total"] = total
    # output tokens at the default and low end; input and output at their high ends as the upper bound
    per_exchange = {
        "default": output["default"],
        "low": output["low"],
        "high": output["high"] + inputs["high"],
        "both_default": output["default"] + inputs["default"],
    }
    for end, per in per_exchange.items():
        tokens = total * per
        out[f"alleged_tokens_bn_{end}"] = tokens / 1e9
        out[f"share_llama3_{end}"] = tokens / size("llama3-pretraining")
        out[f"share_dsv3_{end}"] = tokens / size("deepseek-v3-pretraining")
    out["llama3_tokens_tn"] = size("llama3-pretraining") / 1e12
    out["dsv3_tokens_tn"] = size("deepseek-v3-pretraining") / 1e12
    out["gpt3_tokens_bn"] = size("gpt3-training") / 1e9
    out["ratio_gpt3_high"] = total * per_exchange["high"] / size("gpt3-training")
    out["ratio_gpt3_default"] = total * per_exchange["default"] / size("gpt3-training")
    out["ratio_gpt3_both_default"] = total * per_exchange["both_default"] / size("gpt3-training")

    deepseek = labs[0]
    out.update(
        {
            "r1_distill_examples": size("r1-distill-sft"),
            "s1k_examples": size("s1k"),
            "alpaca_examples": size("alpaca"),
            "llama3_sft_examples": size("llama3-human-sft"),
            "deepseek_exchanges": deepseek,
        }
    )
    for end, per in per_example.items():
        out[f"epe_{end}"] = per
        out[f"examples_total_{end}"] = round(total / per)
        out[f"total_over_r1_{end}"] = total / per / size("r1-distill-sft")
        out[f"deepseek_examples_{end}"] = round(deepseek / per)
        out[f"deepseek_share_of_r1_{end}"] = deepseek / per / size("r1-distill-sft")
        out[f"deepseek_over_s1k_{end}"] = deepseek / per / size("s1k")

    fund = float(copyright_["bartz-settlement-amount"]["value"])
    works = float(copyright_["bartz-settlement-works"]["value"])
    out.update(
        {
            "settlement_bn": fund / 1e9,
            "settlement_works": works,
            "settlement_per_work": fund / works,
            "pirated_books": float(copyright_["bartz-pirated-books"]["value"]),
            "kadrey_authors": float(copyright_["kadrey-plaintiffs"]["value"]),
        }
    )

    out.update(
        {
            "consent_tokens_share": float(consent["c4-tokens-robots"]["value"]),
            "consent_critical_share": float(consent["c4-critical-robots"]["value"]),
            "consent_tos_share": float(consent["c4-tos"]["value"]),
            "consent_domains": float(consent["domains-audited"]["value"]),
        }
    )

    forbidding = [r for r in clauses if r["forbids_training_on_outputs"] == "true"]
    out["anthropic_forbidding"] = len(forbidding)
    out["anthropic_naming"] = len([r for r in forbidding if r["names_distillation"] == "true"])
    out["tos_accounts"] = float(allegation["accounts-total"]["value"])

    days = sorted(dt.date.fromisoformat(r["date"]) for r in accusations)
    volume = {r["accuser"]: r["volume"] for r in accusations}
    out["accusation_count"] = len(accusations)
    out["span_days"] = (days[-1] - days[0]).days
    out["same_day_count"] = days.count(days[0])
    out["gtig_prompts"] = float(volume["Google"])
    out["anthropic_over_gtig"] = float(volume["Anthropic"]) / float(volume["Google"])
    return out


def test_every_glued_number_equals_its_recomputation(page):
    want = expected()
    numbers = {key: value for key, value in page.items() if isinstance(value, (int, float))}
    assert set(numbers) == set(want), "a glued number has no recomputation here, or the reverse"
    wrong = {key: (numbers[key], want[key]) for key in want if numbers[key] != pytest.approx(want[key], rel=1e-12)}
    assert not wrong


def test_the_page_shows_the_default_inside_its_range(page):
    assert page["out_low"] <= page["out_default"] <= page["out_high"]
    assert page["epe_low"] <= page["epe_default"] <= page["epe_high"]
    assert page["span_days"] == 23 - 12  # 12 February to 23 February 2026


def test_the_page_has_its_three_charts_and_only_the_scale_chart_is_live():
    from conftest import built_page

    html = built_page(DOC)
    for key in ("chart_scale", "chart_counts", "chart_timeline"):
        assert f'data-chart-key="{key}"' in html
    assert html.count("book-chart--interactive") == 1
    assert 'id="chart-chart_scale"' in html and '"tokens_per_exchange"' in html
