"""The double-standards chapter (article section 5): copyright, the closing web, who has used whose
outputs and how the provider answered, terms of service and timing, with the checks of the
section's ledger rows.

Units: money is US dollars; shares are fractions of one; dates are calendar days; everything else
is a count (clauses, documents, questions, uses of outputs, searches). The scale of the alleged
exchanges is the counting chapter's subject; this chapter does not convert them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from distillbook.core import searches as search_rule
from distillbook.core.ledger import CheckResult, DataAccess, Edit, LedgerError, Move, check

#: The two labs the article names as having scraped the web for their first training data.
SCRAPING_LABS = ("Anthropic", "OpenAI")
#: The accuser, whose terms the article calls vague.
ACCUSER = "Anthropic"


# ---------------------------------------------------------------------------------------------
# Small helpers: cells, dates, words that agree with a count
# ---------------------------------------------------------------------------------------------


def value_of(frame: pd.DataFrame, row_id: str, column: str = "value") -> float:
    """One numeric cell of a table keyed by ``id``, as a plain float (in the row's unit)."""
    match = frame.loc[frame["id"] == row_id, column]
    if match.empty:
        raise KeyError(f"no row {row_id!r}")
    return float(match.iloc[0])


def day_text(day: pd.Timestamp | dt.date) -> str:
    """A date as readers see it: ``2025-08-01`` -> ``1 August 2025``."""
    return f"{day.day} {day:%B %Y}"


def event_date(events: pd.DataFrame, event_id: str) -> str:
    """The date of one row of ``events`` as text (``1 August 2025``)."""
    match = events.loc[events["id"] == event_id, "date"]
    if match.empty:
        raise KeyError(f"no event {event_id!r}")
    return day_text(match.iloc[0])


def days_between(earlier: pd.Timestamp | dt.date, later: pd.Timestamp | dt.date) -> int:
    """Calendar days from ``earlier`` to ``later`` (negative when ``later`` comes first)."""
    return int((pd.Timestamp(later) - pd.Timestamp(earlier)).days)


def agree(count: int, singular: str, plural: str) -> str:
    """The word that agrees with ``count``: ``singular`` for exactly one, else ``plural``."""
    return singular if count == 1 else plural


def per_work_payment(amount_usd: float, works: float) -> float:
    """Settlement fund divided by the works it covers (US dollars per work)."""
    if works <= 0:
        raise ValueError("works must be positive")
    return float(amount_usd) / float(works)


def copyright_facts(figures: pd.DataFrame) -> dict[str, int | float]:
    """The figures the copyright section shows: the Bartz settlement fund (billions of US
    dollars), the works it covers and the payment per work (US dollars), the pirated books
    downloaded (count) and the Kadrey plaintiffs (count)."""
    fund = value_of(figures, "bartz-settlement-amount")
    works = value_of(figures, "bartz-settlement-works")
    return {
        "settlement_bn": fund / 1e9,
        "settlement_works": int(works),
        "settlement_per_work": per_work_payment(fund, works),
        "pirated_books": int(value_of(figures, "bartz-pirated-books")),
        "kadrey_authors": int(value_of(figures, "kadrey-plaintiffs")),
    }


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; a ``|`` inside a cell is escaped."""
    cell = lambda text: str(text).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Copyright: how the labs obtained their data, and what shows it held copyrighted works
# ---------------------------------------------------------------------------------------------


def practice_counts(practices: pd.DataFrame, labs: tuple[str, ...] = SCRAPING_LABS) -> dict[str, int]:
    """Counts over ``training_practices`` for the named labs:

    * ``labs_documented``: labs documented (self-reported or in a court's record) as training on a
      crawl of the public web;
    * ``copyrighted_scraped``: rows of crawled data shown to hold copyrighted works (by a court's
      record, a rights holder's allegation in a suit, or the statute);
    * ``copyrighted_not_scraped``: rows of copyrighted works obtained otherwise (downloaded,
      bought, or not established);
    * ``suits``: rows that are a rights holder's allegation in a suit."""
    mine = practices[practices["company"].isin(labs)]
    documented = mine[mine["finding"].isin(["self-reported", "court-finding"])]
    crawled = documented[documented["acquisition"] == "scraping"]
    copyrighted = mine[mine["copyrighted"] != "not-stated"]
    return {
        "labs_documented": int(crawled["company"].nunique()),
        "copyrighted_scraped": int((copyrighted["acquisition"] == "scraping").sum()),
        "copyrighted_not_scraped": int((copyrighted["acquisition"] != "scraping").sum()),
        "suits": int(((mine["finding"] == "allegation") & (mine["copyrighted"] == "alleged")).sum()),
    }


# ---------------------------------------------------------------------------------------------
# Terms of service: the clauses, and the boundary questions they leave
# ---------------------------------------------------------------------------------------------


def clause_stance(row: pd.Series) -> str:
    """What one clause does, in a few words, for the table."""
    if row["permits_distillation"]:
        return "allows training on outputs (distillation)"
    if row["forbids_training_on_outputs"]:
        return "restricts training on outputs" + (", for competing products" if row["turns_on_competing"] else "")
    if row["forbids_extraction"]:
        return "restricts harvesting or extracting outputs"
    return "another restriction"


def clauses_markdown(clauses: pd.DataFrame) -> str:
    """The clauses as a Markdown table, one row per clause and document, dated, by provider."""
    ordered = clauses.sort_values(["provider", "effective"], kind="stable")
    rows = [
        [
            row["provider"],
            f"{row['document']}, {row['clause']} (from {day_text(row['effective'])})",
            f"“{row['wording']}”",
            clause_stance(row),
            row["binds"],
        ]
        for _, row in ordered.iterrows()
    ]
    headers = ["provider", "document, clause (in force from)", "the clause, verbatim", "what it does", "whom it binds"]
    return markdown_table(headers, rows)


def clause_counts(clauses: pd.DataFrame, provider: str = ACCUSER) -> dict[str, int]:
    """Counts over one provider's clauses: ``forbidding`` (clauses whose words forbid training on
    its outputs or helping someone to), ``documents`` (documents they sit in), ``naming`` (of
    them, those naming distillation), ``free_of_competing`` (of them, those that do not turn on
    the undefined word "competing"), ``extraction`` (clauses against harvesting outputs)."""
    own = clauses[clauses["provider"] == provider]
    forbidding = own[own["forbids_training_on_outputs"].astype(bool)]
    return {
        "forbidding": int(len(forbidding)),
        "documents": int(forbidding["document"].nunique()),
        "naming": int(forbidding["names_distillation"].astype(bool).sum()),
        "free_of_competing": int((~forbidding["turns_on_competing"].astype(bool)).sum()),
        "extraction": int(own["forbids_extraction"].astype(bool).sum()),
    }


def question_counts(questions: pd.DataFrame) -> dict[str, int]:
    """Counts over the boundary questions: of those that arise for the alleged campaigns, the
    questions about conduct left open or disputed (``conduct_open``) and answered
    (``conduct_answered``), and the questions about who is bound left open (``party_open``); and
    the questions left open or disputed that do not arise for them (``edges_open``)."""
    arises = questions["arises_for_alleged"].astype(bool)
    unanswered = questions["status"] != "answered"
    conduct = questions["kind"] == "conduct"
    return {
        "conduct_open": int((arises & conduct & unanswered).sum()),
        "conduct_answered": int((arises & conduct & ~unanswered).sum()),
        "party_open": int((arises & ~conduct & unanswered).sum()),
        "edges_open": int((~arises & unanswered).sum()),
    }


#: How the boundary questions' status reads in the table.
STATUS_WORDS = {"answered": "yes", "open": "no", "disputed": "disputed in public"}


def questions_markdown(questions: pd.DataFrame) -> str:
    """The boundary questions as a Markdown table, those that arise for the alleged campaigns
    first."""
    ordered = questions.assign(_first=~questions["arises_for_alleged"].astype(bool)).sort_values(
        "_first", kind="stable"
    )
    rows = [
        [
            row["question"],
            "yes" if row["arises_for_alleged"] else "no",
            "who is bound" if row["kind"] == "party" else "what is forbidden",
            STATUS_WORDS[row["status"]],
            row["reason"],
        ]
        for _, row in ordered.iterrows()
    ]
    headers = ["question", "arises for the alleged campaigns?", "about", "do the terms answer it?", "why"]
    return markdown_table(headers, rows)


# ---------------------------------------------------------------------------------------------
# Who has used whose outputs, and how the provider answered
# ---------------------------------------------------------------------------------------------

#: How a provider's response reads in the table.
RESPONSE_WORDS = {
    "attack": "called an attack, illicit extraction",
    "terms-violation": "called a breach of its terms; access cut",
    "none-found": "no accusation by the provider found",
}


def use_counts(uses: pd.DataFrame) -> dict[str, int]:
    """Counts over ``output_uses``: ``uses`` (rows), ``labelled`` (the provider called the use an
    attack or illicit extraction), ``labelled_concealed`` and ``labelled_open`` (of those, with
    and without alleged concealment behind fraudulent accounts or proxies), ``open`` (uses with
    no concealment alleged), ``open_unlabelled``
    (uses with no alleged concealment that drew no such label), ``terms_violation`` (uses the
    provider called a breach of its terms)."""
    labelled = uses["provider_response"] == "attack"
    concealed = uses["concealment_alleged"].astype(bool)
    return {
        "uses": int(len(uses)),
        "labelled": int(labelled.sum()),
        "labelled_concealed": int((labelled & concealed).sum()),
        "labelled_open": int((labelled & ~concealed).sum()),
        "open": int((~concealed).sum()),
        "open_unlabelled": int((~labelled & ~concealed).sum()),
        "terms_violation": int((uses["provider_response"] == "terms-violation").sum()),
    }


def uses_markdown(uses: pd.DataFrame) -> str:
    """The uses of outputs as a Markdown table, by date (the notes are the page's prose, so that
    the table fits the page's width)."""
    rows = [
        [
            day_text(row["date"]),
            row["user"],
            row["provider"],
            row["what"],
            "yes" if row["concealment_alleged"] else "no",
            RESPONSE_WORDS[row["provider_response"]],
        ]
        for _, row in uses.sort_values("date", kind="stable").iterrows()
    ]
    headers = ["when", "who", "whose outputs", "what", "concealment alleged?", "the provider's response"]
    return markdown_table(headers, rows)


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


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


def accusation_facts(accusations: pd.DataFrame) -> dict[str, int | str]:
    """What the timing paragraph states: how many accusations, over how many days (calendar
    days), how many on the first day, the first date and the date of Anthropic's report as text,
    and the size of Google's case study (prompts, as reported)."""
    gaps = accusation_gaps(accusations)
    google = gaps.loc[gaps["accuser"] == "Google", "volume"]
    if google.empty:
        raise KeyError("no accusation by Google")
    return {
        "accusation_count": int(len(gaps)),
        "span_days": int(gaps["days_after_first"].iloc[-1]),
        "same_day_count": int((gaps["days_after_first"] == 0).sum()),
        "first_date": day_text(gaps["date"].iloc[0]),
        "report_date": day_text(report_day(gaps)),
        "gtig_prompts": int(google.iloc[0]),
    }


def report_day(accusations: pd.DataFrame) -> pd.Timestamp:
    """The date of Anthropic's report, from the accusations table."""
    match = accusations.loc[accusations["accuser"] == ACCUSER, "date"]
    if match.empty:
        raise KeyError(f"no accusation by {ACCUSER}")
    return pd.Timestamp(match.iloc[0])


def policy_timing(events: pd.DataFrame, accusations: pd.DataFrame) -> dict[str, int | str]:
    """The export-control dates as text (``h200_announced``, ``h200_rule``) and the calendar days
    from the Commerce Department's rule to Anthropic's report (``days_rule_to_report``)."""
    rule = events.loc[events["id"] == "h200-rule", "date"]
    if rule.empty:
        raise KeyError("no event 'h200-rule'")
    return {
        "h200_announced": event_date(events, "h200-announced"),
        "h200_rule": event_date(events, "h200-rule"),
        "days_rule_to_report": days_between(rule.iloc[0], report_day(accusations)),
    }


# ---------------------------------------------------------------------------------------------
# Checks of the section's ledger rows
# ---------------------------------------------------------------------------------------------


def unsupported_after_search(searches: pd.DataFrame, claim_id: str, table: str) -> str:
    """The only way a rule of this chapter reaches *unsupported*: through the recorded searches
    (:func:`distillbook.core.searches.unsupported`, which raises unless enough distinct targeted
    searches were made). If a counted search found support that ``table`` does not record, the
    data must be completed first, so this raises :class:`LedgerError` naming the claim."""
    none_found, _ = search_rule.unsupported(searches, claim_id)
    if none_found:
        return "unsupported"
    raise LedgerError(
        f"claim {claim_id!r}: a recorded search found support that data/double-standards/{table}.csv lacks; "
        "record it there before the rule can judge"
    )


@check(
    rule=(
        "The book checks how Anthropic and OpenAI obtained their training data. Unsupported "
        "(after searches recorded for the claim) unless both are documented, by their own "
        "statements or a court's record, as training on a crawl of the public web. Then accurate "
        "when the crawled data is shown to hold copyrighted works: by the statute, which protects "
        "original text once fixed, by a court, or by a rights holder's suit; mostly accurate when "
        "the only copyrighted works on record were downloaded or bought."
    ),
    moves=(
        Move(
            "If neither crawl were shown to hold copyrighted works and the New York Times articles had been "
            "downloaded rather than crawled.",
            (
                Edit("double-standards/training_practices", "anthropic-web-crawler", "copyrighted", "not-stated"),
                Edit("double-standards/training_practices", "openai-gpt3-common-crawl", "copyrighted", "not-stated"),
                Edit("double-standards/training_practices", "openai-nyt-articles", "acquisition", "download"),
            ),
        ),
    ),
)
def scraping_claim(data: DataAccess) -> CheckResult:
    """Rule for "was itself obtained by large-scale scraping of public content ... (even including
    copyrighted content)", applied to ``training_practices``:

    * unsupported (only through the searches recorded for ``ds-scraping``): fewer than both labs
      are documented (self-reported or in a court's record) as training on a crawl of the web;
    * accurate: both are, and some crawled data of either lab is shown to hold copyrighted works,
      by the statute (original text is protected once fixed, so a large crawl holds such works), a
      court's record, or a rights holder's allegation in a suit (the parenthesis says only that
      the content included copyrighted works, not that a court found infringement);
    * mostly-accurate: both are, but the only copyrighted works on record were obtained otherwise.

    Figures: labs documented as crawling (count), rows of copyrighted works in crawled data and
    obtained otherwise (counts), rights holders' suits on record (count), and the pirated books of
    the Bartz case (count)."""
    practices = data.table("double-standards/training_practices")
    searches = data.table("ledger/searches")
    counts = practice_counts(practices)
    if counts["labs_documented"] < len(SCRAPING_LABS):
        verdict = unsupported_after_search(searches, "ds-scraping", "training_practices")
    elif counts["copyrighted_scraped"] > 0:
        verdict = "accurate"
    elif counts["copyrighted_not_scraped"] > 0:
        verdict = "mostly-accurate"
    else:
        verdict = unsupported_after_search(searches, "ds-scraping", "training_practices")
    pirated = data.value("double-standards/copyright_figures", "bartz-pirated-books")
    return CheckResult(verdict, {**counts, "pirated_books": int(pirated)})


@check(
    rule=(
        "The book compares the claim with audits of the consent signals web sites give crawlers. "
        "Unsupported (after searches recorded for the claim) when no audit measures any share of "
        "web data as restricted. Otherwise accurate when an estimate attributes the restrictions "
        "to AI developers' crawling; mostly accurate when the restrictions are only observed to "
        "single out AI developers, with no estimate of cause (“precisely” claims more than that); "
        "unsupported, after the same searches, when neither is on record."
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

    * unsupported (only through the searches recorded for ``ds-closing-web``): no measured share
      of restricted web data greater than zero, or no evidence about whom the restrictions target;
    * accurate: a measured rise and a causal estimate attributing it to AI developers' crawling;
    * mostly-accurate: a measured rise, and restrictions observed to single out AI developers,
      but no estimate of cause ("precisely" claims more than the audit measures).

    Figures: shares (fractions) of C4's tokens and of its critical sources on domains whose
    robots.txt fully restricts at least one AI organisation's crawler, of C4 restricted by terms of
    service, and of the tokens of C4's largest domains restricting OpenAI's and Anthropic's
    crawlers."""
    consent = data.table("double-standards/web_consent")
    searches = data.table("ledger/searches")
    measured = consent[(consent["kind"] == "measurement") & (consent["unit"] == "fraction") & (consent["value"] > 0)]
    evidence = set(consent.loc[consent["kind"] == "attribution", "evidence"])
    if measured.empty:
        verdict = unsupported_after_search(searches, "ds-closing-web", "web_consent")
    elif "causal-estimate" in evidence:
        verdict = "accurate"
    elif "observed-targeting" in evidence:
        verdict = "mostly-accurate"
    else:
        verdict = unsupported_after_search(searches, "ds-closing-web", "web_consent")
    return CheckResult(
        verdict,
        {
            "tokens_share": value_of(consent, "c4-tokens-robots"),
            "critical_share": value_of(consent, "c4-critical-robots"),
            "tos_share": value_of(consent, "c4-tos"),
            "openai_share": value_of(consent, "headc4-openai"),
            "anthropic_share": value_of(consent, "headc4-anthropic"),
        },
    )


@check(
    rule=(
        "The book lists known uses of one AI provider's outputs to train another's models and "
        "how the provider answered. Accurate when a provider called an open use, with no "
        "concealment alleged, an attack or illicit extraction; misleading when that label is on "
        "record only for uses said to hide behind fraudulent accounts or proxies while open uses "
        "drew no such charge; mostly accurate when no open use is on record; unsupported, after "
        "searches recorded for the claim, when no use drew the label."
    ),
    moves=(
        Move(
            "If OpenAI had called Stanford's Alpaca, trained openly on its outputs, an attack.",
            (Edit("double-standards/output_uses", "alpaca", "provider_response", "attack"),),
        ),
    ),
)
def immediately_labeled(data: DataAccess) -> CheckResult:
    """Rule for "they are immediately labeled as “illegal extraction” and “attacks”" (when other
    companies use output data from these models), applied to ``output_uses``:

    * accurate: a provider called a use with no alleged concealment an attack or illicit
      extraction (the label would then follow the use of outputs itself);
    * misleading: the label is on record only for uses the provider says hid behind fraudulent
      accounts or proxies, and at least one open use drew no such charge (the label follows the
      means alleged, not the use of outputs);
    * mostly-accurate: the label is on record only for concealed uses, and no open use is on
      record to compare;
    * unsupported (only through the searches recorded for ``ds-immediately-labeled``): no use drew
      the label.

    Figures: uses on record, those labelled, labelled with and without alleged concealment, open
    uses not labelled, and uses called a breach of terms (counts)."""
    uses = data.table("double-standards/output_uses")
    searches = data.table("ledger/searches")
    counts = use_counts(uses)
    if counts["labelled_open"] > 0:
        verdict = "accurate"
    elif counts["labelled"] > 0:
        verdict = "misleading" if counts["open_unlabelled"] > 0 else "mostly-accurate"
    else:
        verdict = unsupported_after_search(searches, "ds-immediately-labeled", "output_uses")
    return CheckResult(verdict, counts)


@check(
    rule=(
        "The book reads every clause of Anthropic's terms and the boundary questions they leave, "
        "each marked by whether it arises for the campaigns the report alleges. Accurate when no "
        "clause forbids training on Claude's outputs; mostly accurate when every such clause "
        "turns on the undefined word “competing”, or when a question about what is forbidden "
        "that arises for the alleged campaigns is open or disputed; misleading when those are "
        "all answered and what stays open for the campaigns is who was bound."
    ),
    moves=(
        Move(
            "If the Usage Policy did not forbid training on outputs, leaving only clauses that turn on “competing”.",
            (
                Edit(
                    "double-standards/tos_clauses",
                    "anthropic-usage-policy-distillation",
                    "forbids_training_on_outputs",
                    "false",
                ),
            ),
        ),
        Move(
            "If the labs said they had only evaluated Claude, bringing the disputed benchmarking edge into the alleged case.",
            (Edit("double-standards/tos_questions", "benchmarking", "arises_for_alleged", "true"),),
        ),
    ),
)
def tos_vagueness(data: DataAccess) -> CheckResult:
    """Rule for "the boundaries in Terms of Service (ToS) are extremely vague", applied to the
    accuser's (Anthropic's) clauses in ``tos_clauses`` and the questions in ``tos_questions``:

    * accurate: no Anthropic clause forbids training models on its outputs;
    * mostly-accurate: every clause that forbids it turns on the undefined word "competing", or a
      question about what the terms forbid that arises for the alleged campaigns is open or
      disputed (the vagueness then reaches the conduct alleged);
    * misleading: a clause forbids it without turning on "competing", and every question about
      conduct that arises for the alleged campaigns is answered; what stays open for them (which
      terms governed which account, whether the labs were ever parties) is who was bound, while
      the vague edges the article points to (its GitHub bystander, "competing", benchmarking) do
      not arise for them.

    Figures: Anthropic's clauses that forbid training on its outputs, the documents they sit in,
    those naming distillation and those free of "competing"; conduct questions open and answered,
    party questions open, and open edges that do not arise for the campaigns (counts); and the
    report's account figure."""
    clauses = data.table("double-standards/tos_clauses")
    questions = data.table("double-standards/tos_questions")
    counts = clause_counts(clauses)
    asked = question_counts(questions)
    accounts = data.value("shared/allegation", "accounts-total")
    if counts["forbidding"] == 0:
        verdict = "accurate"
    elif counts["free_of_competing"] == 0 or asked["conduct_open"] > 0:
        verdict = "mostly-accurate"
    else:
        verdict = "misleading"
    return CheckResult(
        verdict,
        {
            "anthropic_forbidding": counts["forbidding"],
            "anthropic_documents": counts["documents"],
            "anthropic_naming": counts["naming"],
            "free_of_competing": counts["free_of_competing"],
            **asked,
            "accounts": int(accounts),
        },
    )


# ---------------------------------------------------------------------------------------------
# Words the page takes from the data
# ---------------------------------------------------------------------------------------------


def naming_documents(clauses: pd.DataFrame, provider: str = ACCUSER) -> str:
    """The documents whose clauses forbid training on the provider's outputs and name
    distillation, joined for a sentence ("the Usage Policy"; "none of its documents" if none)."""
    own = clauses[(clauses["provider"] == provider) & clauses["forbids_training_on_outputs"].astype(bool)]
    names = list(dict.fromkeys(own.loc[own["names_distillation"].astype(bool), "document"]))
    if not names:
        return "none of its documents"
    the = [f"the {name}" for name in names]
    return the[0] if len(the) == 1 else ", ".join(the[:-1]) + " and " + the[-1]


def label_follows(counts: dict[str, int]) -> str:
    """What the attack label follows on the record (``use_counts`` in): the use of outputs itself
    when an open use drew it, the means alleged when only concealed uses drew it and open uses did
    not, and nothing that can be told apart otherwise."""
    if counts["labelled_open"] > 0:
        return "the use of outputs itself"
    if counts["labelled"] > 0 and counts["open_unlabelled"] > 0:
        return "the means alleged, not the use of outputs as such"
    return "nothing the record can tell apart"


def what_stays_open(asked: dict[str, int]) -> str:
    """What stays open for the alleged campaigns (``question_counts`` in), in words: who was bound,
    what was forbidden, both, or neither."""
    conduct, party = asked["conduct_open"] > 0, asked["party_open"] > 0
    if conduct and party:
        return "both what was forbidden and who was bound"
    if conduct:
        return "what was forbidden"
    if party:
        return "who was bound"
    return "nothing the terms leave unanswered"
