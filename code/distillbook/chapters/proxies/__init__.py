"""The proxies chapter (article section 4): hydra clusters, account arithmetic, what attribution
rests on, and the chapter's checks. The simulation of per-account versus cross-account detection
is in :mod:`.simulation`.

Units are in each docstring. Functions take tables and numbers and return numbers or tables; they
read no files.
"""

from __future__ import annotations

import datetime as dt
import math

import altair as alt
import numpy as np
import pandas as pd

from distillbook.core import searches as search_rule
from distillbook.core.allegation import allegation_value, per_lab_exchanges
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import CheckResult, DataAccess, Edit, LedgerError, Move, check
from distillbook.core.params import parameter
from distillbook.core.units import decades, per_account

# ---------------------------------------------------------------------------------------------
# Account arithmetic
# ---------------------------------------------------------------------------------------------


def network_share(network_accounts: float, total_accounts: float, overlap: float) -> float:
    """Share of the report's accounts (fraction, 0-1) that belong to the largest proxy network, if
    ``overlap`` (fraction, 0-1) of that network's accounts are among them; capped at 1."""
    if not 0 <= overlap <= 1:
        raise ValueError("overlap is a fraction between 0 and 1")
    return min(1.0, overlap * network_accounts / total_accounts)


def accounts_outside_network(network_accounts: float, total_accounts: float, overlap: float) -> float:
    """Accounts of the report's total left for everything else (accounts), under ``overlap``."""
    return max(0.0, total_accounts - overlap * network_accounts)


def minutes_at_rate(exchanges: float, requests_per_exchange: float, requests_per_minute: float) -> float:
    """Minutes one account needs to send ``exchanges`` at a rate limit (minutes), sending nonstop."""
    if requests_per_minute <= 0:
        raise ValueError("requests_per_minute must be positive")
    return exchanges * requests_per_exchange / requests_per_minute


def account_cases(allegation: pd.DataFrame, assumptions: pd.DataFrame) -> pd.DataFrame:
    """The per-account shares the chapter times: the average account over all three labs, and a
    Moonshot account (whose count the report gives only as "hundreds"; the count is the shared
    ``moonshot-accounts`` row of ``assumptions``).

    Columns: ``case``, ``exchanges`` (exchanges per account at the default), ``exchanges_low``,
    ``exchanges_high`` (the range over the Moonshot account count; equal for the average)."""
    by_lab = per_lab_exchanges(allegation).set_index("lab")["exchanges"]
    total = float(by_lab.sum())
    accounts = allegation_value(allegation, "accounts-total")
    moonshot = float(by_lab["Moonshot"])
    moonshot_accounts = parameter(assumptions, "moonshot-accounts")
    average = per_account(total, accounts)
    return pd.DataFrame(
        {
            "case": ["average account, all three labs", "Moonshot account"],
            "exchanges": [average, per_account(moonshot, moonshot_accounts.default)],
            "exchanges_low": [average, per_account(moonshot, moonshot_accounts.high)],
            "exchanges_high": [average, per_account(moonshot, moonshot_accounts.low)],
        }
    )


def tier_times(rate_limits: pd.DataFrame, cases: pd.DataFrame, params: pd.DataFrame) -> pd.DataFrame:
    """Minutes an account at each tier's request limit needs for each case's share, sending nonstop.

    ``minutes`` uses the defaults; ``minutes_low`` / ``minutes_high`` span the case's exchange range
    and the requests-per-exchange range. One row per (tier, case)."""
    rpe = parameter(params, "requests-per-exchange")
    rows = []
    for tier in rate_limits.itertuples():
        for case in cases.itertuples():
            rpm = float(tier.requests_per_minute)
            rows.append(
                {
                    "tier": tier.tier,
                    "requests_per_minute": int(tier.requests_per_minute),
                    "case": case.case,
                    "minutes": minutes_at_rate(case.exchanges, rpe.default, rpm),
                    "minutes_low": minutes_at_rate(case.exchanges_low, rpe.low, rpm),
                    "minutes_high": minutes_at_rate(case.exchanges_high, rpe.high, rpm),
                }
            )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Attribution signals and evidence
