"""The double-standards chapter (article section 5): scale, copyright, the closing web, terms of
service and timing, with the checks of the section's ledger rows.

Units: exchanges are the report's unit (one request and its answer, never defined by the report);
tokens are model tokens; examples are training examples; money is US dollars; dates are calendar
days. The assumptions (tokens per exchange, exchanges per example) are the book's shared ones, read
from ``assumptions``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from distillbook.core.allegation import per_lab_exchanges
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import CheckResult, DataAccess, Edit, Move, check
from distillbook.core.params import Range

#: Shared assumption ids in ``assumptions``: tokens Claude wrote per exchange, tokens sent to it,
#: and exchanges that make up one training example.
OUTPUT_TOKENS = "output-tokens"
INPUT_TOKENS = "input-tokens"
EXCHANGES_PER_EXAMPLE = "exchanges-per-example"
#: The two labs the article names as having scraped the web for their first training data.
SCRAPING_LABS = ("Anthropic", "OpenAI")


# ---------------------------------------------------------------------------------------------
# Parameters and scale
# ---------------------------------------------------------------------------------------------


def exchanges_total(allegation: pd.DataFrame) -> int:
    """Sum of the three labs' exchange figures (exchanges; the report's lower bounds)."""
    return int(per_lab_exchanges(allegation)["exchanges"].sum())


def exchanges_as_tokens(exchanges: float, tokens_per_exchange: float) -> float:
    """Exchanges converted to tokens: exchanges x tokens per exchange (tokens)."""
    if exchanges < 0 or tokens_per_exchange < 0:
        raise ValueError("exchanges and tokens per exchange must be non-negative")
    return float(exchanges) * float(tokens_per_exchange)


def share_of(part: float, whole: float) -> float:
    """``part`` as a fraction of ``whole`` (both in the same unit)."""
    if whole <= 0:
        raise ValueError("whole must be positive")
    return float(part) / float(whole)


def value_of(frame: pd.DataFrame, row_id: str, column: str = "value") -> float:
    """One numeric cell of a table keyed by ``id``, as a plain float (in the row's unit)."""
    match = frame.loc[frame["id"] == row_id, column]
    if match.empty:
        raise KeyError(f"no row {row_id!r}")
    return float(match.iloc[0])


def set_size(training_sets: pd.DataFrame, set_id: str) -> float:
    """The size of one training set, in its own unit (tokens or examples)."""
    return value_of(training_sets, set_id, "size")


def token_range(output: Range, inputs: Range) -> Range:
    """Tokens per exchange for the scale comparison (tokens): the default and low end count only
    what Claude wrote (output tokens, what a distiller takes away); the high end adds the input
    tokens at their high end too, an upper bound on everything an exchange could carry."""
    return Range(output.default, output.low, output.high + inputs.high, output.unit)


def examples_from_exchanges(exchanges: float, per_example: float) -> float:
    """Training examples (count) that ``exchanges`` (count) could make if each example spans
    ``per_example`` exchanges; the most the volume could yield before any filtering."""
    if per_example <= 0:
        raise ValueError("exchanges per example must be positive")
    return float(exchanges) / float(per_example)


def scale_frame(allegation: pd.DataFrame, training_sets: pd.DataFrame, tokens: Range) -> pd.DataFrame:
    """Rows for the token-scale chart: each pre-training corpus (tokens) and each lab's exchanges
    converted at the default, low and high tokens per exchange.

    Columns: ``name``, ``kind`` ("pre-training corpus" or "alleged exchanges"), ``exchanges``
    (0 for corpora), ``tokens`` (at the default), ``tokens_low``, ``tokens_high`` (tokens)."""
    corpora = training_sets[(training_sets["stage"] == "pre-training") & (training_sets["unit"] == "tokens")]
    rows = [
        {
            "name": row.name,
            "kind": "pre-training corpus",
            "exchanges": 0,
            "tokens": float(row.size),
            "tokens_low": float(row.size),
            "tokens_high": float(row.size),
        }
        for row in corpora.itertuples()
    ]
    labs = per_lab_exchanges(allegation)
    for row in labs.itertuples():
        rows.append(
            {
                "name": f"{row.lab}: alleged exchanges",
                "kind": "alleged exchanges",
                "exchanges": int(row.exchanges),
                "tokens": exchanges_as_tokens(row.exchanges, tokens.default),
                "tokens_low": exchanges_as_tokens(row.exchanges, tokens.low),
                "tokens_high": exchanges_as_tokens(row.exchanges, tokens.high),
            }
        )
    total = int(labs["exchanges"].sum())
    rows.append(
        {
            "name": "All three labs: alleged exchanges",
            "kind": "alleged exchanges",
            "exchanges": total,
            "tokens": exchanges_as_tokens(total, tokens.default),
            "tokens_low": exchanges_as_tokens(total, tokens.low),
            "tokens_high": exchanges_as_tokens(total, tokens.high),
        }
    )
    return pd.DataFrame(rows).sort_values("tokens", ascending=False).reset_index(drop=True)


def count_frame(allegation: pd.DataFrame, training_sets: pd.DataFrame, per_example: Range) -> pd.DataFrame:
    """Rows for the count chart: post-training datasets (examples) and each lab's exchanges as
    possible training examples. Columns: ``name``, ``kind``, ``count`` (examples; for a lab, at
    the default exchanges per example), ``count_low`` and ``count_high`` (for a lab, at the most
    and at the fewest exchanges per example; for a dataset, its size)."""
    post = training_sets[(training_sets["stage"] == "post-training") & (training_sets["unit"] == "examples")]
    rows = [
        {
            "name": row.name,
            "kind": "post-training dataset (examples)",
            "count": float(row.size),
            "count_low": float(row.size),
            "count_high": float(row.size),
        }
        for row in post.itertuples()
    ]
    labs = per_lab_exchanges(allegation)
    rows += [
        {
            "name": f"{row.lab}: alleged exchanges as examples",
            "kind": "alleged exchanges as examples",
            "count": examples_from_exchanges(row.exchanges, per_example.default),
            "count_low": examples_from_exchanges(row.exchanges, per_example.high),
            "count_high": examples_from_exchanges(row.exchanges, per_example.low),
        }
        for row in labs.itertuples()
    ]
    return pd.DataFrame(rows).sort_values("count", ascending=False).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Copyright and timing
# ---------------------------------------------------------------------------------------------


def per_work_payment(amount_usd: float, works: float) -> float:
    """Settlement fund divided by the works it covers (US dollars per work)."""
    if works <= 0:
        raise ValueError("works must be positive")
    return float(amount_usd) / float(works)


def accusation_gaps(accusations: pd.DataFrame) -> pd.DataFrame:
    """The accusations in date order with ``days_after_first`` and ``days_after_previous``
    (calendar days, ints; 0 for the first)."""
    frame = accusations.sort_values(["date", "accuser"]).reset_index(drop=True).copy()
    first = frame["date"].iloc[0]
    frame["days_after_first"] = [int((d - first).days) for d in frame["date"]]
    frame["days_after_previous"] = [0] + [
        int((b - a).days) for a, b in zip(frame["date"], frame["date"].iloc[1:], strict=False)
    ]
    return frame


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


def scale_chart(frame: pd.DataFrame, tokens: Range, step: float = 100) -> alt.LayerChart:
    """Tokens on a log axis: pre-training corpora against the alleged exchanges converted at a
    tokens-per-exchange the reader sets with a slider (range ``tokens.low``-``tokens.high``).
    A thin line on each alleged row spans the whole range, so the static picture shows it too."""
    per_exchange = alt.param(
        name="tokens_per_exchange",
        value=tokens.default,
        bind=alt.binding_range(min=tokens.low, max=tokens.high, step=step, name="Tokens counted per exchange: "),
    )
    domain = [10**7, 2 * 10**14]
    x_title = "Tokens (log scale; for the labs, Claude's output at the default)"
    axis = alt.Axis(
        values=[10**k for k in range(7, 15)],
        grid=True,
        labelExpr="datum.value >= 1e12 ? format(datum.value / 1e12, ',') + ' trillion' : "
        "datum.value >= 1e9 ? format(datum.value / 1e9, ',') + ' billion' : "
        "format(datum.value / 1e6, ',') + ' million'",
    )
    base = (
        alt.Chart(
            frame,
            description=(
                "Bar chart on a logarithmic axis comparing the tokens of pre-training corpora (Llama 3, DeepSeek-V3, GPT-3) "
                "with the exchanges Anthropic attributes to each lab converted to tokens at a tokens-per-exchange the reader "
                "sets with a slider, by default only the tokens Claude wrote; a thin line on each alleged row spans the range "
                "from the fewest output tokens to input and output together at their high ends."
            ),
        )
        .transform_calculate(
            shown="datum.kind == 'alleged exchanges' ? datum.exchanges * tokens_per_exchange : datum.tokens",
        )
        .transform_calculate(
            label="datum.shown >= 1e12 ? format(datum.shown / 1e12, ',.1f') + ' trillion' : "
            "datum.shown >= 1e9 ? format(datum.shown / 1e9, ',.1f') + ' billion' : "
            "format(datum.shown / 1e6, ',.0f') + ' million'",
            label_at="max(datum.shown, datum.tokens_high)",
        )
    )
    y = alt.Y(
        "name:N",
        title=None,
        sort=alt.SortField("tokens", order="descending"),
        axis=alt.Axis(title="Corpus or alleged exchanges", titleAngle=0, titleAlign="left", titleY=-10, titleX=-5),
    )
    colour = alt.Color(
        "kind:N",
        title="What is counted",
        legend=alt.Legend(orient="bottom"),
        scale=alt.Scale(domain=["pre-training corpus", "alleged exchanges"], range=[OKABE_ITO[4], OKABE_ITO[5]]),
    )
    bars = (
        base.mark_bar()
        .encode(
            y=y,
            x=alt.X("shown:Q", title=x_title, axis=axis, scale=alt.Scale(type="log", domain=domain, clamp=True)),
            x2=alt.datum(domain[0]),
            color=colour,
            tooltip=[alt.Tooltip("name:N", title="Row"), alt.Tooltip("shown:Q", title="Tokens", format=",.0f")],
        )
        .add_params(per_exchange)
    )
    span = (
        base.transform_filter("datum.kind == 'alleged exchanges'")
        .mark_rule(color="black", strokeWidth=2)
        .encode(
            y=y,
            x=alt.X("tokens_low:Q", title=x_title, scale=alt.Scale(type="log", domain=domain)),
            x2="tokens_high:Q",
        )
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(
        y=y,
        x=alt.X("label_at:Q", title=x_title, scale=alt.Scale(type="log", domain=domain)),
        text="label:N",
    )
    return alt.layer(bars, span, labels, description=base.description).properties(width=520, height=alt.Step(30))


def count_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Counts on a log axis: examples in post-training datasets and each lab's exchanges as possible
    examples (a diamond at the default, a line across the assumed range), coloured and shaped by
    what is counted."""
    description = (
        "Dot chart on a logarithmic axis of the number of examples in published post-training datasets "
        "(s1K, Alpaca, DeepSeek-R1-Distill, Llama 3's human-annotated set) and the exchanges Anthropic attributes "
        "to each lab converted to possible training examples, with a line across the assumed range."
    )
    y = alt.Y(
        "name:N",
        title=None,
        sort=alt.SortField("count", order="descending"),
        axis=alt.Axis(title="Dataset or lab", titleAngle=0, titleAlign="left", titleY=-10, titleX=-5, labelLimit=320),
    )
    scale = alt.Scale(type="log", domain=[500, 3 * 10**7])
    x = alt.X(
        "count:Q",
        title="Training examples (log scale)",
        scale=scale,
        axis=alt.Axis(values=[10**k for k in range(3, 8)], format=",d"),
    )
    base = alt.Chart(frame, description=description).encode(y=y)
    kinds = ["post-training dataset (examples)", "alleged exchanges as examples"]
    legend = alt.Legend(orient="bottom", labelLimit=320)
    span = (
        base.transform_filter(f"datum.kind == '{kinds[1]}'")
        .mark_rule(color="black", strokeWidth=2)
        .encode(x=alt.X("count_low:Q", title="Training examples (log scale)", scale=scale), x2="count_high:Q")
    )
    points = base.mark_point(size=130, filled=True, opacity=1).encode(
        x=x,
        color=alt.Color(
            "kind:N",
            title="What is counted",
            legend=legend,
            scale=alt.Scale(domain=kinds, range=[OKABE_ITO[2], OKABE_ITO[5]]),
        ),
        shape=alt.Shape(
            "kind:N", title="What is counted", legend=legend, scale=alt.Scale(domain=kinds, range=["circle", "diamond"])
        ),
    )
    labels = base.mark_text(align="left", dx=10, dy=-10, fontSize=12).encode(
        x=x, text=alt.Text("count:Q", format=",.0f")
    )
    return alt.layer(span, points, labels, description=description).properties(width=420, height=alt.Step(34))


def timeline_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """The February 2026 accusations as dots on a date axis, one row per accuser, labelled."""
    description = (
        "Timeline of February 2026 showing the day each lab made a distillation accusation public: "
        "OpenAI's memo and Google's threat report on the same day, Anthropic's report later in the month."
    )
    data = frame.assign(day=frame["date"].dt.strftime("%Y-%m-%d"))
    y = alt.Y("accuser:N", title="Accuser", sort=alt.SortField("day"))
    x = alt.X(
        "day:T",
        title="Date made public (February 2026)",
        scale=alt.Scale(domain=["2026-02-01", "2026-02-28"]),
        axis=alt.Axis(format="%d %b"),
    )
    base = alt.Chart(data, description=description).encode(y=y, x=x)
    points = base.mark_point(size=160, filled=True).encode(
        color=alt.Color("accuser:N", title="Accuser", scale=alt.Scale(range=OKABE_ITO[:3])),
        shape=alt.Shape("accuser:N", title="Accuser"),
    )
    labels = base.mark_text(align="left", dx=10, fontSize=12).encode(text="accused:N")
    return alt.layer(points, labels, description=description).properties(width=460, height=alt.Step(40))


# ---------------------------------------------------------------------------------------------
# Terms of service as a table for the page
# ---------------------------------------------------------------------------------------------


def clauses_markdown(clauses: pd.DataFrame) -> str:
    """The clauses as a Markdown table (provider, document, effective date, verbatim wording)."""
    lines = ["| provider | document (effective) | the clause, verbatim | training on outputs |", "|---|---|---|---|"]
    for row in clauses.sort_values(["provider", "effective"]).itertuples():
        stance = (
            "allowed"
            if row.permits_distillation
            else ("restricted" if row.forbids_training_on_outputs else "not addressed")
        )
        lines.append(f"| {row.provider} | {row.document} ({row.effective:%d %B %Y}) | “{row.wording}” | {stance} |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Checks of the section's ledger rows
# ---------------------------------------------------------------------------------------------


@check(
    rule=(
        "The book checks how Anthropic and OpenAI obtained their training data. Unsupported "
        "unless both are documented, by their own statements or a court, as training on a scrape "
        "of the public web. Then accurate when copyrighted works obtained by scraping are on "
        "record for either, documented or alleged by the rights holder in a lawsuit; mostly "
        "accurate when the only copyrighted content on record was downloaded or bought; "
        "unsupported when none is on record."
    ),
    moves=(
        Move(
            "If the New York Times articles had been downloaded rather than scraped.",
            (Edit("double-standards/training_practices", "openai-nyt-articles", "acquisition", "download"),),
        ),
    ),
)
def scraping_claim(data: DataAccess) -> CheckResult:
    """Rule for "was itself obtained by large-scale scraping of public content ... (even including
    copyrighted content)", applied to ``training_practices``:

    * unsupported: fewer than both labs (Anthropic, OpenAI) are documented (self-reported or by a
      court) as training on a scrape of the public web;
    * accurate: both are, and copyrighted works obtained by scraping are on record for either lab,
      documented or alleged by their copyright holder in a suit (the parenthesis says only that
      the scraped content included copyrighted works, not that a court has found infringement);
    * mostly-accurate: both are, but the only copyrighted content on record was obtained otherwise
      (downloaded or bought), so the "scraping" detail is off.

    Figures: labs documented as scraping (count), rows of copyrighted content obtained by scraping
    and otherwise (counts), and the pirated books of the Bartz case (count)."""
    practices = data.table("double-standards/training_practices")
    documented = practices[practices["finding"].isin(["self-reported", "court-finding"])]
    crawled = documented[(documented["acquisition"] == "scraping") & documented["company"].isin(SCRAPING_LABS)]
    labs_documented = int(crawled["company"].nunique())
    copyrighted = practices[(practices["copyrighted"] == "yes") & practices["company"].isin(SCRAPING_LABS)]
    scraped_copyrighted = int((copyrighted["acquisition"] == "scraping").sum())
    other_copyrighted = int((copyrighted["acquisition"] != "scraping").sum())
    if labs_documented < len(SCRAPING_LABS):
        verdict = "unsupported"
    elif scraped_copyrighted > 0:
        verdict = "accurate"
    elif other_copyrighted > 0:
        verdict = "mostly-accurate"
    else:
        verdict = "unsupported"
    pirated = data.value("double-standards/copyright_figures", "bartz-pirated-books")
    return CheckResult(
        verdict,
        {
            "labs_documented": labs_documented,
            "copyrighted_scraped": scraped_copyrighted,
            "copyrighted_not_scraped": other_copyrighted,
            "pirated_books": int(pirated),
        },
    )


@check(
    rule=(
        "The book compares the claim with audits of the consent signals web sites give crawlers. "
        "Unsupported when no audit measures any share of web data as restricted. Otherwise "
        "accurate when an estimate attributes the restrictions to AI developers' crawling; mostly"
        " accurate when the restrictions are only observed to single out AI developers, with no "
        "estimate of cause (“precisely” claims more than that); unsupported when neither is on "
        "record."
    ),
    moves=(
        Move(
            "If the audit estimated the cause of the restrictions.",
            (Edit("double-standards/web_consent", "ai-specific-clauses", "evidence", "causal-estimate"),),
        ),
    ),
)
def closing_web_claim(data: DataAccess) -> CheckResult:
    """Rule for "It is precisely the scraping behavior of these large companies that has led to the
    internet's data becoming increasingly closed off", applied to ``web_consent``:

    * unsupported: no measured share of restricted web data greater than zero;
    * accurate: a measured rise and a causal estimate attributing it to AI developers' crawling;
    * mostly-accurate: a measured rise, and restrictions observed to single out AI developers,
      but no estimate of cause ("precisely" claims more than the audit measures)."""
    consent = data.table("double-standards/web_consent")
    measured = consent[(consent["kind"] == "measurement") & (consent["unit"] == "fraction") & (consent["value"] > 0)]
    evidence = set(consent.loc[consent["kind"] == "attribution", "evidence"])
    if measured.empty:
        verdict = "unsupported"
    elif "causal-estimate" in evidence:
        verdict = "accurate"
    elif "observed-targeting" in evidence:
        verdict = "mostly-accurate"
    else:
        verdict = "unsupported"
    share = lambda row_id: float(consent.loc[consent["id"] == row_id, "value"].iloc[0])  # noqa: E731
    return CheckResult(
        verdict,
        {
            "tokens_share": share("c4-tokens-robots"),
            "critical_share": share("c4-critical-robots"),
            "tos_share": share("c4-tos"),
        },
    )


@check(
    rule=(
        "The book reads the terms of Anthropic, the accuser, and the report's count of accounts. "
        "Accurate when no clause forbids training models on Claude's outputs; mostly accurate "
        "when a clause forbids it but none names distillation, or when no accounts bound by the "
        "terms are alleged; misleading when a clause names distillation outright and the alleged "
        "campaigns ran through accounts bound by the terms, not the outsiders, bound by no terms,"
        " that the article describes."
    ),
    moves=(
        Move(
            "If no clause of Anthropic’s terms named distillation.",
            (
                Edit(
                    "double-standards/tos_clauses", "anthropic-usage-policy-distillation", "names_distillation", "false"
                ),
            ),
        ),
    ),
)
def tos_vagueness(data: DataAccess) -> CheckResult:
    """Rule for "the boundaries in Terms of Service (ToS) are extremely vague", applied to the
    accuser's (Anthropic's) clauses in ``tos_clauses`` and the report's account figure:

    * accurate: no Anthropic clause forbids training models on its outputs;
    * mostly-accurate: a clause forbids it, but none names distillation (the boundary then turns on
      undefined words such as "competing");
    * misleading: a clause names distillation outright and the alleged campaigns ran through
      accounts (more than zero) bound by the terms. The labs reached Claude partly through
      resellers, whose own accounts are bound by the terms and forbidden to resell, so the labs'
      position is less direct than an account holder's; but the vagueness the article shows (third
      parties who never agreed to any terms and never touched the service) is still not the
      situation alleged."""
    clauses = data.table("double-standards/tos_clauses")
    anthropic = clauses[clauses["provider"] == "Anthropic"]
    forbidding = anthropic[anthropic["forbids_training_on_outputs"].astype(bool)]
    naming = forbidding[forbidding["names_distillation"].astype(bool)]
    accounts = data.value("shared/allegation", "accounts-total")
    if forbidding.empty:
        verdict = "accurate"
    elif naming.empty or accounts <= 0:
        verdict = "mostly-accurate"
    else:
        verdict = "misleading"
    permissive = int(clauses["permits_distillation"].astype(bool).sum())
    return CheckResult(
        verdict,
        {
            "anthropic_forbidding": len(forbidding),
            "anthropic_naming": len(naming),
            "accounts": int(accounts),
            "permissive_clauses": permissive,
        },
    )
