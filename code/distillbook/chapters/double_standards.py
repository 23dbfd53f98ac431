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
    if row["restricts_access_means"]:
        return "restricts the means of access (accounts, bans, regions)"
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
    the undefined word "competing"), ``extraction`` (clauses against harvesting outputs), ``means``
    (clauses restricting the means of access the report alleges: accounts, bans, regions)."""
    own = clauses[clauses["provider"] == provider]
    forbidding = own[own["forbids_training_on_outputs"].astype(bool)]
    return {
        "forbidding": int(len(forbidding)),
        "documents": int(forbidding["document"].nunique()),
        "naming": int(forbidding["names_distillation"].astype(bool).sum()),
        "free_of_competing": int((~forbidding["turns_on_competing"].astype(bool)).sum()),
        "extraction": int(own["forbids_extraction"].astype(bool).sum()),
        "means": int(own["restricts_access_means"].astype(bool).sum()),
    }


def question_counts(questions: pd.DataFrame) -> dict[str, int]:
    """Counts over the boundary questions: of those that arise for the alleged campaigns, the
    questions about conduct left open or disputed (``conduct_open``) and answered
    (``conduct_answered``), and the questions about who is bound left open (``party_open``); the
    questions left open or disputed that do not arise for them (``edges_open``); the core questions
    (may an account holder train on Claude's outputs?) left open or disputed (``core_open``); and
    every question left open or disputed (``unanswered``)."""
    arises = questions["arises_for_alleged"].astype(bool)
    unanswered = questions["status"] != "answered"
    conduct = questions["kind"] == "conduct"
    core = questions["core"].astype(bool)
    return {
        "conduct_open": int((arises & conduct & unanswered).sum()),
        "conduct_answered": int((arises & conduct & ~unanswered).sum()),
        "party_open": int((arises & ~conduct & unanswered).sum()),
        "edges_open": int((~arises & unanswered).sum()),
        "core_open": int((core & unanswered).sum()),
        "unanswered": int(unanswered.sum()),
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
    "attack": "called an attack or illicit extraction",
    "terms-violation": "called a breach of its terms or policies; access cut or suspended",
    "distillation-alleged": "said it had evidence of distillation; no attack label found",
    "none-found": "no accusation by the provider found",
}
#: How the kind of user reads in the table (a company other than the provider reads as its name alone).
USER_WORDS = {"company": "", "partner": "the provider's investor and partner", "academic": "a research group"}
#: The article's own word for what the labels say ("illegal extraction"); the rule looks for it
#: in the providers' words.
ARTICLE_WORD = "illegal"


def training_uses(uses: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``output_uses`` that are uses of outputs to train a model, documented or
    alleged, leaving out uses with no training alleged (coding, evaluation) and allegations the
    user denied that no one has shown."""
    return uses[uses["training"].astype(bool) & (uses["finding"] != "denied-allegation")]


def use_counts(uses: pd.DataFrame) -> dict[str, int]:
    """Counts over ``output_uses``: ``uses`` (rows), ``training`` (uses of outputs to train a
    model, documented or alleged, without denied allegations); over those training uses,
    ``labelled`` (the provider called the use an attack or illicit extraction),
    ``labelled_concealed`` and ``labelled_open`` (of those, with and without alleged concealment
    behind fraudulent accounts or proxies), ``open`` (no concealment alleged), ``open_unlabelled``
    (no concealment alleged and no such label), ``lesser_company`` (uses by companies other than
    the provider's partner that drew a lesser answer or none), ``lesser_response`` (uses the
    provider answered, but not with the label); over every row, ``not_training`` (uses with no
    training alleged), ``terms_violation`` (uses the provider called a breach of its terms), and
    ``article_word`` (labelled uses where the provider's own words include the article's
    "illegal")."""
    train = training_uses(uses)
    labelled = train["provider_response"] == "attack"
    concealed = train["concealment_alleged"].astype(bool)
    answered = train["provider_response"].isin(["terms-violation", "distillation-alleged"])
    words = train["label_words"].fillna("").str.casefold()
    return {
        "uses": int(len(uses)),
        "training": int(len(train)),
        "labelled": int(labelled.sum()),
        "labelled_concealed": int((labelled & concealed).sum()),
        "labelled_open": int((labelled & ~concealed).sum()),
        "open": int((~concealed).sum()),
        "open_unlabelled": int((~labelled & ~concealed).sum()),
        "lesser_company": int((~labelled & (train["user_kind"] == "company")).sum()),
        "lesser_response": int(answered.sum()),
        "not_training": int((~uses["training"].astype(bool)).sum()),
        "terms_violation": int((uses["provider_response"] == "terms-violation").sum()),
        "article_word": int((labelled & words.str.contains(ARTICLE_WORD)).sum()),
    }


def uses_markdown(uses: pd.DataFrame) -> str:
    """The uses of outputs as a Markdown table, by date (what was used, and the notes, are the
    page's prose, so that the table fits the page's width)."""
    rows = [
        [
            day_text(row["date"]),
            row["user"] + (f" ({USER_WORDS[row['user_kind']]})" if USER_WORDS[row["user_kind"]] else ""),
            row["provider"],
            ("denied" if row["finding"] == "denied-allegation" else "yes") if row["training"] else "no",
            "yes" if row["concealment_alleged"] else "no",
            RESPONSE_WORDS[row["provider_response"]],
        ]
        for _, row in uses.sort_values("date", kind="stable").iterrows()
    ]
    headers = ["when", "who", "whose outputs", "training?", "fraud or proxies alleged?", "the provider's answer"]
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
    """The export-control dates as text (``h200_announced``, ``h200_rule``), the date of Anthropic's
    chief executive's remark on them (``davos_date``), and the calendar days
    from the Commerce Department's rule to Anthropic's report (``days_rule_to_report``)."""
    rule = events.loc[events["id"] == "h200-rule", "date"]
    if rule.empty:
        raise KeyError("no event 'h200-rule'")
    return {
        "h200_announced": event_date(events, "h200-announced"),
        "h200_rule": event_date(events, "h200-rule"),
        "davos_date": event_date(events, "davos-remark"),
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
        "The book checks how Anthropic and OpenAI obtained their training data. Accurate when both "
        "are documented, by their own statements or a court's record, as training on a crawl of "
        "the public web, and the crawled data is shown to hold copyrighted works: by the statute, "
        "which protects original text once fixed (this settles the parenthesis for any large "
        "crawl), by a court, or by a rights holder's suit. Mostly accurate when only one of the "
        "two is so documented, or when the only copyrighted works on record were downloaded or "
        "bought; unsupported, after searches recorded for the claim, when neither is documented."
    ),
    moves=(
        Move(
            "If Anthropic's own statement about its crawler were not on record, leaving the crawl documented "
            "for OpenAI only.",
            (Edit("double-standards/training_practices", "anthropic-web-crawler", "finding", "allegation"),),
        ),
    ),
)
def scraping_claim(data: DataAccess) -> CheckResult:
    """Rule for "was itself obtained by large-scale scraping of public content ... (even including
    copyrighted content)", applied to ``training_practices``. The part that moves with the
    evidence is the crawling: whether each lab is documented (self-reported or in a court's
    record) as training on a crawl of the web. The parenthesis is settled by the statute for any
    large crawl (original text is protected once fixed); courts and suits add evidence about
    particular works.

    * accurate: both labs are documented as crawling, and some crawled data is shown to hold
      copyrighted works (the statute, a court's record, or a rights holder's suit);
    * mostly-accurate: only one of the two labs is documented as crawling (the sentence is right
      for one of the companies it names), or both are but the only copyrighted works on record
      were obtained otherwise (downloaded, bought);
    * unsupported (only through the searches recorded for ``ds-scraping``): neither lab is
      documented as crawling, or nothing on record holds copyrighted works.

    Figures: labs documented as crawling (count), rows of copyrighted works in crawled data and
    obtained otherwise (counts), rights holders' suits on record (count), and the pirated books of
    the Bartz case (count)."""
    practices = data.table("double-standards/training_practices")
    searches = data.table("ledger/searches")
    counts = practice_counts(practices)
    both = counts["labs_documented"] == len(SCRAPING_LABS)
    if both and counts["copyrighted_scraped"] > 0:
        verdict = "accurate"
    elif counts["labs_documented"] > 0 and (counts["copyrighted_scraped"] + counts["copyrighted_not_scraped"]) > 0:
        verdict = "mostly-accurate"
    else:
        verdict = unsupported_after_search(searches, "ds-scraping", "training_practices")
    pirated = data.value("double-standards/copyright_figures", "bartz-pirated-books")
    return CheckResult(verdict, {**counts, "pirated_books": int(pirated)})


