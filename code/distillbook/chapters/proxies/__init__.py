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
from distillbook.core.allegation import SIGNAL_KINDS
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import CheckResult, DataAccess, Edit, LedgerError, Move, check
from distillbook.core.params import Range
from distillbook.core.units import MINUTES_PER_DAY, decades, per_account, runs_needed, throughput

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


def per_account_numbers(
    exchanges: dict[str, float],
    accounts_total: float,
    moonshot_accounts: Range,
    network_accounts: float,
    overlap: Range,
) -> dict:
    """Section "Account arithmetic", first paragraphs: what DeepSeek's and MiniMax's exchanges come
    to per account once Moonshot's (at its default account count) are set aside, and the largest
    proxy network's share of the report's accounts at each end of ``overlap``. ``exchanges``: per
    lab (exchanges); counts in accounts, shares as fractions."""
    others = float(exchanges["DeepSeek"] + exchanges["MiniMax"])
    rest = accounts_total - moonshot_accounts.default
    return {
        "others_exchanges": int(others),
        "others_accounts": int(rest),
        "others_per_account": float(per_account(others, rest)),
        "network_share_high": network_share(network_accounts, accounts_total, overlap.high),
        "network_share_low": network_share(network_accounts, accounts_total, overlap.low),
        "outside_accounts_high": int(accounts_outside_network(network_accounts, accounts_total, overlap.high)),
    }


def accusation_volume(accusations: pd.DataFrame, row_id: str) -> int:
    """The volume an accusation of the shared ``accusations`` table reports (its unit in
    ``volume_unit``)."""
    match = accusations.loc[accusations["id"] == row_id, "volume"]
    if match.empty:
        raise LedgerError(f"data/shared/accusations.csv: no row with id {row_id!r}")
    return int(match.iloc[0])


class ProseGuardError(AssertionError):
    """A sentence of the page no longer matches the numbers behind it."""


def _guard(condition: bool, sentence: str) -> None:
    if not condition:
        raise ProseGuardError(f"chapters/proxies: the page says {sentence!r}, which the data no longer support")


def accounts_needed(minutes_per_account: float, accounts: float, days: float) -> int:
    """Accounts that, each sending nonstop for ``days`` days, carry the traffic that ``accounts``
    accounts need ``minutes_per_account`` minutes each to send (accounts, rounded up: a part of an
    account does not send)."""
    return runs_needed(minutes_per_account * accounts, days * MINUTES_PER_DAY)


def tier_rows(times: pd.DataFrame, moonshot: Range) -> pd.DataFrame:
    """The table of one account's sending time per tier at the default tokens, from the counting
    chapter's :func:`account_tier_minutes` frame (columns tier, case, requests_per_minute, binding,
    minutes): requests a minute allowed, the limit that binds, and hours for the average account,
    a Moonshot account at the default count and one at the fewest accounts (``moonshot``, its
    exchanges per account: the high end is the fewest accounts). One row per tier, in order."""
    rows = []
    for tier, group in times.groupby("tier", sort=False):
        by_case = group.set_index("case")
        average = by_case.loc[AVERAGE_CASE]
        moon = by_case.loc[MOONSHOT_CASE]
        rows.append(
            {
                "tier": tier,
                "requests_per_minute": float(average["requests_per_minute"]),
                "binding": str(average["binding"]),
                "average_hours": float(average["minutes"]) / 60,
                "moonshot_hours": float(moon["minutes"]) / 60,
                "moonshot_fewest_hours": float(moon["minutes"]) * moonshot.high / moonshot.default / 60,
            }
        )
    return pd.DataFrame(rows)


def admitted_rate(
    requests_per_minute: float,
    input_tokens_per_minute: float,
    output_tokens_per_minute: float,
    input_tokens: float,
    output_tokens: float,
    cached_share: float,
) -> float:
    """Requests a minute one account can send (requests / minute) when a request may carry no more
    tokens than its tier's token bucket holds: the rate-limit page says each bucket is replenished
    "up to your maximum limit", so a request whose counted input (``input_tokens`` less the
    ``cached_share``, fraction 0-1) or output exceeds the per-minute limit is cut down to it (the
    heaviest request that can be admitted). Otherwise :func:`distillbook.core.units.throughput`."""
    counted = min(input_tokens * (1 - cached_share), input_tokens_per_minute)
    out = min(output_tokens, output_tokens_per_minute)
    return throughput(requests_per_minute, input_tokens_per_minute, counted, 0.0, output_tokens_per_minute, out)