# ---------------------------------------------------------------------------------------------


def signal_counts(signals: pd.DataFrame) -> dict[str, int]:
    """Counts of the report's attribution signals: all, with published indicators, and those said
    to tie accounts to people at a lab (signals)."""
    return {
        "signals": int(len(signals)),
        "published": int(signals["indicators_published"].astype(bool).sum()),
        "staff_signals": int(signals["names_lab_staff"].astype(bool).sum()),
    }


def signals_markdown(signals: pd.DataFrame) -> str:
    """The signals as a Markdown table: signal, campaign, the report's words, public, withheld."""
    lines = [
        "| signal | campaign | the report's words | what is public | what is asserted without published indicators |",
        "|---|---|---|---|---|",
    ]
    for row in signals.itertuples():
        cells = [row.signal, row.lab, f"“{row.report_wording}”", row.public_part, row.withheld_part]
        lines.append("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def searches_markdown(searches: pd.DataFrame, claim_id: str) -> str:
    """The recorded searches for one claim as a Markdown table: query, where, date, found, result."""
    lines = ["| query | searched in | date | found | result |", "|---|---|---|---|---|"]
    for row in searches[searches["claim_id"] == claim_id].itertuples():
        date = pd.Timestamp(row.date).date().isoformat()
        cells = [f"`{row.query}`", row.searched_in, date, "yes" if row.found else "no", row.result]
        lines.append("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _as_date(value) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT or value == "":
        return None
    return pd.Timestamp(value).date()


def evidence_rows(evidence: pd.DataFrame, topic: str, as_of: dt.date) -> pd.DataFrame:
    """Rows of ``proxy_evidence`` on ``topic`` that support the article and were published by
    ``as_of`` (undated rows count; rows dated later do not)."""
    rows = evidence[(evidence["topic"] == topic) & evidence["supports_claim"].astype(bool)]
    keep = np.array([_as_date(d) is None or _as_date(d) <= as_of for d in rows["date"]], dtype=bool)
    return rows[keep]


def evidence_verdict(anthropic_rows: int, independent_rows: int) -> str:
    """accurate with support from Anthropic and from an independent source; mostly-accurate with
    support from only one of the two; unsupported with none."""
    if anthropic_rows and independent_rows:
        return "accurate"
    if anthropic_rows or independent_rows:
        return "mostly-accurate"
    return "unsupported"


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


def tier_time_chart(times: pd.DataFrame) -> alt.LayerChart:
    """Minutes per account at each tier (log scale), a point at the default and a bar over the range."""
    cases = list(dict.fromkeys(times["case"]))
    colour = alt.Color(
        "case:N",
        title="Account",
        scale=alt.Scale(domain=cases, range=[OKABE_ITO[4], OKABE_ITO[5]]),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
    )
    ticks = decades(pd.concat([times["minutes_low"], times["minutes_high"]]))
    axis = alt.Axis(values=ticks, format=",~r")
    scale = alt.Scale(type="log", domain=[ticks[0], ticks[-1]])
    description = (
        "For each Claude API usage tier, the minutes one account needs at that tier's request limit to send "
        "its share of the exchanges, on a logarithmic axis: the average account over all three labs needs "
        "minutes even at the lowest tier, and a Moonshot account needs hours at most; bars show the range "
        "over the Moonshot account count and the requests per exchange."
    )
    title = "Minutes of nonstop sending per account (log scale)"
    x = alt.X("minutes:Q", title=title, scale=scale, axis=axis)
    y = alt.Y("tier:N", title="Usage tier (request limit)", sort=None)
    offset = alt.YOffset("case:N", sort=cases)
    base = alt.Chart(times, description=description)
    bars = base.mark_rule(strokeWidth=3, opacity=0.6).encode(
        x=alt.X("minutes_low:Q", title=title, scale=scale, axis=axis),
        x2="minutes_high:Q",
        y=y,
        yOffset=offset,
        color=colour,
    )
    points = base.mark_point(filled=True, size=90).encode(
        x=x,
        y=y,
        yOffset=offset,
        color=colour,
        shape=alt.Shape("case:N", sort=cases, legend=None),
        tooltip=[
            "tier",
            "case",
            alt.Tooltip("minutes:Q", format=",.1f"),
            alt.Tooltip("minutes_low:Q", format=",.1f"),
            alt.Tooltip("minutes_high:Q", format=",.1f"),
        ],
    )
    return alt.layer(bars, points, description=description).properties(width=460, height=alt.Step(26))


# ---------------------------------------------------------------------------------------------
# Checks of the article's section 4
# ---------------------------------------------------------------------------------------------


def _as_of(data: DataAccess, claim_id: str) -> dt.date:
    return pd.Timestamp(data.claim(claim_id)["as_of"]).date()


def _evidence_check(data: DataAccess, claim_id: str, topic: str) -> tuple[str, dict]:
    rows = evidence_rows(data.table("proxies/evidence"), topic, _as_of(data, claim_id))
    anthropic = int(rows["from_anthropic"].astype(bool).sum())
    independent = int(len(rows) - anthropic)
    return evidence_verdict(anthropic, independent), {"anthropic_rows": anthropic, "independent_rows": independent}


@check(
    rule=(
        "The book gathers evidence on commercial proxy services, counting only what was published"
        " by the date up to which evidence was weighed. Accurate when both Anthropic and an "
        "independent source document proxy access to Claude through pooled accounts; mostly "
        "accurate when only Anthropic or only an independent source does; unsupported when "
        "neither does."
    ),
    moves=(
        Move(
            "Without the independent relay software as a source.",
            (Edit("proxies/evidence", "relay-software-pools", "supports_claim", "false"),),
        ),
    ),
)
def hydra_exists(data: DataAccess) -> CheckResult:
    """Rule (on ``proxy_evidence``, topic proxy-services, rows published by the claim's as_of date):
    accurate when both Anthropic and an independent source document commercial proxy access with
    pooled accounts; mostly-accurate when only one of the two does; unsupported when neither does."""
    verdict, figures = _evidence_check(data, "proxy-hydra-exists", "proxy-services")
    figures["network_accounts"] = int(data.value("shared/allegation", "proxy-network-accounts"))
    return CheckResult(verdict, figures)


@check(
    rule=(
        "The book gathers evidence on regional restrictions, counting only what was published by "
        "the date up to which evidence was weighed. Accurate when Anthropic's own texts document "
        "its restriction on China and an independent source names it as a reason for using "
        "proxies; mostly accurate when only Anthropic's texts or only an independent source does;"
        " unsupported when neither does."
    ),
    moves=(
        Move(
            "Without the independent relay software as a source.",
            (Edit("proxies/evidence", "relay-regional-motive", "supports_claim", "false"),),
        ),
    ),
)
def regional_blocking(data: DataAccess) -> CheckResult:
    """Rule (on ``proxy_evidence``, topic regional-restriction, rows published by the claim's as_of
    date): accurate when Anthropic's own texts document the restriction on China and an independent
    source names it as a reason for using proxies; mostly-accurate when only one of the two does;
    unsupported when neither does."""
    verdict, figures = _evidence_check(data, "proxy-regional-blocking", "regional-restriction")
    return CheckResult(verdict, figures)


@check(
    rule=(
        "The book gathers evidence that proxy resellers train their own models, counting only "
        "what was published by the date up to which evidence was weighed. Accurate when both "
        "Anthropic and an independent source document it; mostly accurate when only Anthropic or "
        "only an independent source does; unsupported when none does and the searches meet the "
        "book's rule for unsupported verdicts (see above)."
    ),
    moves=(
        Move(
            "If the later analysis of proxy logs had shown resellers training models before the article.",
            (
                Edit("proxies/evidence", "transfer-station-logs", "supports_claim", "true"),
                Edit("proxies/evidence", "transfer-station-logs", "date", "2026-02-01"),
            ),
        ),
    ),
)
def resellers_train(data: DataAccess) -> CheckResult:
    """Rule: accurate (or mostly-accurate, as for the other evidence checks) when a row of
    ``proxy_evidence`` on topic reseller-training, published by the claim's as_of date, documents
    resellers training their own models; unsupported when none does and the distinct searches that
    targeted the claim found nothing (:mod:`distillbook.core.searches`)."""
    claim_id = "proxy-resellers-train"
    verdict, figures = _evidence_check(data, claim_id, "reseller-training")
    searches = data.table("ledger/searches")
    if verdict == "unsupported":
        none_found, numbers = search_rule.unsupported(searches, claim_id)
        if not none_found:
            raise LedgerError(f"claim {claim_id!r}: a recorded search found support that proxies/evidence lacks")
        figures |= numbers
    else:
        figures |= {
            "searches": int(len(search_rule.counted(searches, claim_id))),
            "searches_found": 0,
            "searches_recorded": int((searches["claim_id"] == claim_id).sum()),
        }
    return CheckResult(verdict, figures)


@check(
    rule=(
        "The book lists the signals Anthropic's report uses to tie the accounts to each lab. "
        "Inaccurate when the report publishes the indicators behind any signal, so outsiders "
        "could check the attribution. Otherwise accurate when no signal is said to tie accounts "
        "to people at a lab; mostly accurate when some are: conclusive evidence is then not "
        "public, but the report asserts lab-specific evidence the article does not address."
    ),
    moves=(
        Move(
            "If the report had published indicators for one signal.",
            (Edit("proxies/attribution_signals", "ip-correlation", "indicators_published", "true"),),
        ),
    ),
)
def attribution_public(data: DataAccess) -> CheckResult:
    """Rule (on ``attribution_signals``): inaccurate when at least one signal's indicators are
    published, so that outsiders could check the attribution; otherwise accurate when no signal is
    said to tie accounts to people at a lab (the attribution rests on generic signals only), and
    mostly-accurate when some are: conclusive evidence is then not public, but the report asserts
    lab-specific evidence that the article does not address."""
    counts = signal_counts(data.table("proxies/attribution_signals"))
    if counts["published"] > 0:
        verdict = "inaccurate"
    elif counts["staff_signals"] == 0:
        verdict = "accurate"
    else:
        verdict = "mostly-accurate"
    return CheckResult(verdict, counts)


@check(
    rule=(
        "The book reads what Anthropic's report says about its example prompt. Misleading when "
        "the report itself concedes that the prompt is unremarkable on its own and rests its "
        "claim on a pattern across accounts, so calling it a standard system prompt answers a "
        "claim the report does not make; accurate otherwise, as when the report presents the "
        "prompt itself as the evidence."
    ),
    moves=(
        Move(
            "If the report had presented the prompt itself as the evidence, with no caveat.",
            (
                Edit("proxies/report_prompt", "approximation", "role", "pattern"),
                Edit("proxies/report_prompt", "benign-alone", "role", "pattern"),
            ),
        ),
    ),
)
def prompt_rebuttal(data: DataAccess) -> CheckResult:
    """Rule (on ``report_prompt``): misleading when the report itself concedes that the example
    prompt is unremarkable on its own (a concession row) and rests its claim on a pattern across
    accounts (a pattern row), so that calling the prompt a standard system prompt answers a claim
    the report does not make; accurate when the report presents the prompt itself as the evidence
    (no concession)."""
    rows = data.table("proxies/report_prompt")
    concessions = int((rows["role"] == "concession").sum())
    patterns = int((rows["role"] == "pattern").sum())
    verdict = "misleading" if concessions and patterns else "accurate"
    return CheckResult(verdict, {"concessions": concessions, "pattern_statements": patterns})