#: The rows of ``web_consent`` that show the rise: the share by April 2024 and a year earlier.
RISE_ROWS = ("c4-tokens-robots", "c4-tokens-robots-2023")
#: The crawlers of the two accusers the article names, and the search crawler they are compared with.
ACCUSER_CRAWLER_ROWS = ("headc4-openai", "headc4-anthropic")
SEARCH_CRAWLER_ROW = "headc4-google-search"


@check(
    rule=(
        "The book compares the claim with audits of the consent signals web sites give crawlers "
        "and with the reasons sites gave for closing. Unsupported (after searches recorded for "
        "the claim) when no audit measures any share of web data as restricted; inaccurate when "
        "the restricted share did not rise; misleading when it rose but the crawlers of the labs "
        "the article names are restricted no more than a search engine's. Otherwise accurate "
        "when sites that closed name AI developers' crawling as their reason, or an estimate "
        "attributes the rise to it; mostly accurate when only the pattern of blocking points to it."
    ),
    moves=(
        Move(
            "If no site or infrastructure provider had said why it closed, leaving only the audit's counts.",
            (
                Edit("double-standards/web_consent", "reddit-api-2023", "evidence", "observed-targeting"),
                Edit("double-standards/web_consent", "cloudflare-default-2025", "evidence", "observed-targeting"),
            ),
        ),
    ),
)
def closing_web_claim(data: DataAccess) -> CheckResult:
    """Rule for "It is precisely the scraping behavior of these large companies that has led to the
    internet's data becoming increasingly closed off", applied to ``web_consent``:

    * unsupported (only through the searches recorded for ``ds-closing-web``): no measured share
      of restricted web data greater than zero;
    * inaccurate: the restricted share by April 2024 is no greater than a year earlier (the web
      did not become more closed);
    * misleading: it rose, but the crawlers of the labs the article names (OpenAI, Anthropic) are
      restricted on no more of the largest domains' tokens than Google Search's crawler (the
      closing would not be aimed at their scraping);
    * accurate: it rose, it singles out those labs' crawlers, and the cause is on record: sites
      or infrastructure providers that closed name AI developers' crawling as their reason, or an
      estimate attributes the rise to it;
    * mostly-accurate: it rose and singles them out, but nothing on record states or estimates
      the cause (the pattern alone leaves "precisely" unshown).

    Figures: shares (fractions) of C4's tokens on domains whose robots.txt fully restricts at least
    one AI organisation's crawler, by April 2024 and a year earlier; of C4's critical sources; of
    C4 restricted by terms of service; of the tokens of C4's largest domains restricting OpenAI's,
    Anthropic's and Google Search's crawlers; and the reasons stated by sites that closed (count)."""
    consent = data.table("double-standards/web_consent")
    searches = data.table("ledger/searches")
    measured = consent[(consent["kind"] == "measurement") & (consent["unit"] == "fraction") & (consent["value"] > 0)]
    attribution = consent[consent["kind"] == "attribution"]
    stated = int((attribution["evidence"] == "stated-cause").sum())
    estimated = int((attribution["evidence"] == "causal-estimate").sum())
    now, before = (value_of(consent, row) for row in RISE_ROWS)
    accusers = min(value_of(consent, row) for row in ACCUSER_CRAWLER_ROWS)
    search = value_of(consent, SEARCH_CRAWLER_ROW)
    if measured.empty:
        verdict = unsupported_after_search(searches, "ds-closing-web", "web_consent")
    elif now <= before:
        verdict = "inaccurate"
    elif accusers <= search:
        verdict = "misleading"
    elif stated + estimated > 0:
        verdict = "accurate"
    else:
        verdict = "mostly-accurate"
    return CheckResult(
        verdict,
        {
            "tokens_share": now,
            "tokens_share_before": before,
            "critical_share": value_of(consent, "c4-critical-robots"),
            "critical_share_before": value_of(consent, "head-robots-2023"),
            "tos_share": value_of(consent, "c4-tos"),
            "openai_share": value_of(consent, "headc4-openai"),
            "anthropic_share": value_of(consent, "headc4-anthropic"),
            "search_share": search,
            "stated_causes": stated,
        },
    )