def capped_tier_minutes(
    times: pd.DataFrame,
    rate_limits: pd.DataFrame,
    tokens_in: Range,
    tokens_out: Range,
    cached: Range,
    moonshot: Range,
    average: float,
    requests_per_exchange: Range,
) -> pd.DataFrame:
    """The counting chapter's :func:`account_tier_minutes` frame with ``minutes_high`` (the slow
    end: most tokens, none cached, most requests per exchange, fewest Moonshot accounts) recomputed
    at each tier's :func:`admitted_rate`, so that no request heavier than its tier admits is
    counted as sent slowly (minutes). ``average``: the average account's exchanges; ``moonshot``:
    Moonshot's exchanges per account (the high end is the fewest accounts). Also adds
    ``slow_input_tokens``, the input tokens a request of the slow end carries at that tier."""
    out = times.copy()
    limits = rate_limits.set_index("tier")
    for i, row in out.iterrows():
        tier = limits.loc[row["tier"]]
        rate = admitted_rate(
            float(tier["requests_per_minute"]),
            float(tier["input_tokens_per_minute"]),
            float(tier["output_tokens_per_minute"]),
            tokens_in.high,
            tokens_out.high,
            cached.low,
        )
        share = moonshot.high if row["case"] == MOONSHOT_CASE else average
        out.loc[i, "minutes_high"] = share * requests_per_exchange.high / rate
        out.loc[i, "slow_input_tokens"] = min(tokens_in.high * (1 - cached.low), float(tier["input_tokens_per_minute"]))
    return out


#: The cases of the counting chapter's :func:`account_tier_minutes` frame.
AVERAGE_CASE = "average account, all three labs"
MOONSHOT_CASE = "Moonshot account"


def binding_phrase(bindings: list[str], names: dict[str, str]) -> str:
    """Which limit binds first, in words (``names`` maps each limit to its name on the page):
    one name when the same limit binds at every tier."""
    distinct = list(dict.fromkeys(bindings))
    return names[distinct[0]] if len(distinct) == 1 else "a different limit at different tiers"


def days_text(days: float) -> str:
    """A number of days in words with its number: "1 day", "7 days"."""
    return f"{days:,.0f} day" if days == 1 else f"{days:,.0f} days"


def compared(value: float, other: float) -> str:
    """ "fewer than", "as many as" or "more than" ``other``."""
    return "fewer than" if value < other else "as many as" if value == other else "more than"


def account_numbers(
    times: pd.DataFrame, moonshot: Range, accounts_total: int, window: Range, slow_tokens_minutes: float
) -> dict:
    """Section "Account arithmetic": the sending times and the accounts the volumes need.

    ``times``: the counting chapter's :func:`account_tier_minutes` frame with the requests per
    exchange's range (its ``minutes`` at one request an exchange, ``minutes_high`` at the slow end of
    every assumption); ``moonshot``: Moonshot's exchanges per account (a Range); ``window``: the
    campaign's length in days (a Range); ``slow_tokens_minutes``: minutes a Moonshot account at the
    fewest accounts needs at the entry tier when each of the most requests per exchange carries the
    default tokens (the issue's middle case)."""
    table = tier_rows(times, moonshot)
    first, top = table.iloc[0], table.iloc[-1]
    entry_average = float(first["average_hours"]) * 60
    entry = times[times["tier"] == first["tier"]].set_index("case")
    slow_average = float(entry.loc[AVERAGE_CASE, "minutes_high"])
    out = {
        "entry_average_hours": float(first["average_hours"]),
        "top_average_minutes": float(top["average_hours"]) * 60,
        "entry_moonshot_days": float(first["moonshot_hours"]) / 24,
        "entry_moonshot_fewest_days": float(first["moonshot_fewest_hours"]) / 24,
        "many_requests_days": slow_tokens_minutes / MINUTES_PER_DAY,
        "slowest_days": float(entry.loc[MOONSHOT_CASE, "minutes_high"]) / MINUTES_PER_DAY,
        "slow_entry_tokens": int(entry.loc[MOONSHOT_CASE, "slow_input_tokens"])
        if "slow_input_tokens" in entry.columns
        else 0,
        "window_default": int(window.default),
        "window_low_text": days_text(window.low),
        "needed_month": accounts_needed(entry_average, accounts_total, window.default),
        "needed_short": accounts_needed(entry_average, accounts_total, window.low),
        "needed_slow_month": accounts_needed(slow_average, accounts_total, window.default),
        "needed_slow_short": accounts_needed(slow_average, accounts_total, window.low),
    }
    for key in ("needed_month", "needed_short", "needed_slow_month", "needed_slow_short"):
        out[f"{key}_vs_report"] = compared(out[key], accounts_total)
    _guard(out["entry_moonshot_fewest_days"] < window.default, "even the largest Moonshot share fits within a month")
    _guard(out["slowest_days"] > window.default, "at the slow end a Moonshot account needs more than a month")
    _guard(table["average_hours"].is_monotonic_decreasing, "higher tiers send faster")
    _guard(
        max(out["needed_month"], out["needed_short"], out["needed_slow_month"])
        < accounts_total
        < out["needed_slow_short"],
        "the request and token limits alone explain as many accounts as the report counts only for heavy requests in a"
        " short window",
    )
    return out