@check(
    rule=(
        "The book lists known uses of one AI provider's outputs by others, marks which were "
        "training and whether fraud or proxies were alleged, and records how the provider "
        "answered. Accurate when a provider called training on its outputs an attack with no "
        "fraud alleged, no company's training use drew a lesser answer, and a provider used the "
        "article's word “illegal”; mostly accurate when the label reaches uses with no fraud "
        "alleged but one of the other two fails; misleading when only uses said to hide behind "
        "fraud drew it while open uses did not; inaccurate when no use drew it although "
        "providers answered uses otherwise; unsupported, after recorded searches, when nothing "
        "is on record."
    ),
    moves=(
        Move(
            "If Google had called the extraction it describes a breach of its terms rather than an attack, "
            "leaving the label on record only for campaigns said to hide behind fraudulent accounts.",
            (Edit("double-standards/output_uses", "google-gtig", "provider_response", "terms-violation"),),
        ),
    ),
)
def immediately_labeled(data: DataAccess) -> CheckResult:
    """Rule for "they are immediately labeled as “illegal extraction” and “attacks”" (when other
    companies use output data from these models), applied to the training uses of
    ``output_uses`` (:func:`training_uses`):

    * accurate: a provider called a training use with no alleged concealment an attack (the label
      follows the use of outputs itself, not fraud), no company's training use on record drew a
      lesser answer or none, and a provider's own words include the article's "illegal";
    * mostly-accurate: the label reaches uses with no alleged concealment, but some company's use
      drew a lesser answer or none ("immediately" overstates) or no provider said "illegal" (the
      article's quotation is its own word); also when the label is on record only for concealed
      uses and no open use is on record to compare;
    * misleading: the label is on record only for uses the provider says hid behind fraudulent
      accounts or proxies, and open uses drew no such charge (the label follows the means);
    * inaccurate: no use drew the label, and providers answered uses on record otherwise (a
      breach of terms, a suspicion of distillation);
    * unsupported (only through the searches recorded for ``ds-immediately-labeled``): no use
      drew the label and none was answered at all.

    Figures: uses on record, training uses, those labelled, labelled with and without alleged
    concealment, open uses not labelled, companies' uses answered otherwise or not at all, uses
    with no training alleged, and uses called a breach of terms (counts)."""
    uses = data.table("double-standards/output_uses")
    searches = data.table("ledger/searches")
    counts = use_counts(uses)
    if counts["labelled_open"] > 0:
        clean = counts["lesser_company"] == 0 and counts["article_word"] > 0
        verdict = "accurate" if clean else "mostly-accurate"
    elif counts["labelled"] > 0:
        verdict = "misleading" if counts["open_unlabelled"] > 0 else "mostly-accurate"
    elif counts["lesser_response"] > 0 or counts["terms_violation"] > 0:
        verdict = "inaccurate"
    else:
        verdict = unsupported_after_search(searches, "ds-immediately-labeled", "output_uses")
    return CheckResult(verdict, counts)


@check(
    rule=(
        "The book reads every clause of Anthropic's terms and the boundary questions they leave, "
        "each marked by whether it arises for the campaigns the report alleges and whether it is "
        "the core of the prohibition. Inaccurate when no question is open; accurate when the "
        "core, whether an account holder may train a model on Claude's outputs, is open or "
        "disputed; mostly accurate when the core is answered only through the undefined word "
        "“competing”, or another question about what is forbidden that arises for the campaigns "
        "is open; misleading when those are answered and only edges that do not arise, or who "
        "was bound, stay open."
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
            "If the campaigns had been evaluation, as the article's section on counting argues the volumes "
            "allow, bringing the disputed benchmarking edge into the case.",
            (Edit("double-standards/tos_questions", "benchmarking", "arises_for_alleged", "true"),),
        ),
        Move(
            "If using Claude to grade answers for reinforcement learning were read as evaluation, not as "
            "training (the book reads the Usage Policy as covering it).",
            (Edit("double-standards/tos_questions", "grading", "status", "disputed"),),
        ),
        Move(
            "If which terms governed an account decided what was forbidden (a cloud platform's terms not "
            "reaching training on outputs), not only who was bound.",
            (Edit("double-standards/tos_questions", "which-terms", "kind", "conduct"),),
        ),
    ),
)
def tos_vagueness(data: DataAccess) -> CheckResult:
    """Rule for "the boundaries in Terms of Service (ToS) are extremely vague", applied to the
    accuser's (Anthropic's) clauses in ``tos_clauses`` and the questions in ``tos_questions``. The
    sentence offers the vagueness as the setting in which the accusation is to be judged, so the
    rule asks whether the vagueness reaches the conduct the report alleges:

    * inaccurate: no boundary question is open or disputed, the article's own example included;
    * accurate: the core question (may an account holder train a model on Claude's outputs?) is
      open or disputed, so the accusation itself rests on a vague boundary;
    * mostly-accurate: the core is answered, but only by clauses that turn on the undefined word
      "competing", or another question about what is forbidden that arises for the campaigns is
      open or disputed (the vagueness reaches part of the conduct alleged);
    * misleading: the core is answered by a clause free of "competing", every question about
      conduct that arises for the campaigns is answered, and what stays open is who was bound or
      edges that do not arise for them (the article's bystander, "competing", benchmarking).

    Figures: Anthropic's clauses that forbid training on its outputs, the documents they sit in,
    those naming distillation and those free of "competing", and its clauses on the means of
    access; conduct questions open and answered, party questions open, open edges that do not
    arise for the campaigns, and core questions open (counts); and the report's account figure."""
    clauses = data.table("double-standards/tos_clauses")
    questions = data.table("double-standards/tos_questions")
    counts = clause_counts(clauses)
    asked = question_counts(questions)
    accounts = data.value("shared/allegation", "accounts-total")
    if asked["unanswered"] == 0:
        verdict = "inaccurate"
    elif asked["core_open"] > 0:
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
            "anthropic_means": counts["means"],
            **{key: value for key, value in asked.items() if key != "unanswered"},
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
    """What the attack label follows on the record (``use_counts`` in): the use of outputs without
    permission when a use with no alleged fraud drew it (qualified when companies' uses also drew
    lesser answers); the means and pattern alleged when only concealed uses drew it and open uses
    did not; nothing that can be told apart otherwise."""
    if counts["labelled_open"] > 0:
        if counts["lesser_company"] > 0:
            return (
                "the use of a provider's outputs without its permission, whether or not fraud is alleged, "
                "though not every such use by a company has drawn it"
            )
        return "the use of a provider's outputs without its permission, whether or not fraud is alleged"
    if counts["labelled"] > 0 and counts["open_unlabelled"] > 0:
        return (
            "the means and the pattern the report alleges (fraudulent accounts, proxies, volume and focus), "
            "not the use of outputs as such"
        )
    return "nothing the record can tell apart"


#: Who each crawler row of ``web_consent`` belongs to, as the crawler table names it.
CRAWLER_NAMES = {
    "headc4-openai": "OpenAI",
    "headc4-anthropic": "Anthropic",
    "headc4-common-crawl": "Common Crawl (a non-profit archive)",
    "headc4-google-ai": "Google's AI crawler",
    "headc4-cohere": "Cohere",
    "headc4-meta": "Meta",
    "headc4-internet-archive": "the Internet Archive (a non-profit archive)",
    "headc4-google-search": "Google Search",
}


def crawler_shares_markdown(consent: pd.DataFrame) -> str:
    """The shares of the tokens of C4's largest domains whose robots.txt restricts each
    organisation's crawler (April 2024), largest first, as a Markdown table (percentages to one
    decimal, as the paper gives them). KeyError names a crawler row with no name here."""
    rows = consent[consent["id"].isin(CRAWLER_NAMES)].sort_values("value", ascending=False, kind="stable")
    body = [[CRAWLER_NAMES[row["id"]], f"{row['value']:.1%}"] for _, row in rows.iterrows()]
    return markdown_table(["crawler", "share of the largest domains' tokens restricting it"], body)


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