# ---------------------------------------------------------------------------------------------
# Attribution signals and evidence
# ---------------------------------------------------------------------------------------------


def signal_counts(signals: pd.DataFrame) -> dict[str, int]:
    """Counts of the report's signals (statements): ``signals``, the statements it makes that tie
    the traffic to a lab (kind attribution); of those, ``general`` (a kind of signal named for all
    three labs at once) and ``lab_specific`` (a signal applied to one lab, such as request metadata
    matched to one lab's staff), ``published`` (indicators published), ``staff_signals`` (said to
    tie accounts to people at a lab) and ``confirmed`` (confirmed publicly by an independent party);
    and ``coordination``, those that link accounts to one another only."""
    attribution = signals[signals["kind"] == "attribution"]
    general = int((attribution["lab"] == ALL_LABS).sum())
    return {
        "signals": int(len(attribution)),
        "general": general,
        "lab_specific": int(len(attribution)) - general,
        "published": int(attribution["indicators_published"].astype(bool).sum()),
        "staff_signals": int(attribution["names_lab_staff"].astype(bool).sum()),
        "confirmed": int(attribution["confirmed_publicly"].astype(bool).sum()),
        "coordination": int((signals["kind"] == "coordination").sum()),
    }


#: The ``lab`` of a signal the report names for every campaign at once.
ALL_LABS = "all three labs"


def signals_markdown(signals: pd.DataFrame) -> str:
    """The signals as a Markdown table: signal, campaign, what it does, the report's words, what
    is public, what is asserted without published indicators."""
    lines = [
        "| signal | campaign | what it does | the report's words | what is public | "
        "what is asserted without published indicators |",
        "|---|---|---|---|---|---|",
    ]
    for row in signals.itertuples():
        cells = [
            row.signal,
            row.lab,
            SIGNAL_KINDS[row.kind],
            f"“{row.report_wording}”",
            row.public_part,
            row.withheld_part,
        ]
        lines.append("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def prompt_numbers(prompt_rows: pd.DataFrame) -> dict[str, int]:
    """Section "The example prompt": of the report's statements about its example prompt, the
    concessions that it may look benign, the statements that the evidence is the pattern, and of
    those, the ones with published counts or samples (statements)."""
    patterns = prompt_rows[prompt_rows["role"] == "pattern"]
    return {
        "prompt_concessions": int((prompt_rows["role"] == "concession").sum()),
        "prompt_patterns": int(len(patterns)),
        "prompt_documented": int(patterns["documented"].astype(bool).sum()),
    }


def searches_markdown(searches: pd.DataFrame, claim_id: str) -> str:
    """The recorded searches for one claim as a Markdown table: query, where, date, whether it
    counts toward the rule for unsupported verdicts (and why not), found, result."""
    lines = ["| query | searched in | date | counted | found | result |", "|---|---|---|---|---|---|"]
    counted = set(search_rule.counted(searches, claim_id)["id"])
    for row in searches[searches["claim_id"] == claim_id].itertuples():
        date = pd.Timestamp(row.date).date().isoformat()
        counts = "yes" if row.id in counted else f"no: {search_rule.KINDS[row.kind]}"
        cells = [f"`{row.query}`", row.searched_in, date, counts, "yes" if row.found else "no", row.result]
        lines.append("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def search_counts(searches: pd.DataFrame, claim_id: str) -> dict[str, int]:
    """Searches recorded for a claim (``recorded``), those that count toward the rule for
    unsupported verdicts (``counted``: distinct, targeted) and, of those, how many found support
    (``found``)."""
    counted = search_rule.counted(searches, claim_id)
    return {
        "recorded": int((searches["claim_id"] == claim_id).sum()),
        "counted": int(len(counted)),
        "found": int(counted["found"].astype(bool).sum()),
    }


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


def reason_verdict(anthropic_rows: int, independent_rows: int, independent_main: int) -> str:
    """For a stated reason: accurate when Anthropic documents it and an independent source names
    it as the main reason; mostly-accurate when it is documented only as one reason among others,
    or by only one side; unsupported when nothing documents it."""
    if anthropic_rows and independent_main:
        return "accurate"
    if anthropic_rows or independent_rows:
        return "mostly-accurate"
    return "unsupported"


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


def tier_time_chart(times: pd.DataFrame) -> alt.LayerChart:
    """Minutes per account at each tier (log scale), a point at the defaults and a bar over the
    range, from the counting chapter's :func:`account_tier_minutes` frame."""
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
        "For each Claude API usage tier, the minutes one account needs, sending nonstop at the rate its limits "
        "allow at the default tokens per request, to send its share of the exchanges, on a logarithmic axis, for "
        "the average account over all three labs and for a Moonshot account; bars span the assumptions on "
        "Moonshot's account count, tokens per request, caching and requests per exchange."
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
    from_anthropic = rows["from_anthropic"].astype(bool)
    anthropic = int(from_anthropic.sum())
    independent = int(len(rows) - anthropic)
    main = int((~from_anthropic & rows["main_reason"].astype(bool)).sum())
    figures = {"anthropic_rows": anthropic, "independent_rows": independent, "independent_main": main}
    return evidence_verdict(anthropic, independent), figures


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
            "Without the independent sources: the relay software and Google's threat report.",
            (
                Edit("proxies/evidence", "relay-software-pools", "supports_claim", "false"),
                Edit("proxies/evidence", "gtig-api-resale", "supports_claim", "false"),
            ),
        ),
    ),
)
def hydra_exists(data: DataAccess) -> CheckResult:
    """Rule (on ``proxy_evidence``, topic proxy-services, rows published by the claim's as_of date):
    accurate when both Anthropic and an independent source document commercial proxy access with
    pooled accounts; mostly-accurate when only one of the two does; unsupported when neither does.
    The sentence's opening ("The only relatively credible objective phenomenon in the report") is
    the article's judgement of the report, which the rule does not rate."""
    verdict, figures = _evidence_check(data, "proxy-hydra-exists", "proxy-services")
    figures["network_accounts"] = int(data.value("shared/allegation", "proxy-network-accounts"))
    return CheckResult(verdict, figures)


@check(
    rule=(
        "The book gathers evidence on regional restrictions, counting only what was published by "
        "the date up to which evidence was weighed. Accurate when Anthropic's texts document its "
        "restriction on China and an independent source gives it as the main reason for reaching "
        "Claude through an intermediary at all; mostly accurate when independent sources give it "
        "only beside other such reasons (price, shared costs), or when only one side bears on it; "
        "unsupported when neither does."
    ),
    moves=(
        Move(
            "If the relay software had named the restriction as the main reason to run it.",
            (Edit("proxies/evidence", "relay-regional-motive", "main_reason", "true"),),
        ),
        Move(
            "Without Anthropic's texts, the relay software and Google's threat report as sources.",
            (
                Edit("proxies/evidence", "report-no-china-access", "supports_claim", "false"),
                Edit("proxies/evidence", "regions-policy-2025", "supports_claim", "false"),
                Edit("proxies/evidence", "relay-regional-motive", "supports_claim", "false"),
                Edit("proxies/evidence", "gtig-relay-users", "supports_claim", "false"),
            ),
        ),
    ),
)
def regional_blocking(data: DataAccess) -> CheckResult:
    """Rule (on ``proxy_evidence``, topic regional-restriction, rows published by the claim's as_of
    date): accurate when Anthropic's own texts document the restriction on China and an independent
    source gives it as the main reason for reaching Claude through an intermediary at all;
    mostly-accurate when independent sources give it only beside other such reasons, or only one
    side bears on it; unsupported when neither does. A reason that compares one intermediary with
    another (the relay README's privacy and stability, against mirror sites) is not such a reason:
    it presupposes an intermediary, and the evidence rows record only the rival reasons."""
    verdict, figures = _evidence_check(data, "proxy-regional-blocking", "regional-restriction")
    verdict = reason_verdict(figures["anthropic_rows"], figures["independent_rows"], figures["independent_main"])
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
        "The book lists the statements in which Anthropic's report says its signals tie the "
        "campaigns to each lab, and reads the sentence's first clause as a statement about the "
        "evidence made public. Inaccurate when the indicators behind any of them are published, so "
        "outsiders could check; misleading when an independent party has publicly confirmed a link; "
        "otherwise accurate: links the report asserts, even to named people, stay unpublished and "
        "unconfirmed."
    ),
    moves=(
        Move(
            "If the report had published indicators for one signal.",
            (Edit("proxies/attribution_signals", "ip-correlation", "indicators_published", "true"),),
        ),
        Move(
            "If an industry partner had publicly confirmed the attribution.",
            (Edit("proxies/attribution_signals", "partner-corroboration", "confirmed_publicly", "true"),),
        ),
    ),
)
def attribution_public(data: DataAccess) -> CheckResult:
    """Rule (on ``attribution_signals``, the statements in which the report says a signal ties the
    traffic to a lab): inaccurate when at least one statement's indicators are published, so that
    outsiders could check the attribution; otherwise misleading when an independent party has
    publicly confirmed a link (the sentence would then deny evidence that is public); otherwise
    accurate. Links said to reach named people (``staff_signals``) make the allegation more
    specific; unpublished and unconfirmed, they do not make it conclusive to anyone outside
    Anthropic, so they do not lower the verdict (second edition; the first lowered it on them)."""
    counts = signal_counts(data.table("proxies/attribution_signals"))
    if counts["published"] > 0:
        verdict = "inaccurate"
    elif counts["confirmed"] > 0:
        verdict = "misleading"
    else:
        verdict = "accurate"
    return CheckResult(verdict, counts)


@check(
    rule=(
        "The book reads what Anthropic's report says about its example prompt. The sentence, read "
        "whole, judges the prompt alone and says so. Accurate when the pattern across accounts on "
        "which the report rests its case is only asserted, without published exact counts or samples "
        "of the prompts, so the hedge leaves that case open; misleading when that pattern is "
        "documented, which the rebuttal would pass over."
    ),
    moves=(
        Move(
            "If the report had published counts or samples of the prompt's variations.",
            (Edit("proxies/report_prompt", "pattern-volume", "documented", "true"),),
        ),
    ),
)
def prompt_rebuttal(data: DataAccess) -> CheckResult:
    """Rule (on ``report_prompt``): misleading when the pattern the report rests on is documented
    (a pattern row with published exact counts or samples of the prompts), which a rebuttal of the
    prompt alone passes over; accurate otherwise: the sentence judges the prompt "based on this
    alone", which its hedge says, and that case stays open. Whether the report itself concedes that
    the prompt looks benign no longer lowers the verdict (second edition): a rebuttal that agrees
    with the report's own caveat is no less right for it."""
    counts = prompt_numbers(data.table("proxies/report_prompt"))
    figures = {
        "concessions": counts["prompt_concessions"],
        "pattern_statements": counts["prompt_patterns"],
        "documented": counts["prompt_documented"],
    }
    verdict = "misleading" if figures["documented"] > 0 else "accurate"
    return CheckResult(verdict, figures)
