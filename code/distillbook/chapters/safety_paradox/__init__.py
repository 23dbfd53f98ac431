"""The safety paradox (article section 3): the literature on removing safety training, where
Anthropic's safeguards sit, open-weight releases by lab, and the ledger checks of the section's
claims. The toy distillation experiment is in :mod:`.experiment`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from distillbook.core import searches as search_rule
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import (
    CheckResult,
    DataAccess,
    Edit,
    LedgerError,
    Move,
    Sensitivity,
    check,
    threshold,
    verdict_label,
)

# ---------------------------------------------------------------------------------------------
# Literature, safeguards and open weights
# ---------------------------------------------------------------------------------------------


def first_releases(releases: pd.DataFrame, labs: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Each checked lab with its earliest open-weight release on or before ``cutoff`` (NaT if none).

    Columns: ``lab``, ``group``, ``model``, ``released``, ``precision`` (of the date)."""
    before = releases[releases["released"] <= cutoff].sort_values("released")
    first = before.groupby("lab", as_index=False).first()[["lab", "model", "released", "precision"]]
    out = labs[["lab", "group"]].merge(first, on="lab", how="left")
    out["model"] = out["model"].fillna("")
    out["precision"] = out["precision"].fillna("")
    return out


def _cells(findings: pd.DataFrame):
    rows = findings.set_index("id")
    return lambda row_id, column: float(rows.loc[row_id, column])


def capability_numbers(findings: pd.DataFrame) -> dict:
    """The figures of the section on where dangerous capability sits (fractions and a count): the
    filtering experiment's relative reduction and the share it leaves (:func:`capability_readings`),
    the share the elicitation study recovered, and the low and high ends of Anthropic's range for
    the espionage campaign's work done by AI."""
    cell = _cells(findings)
    return {
        "filter_reduction": cell("filtering-cbrn", "value") / 100,
        "filter_kept": capability_readings(findings)["filtering-cbrn"],
        "elicit_share": cell("elicitation-chem", "value") / 100,
        "campaign_low": cell("cyber-campaign", "value") / 100,
        "campaign_high": cell("cyber-campaign", "comparison") / 100,
    }


def removal_numbers(findings: pd.DataFrame) -> dict:
    """The figures of the studies that remove safety training (counts, US dollars, a fraction)."""
    cell = _cells(findings)
    removal = findings[findings["kind"] == "removal"]
    costs = removal["cost_usd_max"]
    return {
        "qi_examples": int(cell("qi-finetune", "examples")),
        "qi_cost": cell("qi-finetune", "cost_usd_max"),
        "badllama_cost": int(cell("badllama", "cost_usd_max")),
        "lora_cost": int(cell("lora-undo", "cost_usd_max")),
        "lora_gpus": int(cell("lora-undo", "gpus")),
        "lora_refusal": cell("lora-undo", "value") / 100,
        "direction_models": int(cell("refusal-direction", "models_tested")),
        "removal_studies": int(len(removal)),
        "removal_cost_max": int(costs.max()),
        "removal_no_cost": int(costs.isna().sum()),
    }


def student_numbers(findings: pd.DataFrame, students: pd.DataFrame) -> dict:
    """The figures of the section on distilled students and on CAISI's evaluation (counts,
    fractions, a ratio): models the China Unicom team evaluated, DeepSeek's distilled students and
    how many started from base checkpoints, CAISI's jailbreak compliance (DeepSeek, US models) and
    how many times as likely DeepSeek-based agents were to be hijacked."""
    cell = _cells(findings)
    return {
        "unicom_models": int(cell("unicom-distilled", "models_tested")),
        "students": int(len(students)),
        "students_from_base": int((students["base_kind"] == "base").sum()),
        "caisi_deepseek": cell("caisi-jailbreak", "value") / 100,
        "caisi_us": cell("caisi-jailbreak", "comparison") / 100,
        "caisi_hijack": cell("caisi-hijacking", "value"),
    }


def classifier_numbers(findings: pd.DataFrame) -> dict:
    """The figures of Anthropic's classifiers (hours, percentage points, a fraction, a count)."""
    cell = _cells(findings)
    return {
        "cc_hours": int(cell("classifier-redteam", "value")),
        "cc_refusals": cell("classifier-refusals", "value"),
        "cc_overhead": cell("classifier-overhead", "value") / 100,
        "cc_demo_jailbreaks": int(cell("classifier-demo", "value")),
    }


def safeguard_counts(safeguards: pd.DataFrame) -> dict:
    """Safeguards against harmful content: listed, trained into the model, running outside it; and
    measures that protect Anthropic's service instead (counts)."""
    against_harm = safeguards[safeguards["protects"] == "harmful-content"]
    return {
        "total": int(len(against_harm)),
        "inside": int((against_harm["layer"] == "in-model").sum()),
        "outside": outside_model_safety_safeguards(safeguards),
        "service": int((safeguards["protects"] == "service").sum()),
    }


def open_weight_counts(first: pd.DataFrame, releases: pd.DataFrame) -> dict:
    """Labs checked, of them with a release by the cutoff (:func:`first_releases`), leading US and
    Chinese labs checked, and releases listed (counts)."""
    groups = first["group"].value_counts()
    return {
        "labs_checked": int(len(first)),
        "labs_with": int(first["released"].notna().sum()),
        "frontier": int(groups.get("us-frontier", 0)),
        "china": int(groups.get("china", 0)),
        "releases": int(len(releases)),
    }


def search_counts(searches: pd.DataFrame, claim_id: str) -> dict:
    """Searches recorded for a claim, of them counted (targeted, distinct) and of those that found
    what the claim asserts (counts; :mod:`distillbook.core.searches`), and where the counted ones
    ran, in the reader's words of the ``searched_in`` column."""
    _, numbers = search_rule.unsupported(searches, claim_id)
    return {
        "recorded": numbers["searches_recorded"],
        "counted": numbers["searches"],
        "found": numbers["searches_found"],
        "places": joined(sorted(set(search_rule.counted(searches, claim_id)["searched_in"]))),
    }


def joined(words: list[str]) -> str:
    """Words as a list in prose: ``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def cite(source_ids) -> list[str]:
    """A MyST citation role for each source id (empty for an empty id)."""
    return [f"{{cite:p}}`{s}`" if s else "" for s in source_ids]


def safeguards_table(safeguards: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The safeguards as a MyST table for readers: names of layers and of what each protects in
    words, the source cited and its reliability."""
    reliability = sources.set_index("id")["reliability"]
    shown = safeguards.assign(
        layer=safeguards["layer"].map({"in-model": "in the model", "outside-model": "outside the model"}),
        protects=safeguards["protects"].map(
            {"harmful-content": "users, against harmful content", "service": "Anthropic's service, against extraction"}
        ),
        cite=cite(safeguards["source_id"]),
        reliability=[reliability[s] for s in safeguards["source_id"]],
    )
    return markdown_table(
        shown,
        {
            "safeguard": "safeguard",
            "protects": "what it protects",
            "layer": "where it sits",
            "student_inherits": "a student inherits it",
            "why": "why",
            "cite": "source",
            "reliability": "source type",
        },
    )


def open_weights_table(timeline: pd.DataFrame) -> str:
    """The open-weight releases as a MyST table for readers (:func:`timeline_frame`)."""
    shown = timeline.assign(cite=cite(timeline["source_id"]))
    return markdown_table(
        shown,
        {
            "lab": "lab",
            "model": "model",
            "date": "released",
            "release": "which release",
            "cite": "source",
            "reliability": "source type",
        },
    )


def claim_cutoff(claims: pd.DataFrame, claim_id: str) -> pd.Timestamp:
    """The date up to which evidence is weighed for a claim (its ``as_of``)."""
    return pd.Timestamp(claims.set_index("id").loc[claim_id, "as_of"])


class SentenceError(AssertionError):
    """A sentence of the chapter is no longer true of the data."""


def require_only_anthropic_without(first: pd.DataFrame) -> None:
    """Guard of the page's sentence "... labs had released open weights ... and Anthropic had not":
    raise :class:`SentenceError` unless Anthropic is the one checked lab without a release."""
    without = labs_without_release(first)
    if without != ["Anthropic"]:
        raise SentenceError(f"the labs without an open-weight release are {without}, not Anthropic alone")


def labs_without_release(first: pd.DataFrame) -> list[str]:
    """The labs of :func:`first_releases` with no open-weight release by the cutoff."""
    return sorted(first.loc[first["released"].isna(), "lab"])


# ---------------------------------------------------------------------------------------------
# Ledger checks
# ---------------------------------------------------------------------------------------------


def outside_model_safety_safeguards(safeguards: pd.DataFrame) -> int:
    """Number of listed safeguards against harmful content (``protects`` is ``harmful-content``)
    that sit outside the model. Measures that protect Anthropic's service (account enforcement
    against extraction) are not safety safeguards and are not counted."""
    safety_rows = safeguards[safeguards["protects"] == "harmful-content"]
    return int((safety_rows["layer"] == "outside-model").sum())


#: Kinds of ``findings`` rows whose figure the book reads as a share (0 to 1) of a dangerous
#: capability that reaches a student through answers given without refusal. ``elicitation``: the
#: percent of the capability gap a student recovered from a safeguarded model's answers (a direct
#: measurement), read as it is. ``capability-without-refusal``: a relative reduction (percent) of
#: harmful-capability accuracy above chance when the dangerous content is withheld from training,
#: read as the share kept, one minus it (an indirect reading: what a refusing teacher would not
#: hold back). Rows of other kinds are described on the page and not read.
READINGS = {"elicitation": "gained", "capability-without-refusal": "kept"}


def capability_readings(findings: pd.DataFrame) -> dict[str, float]:
    """Every reading of :data:`READINGS`, by row id (fractions)."""
    shares = {}
    for _, row in findings[findings["kind"].isin(list(READINGS))].iterrows():
        percent = float(row["value"]) / 100
        shares[row["id"]] = percent if READINGS[row["kind"]] == "gained" else 1.0 - percent
    return shares


def direct_share(findings: pd.DataFrame) -> float:
    """The smallest share any direct measurement (``elicitation`` row) reports (a fraction): the
    rule's reading, so that a further direct study finding less would lower it."""
    direct = findings[findings["kind"] == "elicitation"]["id"]
    if direct.empty:
        raise LedgerError("safety-paradox/findings: no direct measurement (kind elicitation) to read")
    readings = capability_readings(findings)
    return min(readings[row_id] for row_id in direct)


def safeguard_bypasses(findings: pd.DataFrame) -> int:
    """Reports on record of a guarded model of Anthropic's whose safeguards were bypassed
    (``bypass`` true): a universal jailbreak found, or an attack its target calls a jailbreak."""
    return int(findings["bypass"].fillna(False).astype(bool).sum())


#: A material share of a dangerous capability: a fifth.
MATERIAL = threshold(
    "material-capability",
    0.2,
    "share of a dangerous capability",
    "The book's judgement. The article calls the report's worry a logical paradox, a claim that a "
    "student cannot gain a dangerous capability through answers the model gives; a claim of "
    "impossibility fails on a material share, not only on most of it. A student that closes a fifth "
    "of the gap to an unrestricted model on a weapons-related task has gained dangerous capability, "
    "while a smaller share measured on one evaluation could be mostly noise.",
)


def paradox_verdict(share: float, bypasses: int) -> str:
    """The rule of :func:`paradox_argument` on its two inputs: the share of a dangerous capability
    that reaches a student through answers given without refusal (a fraction), and the safeguard
    bypasses on record against Anthropic's guarded model (a count)."""
    if share >= MATERIAL:
        return "misleading"
    if bypasses > 0:
        return "mostly-accurate"
    return "accurate"


#: The assumption the paradox verdict rests on, as the claim box and the robustness table name it.
SHARE_ASSUMPTION = "share of a dangerous capability a student gains from answers given without refusal"


@check(
    rule=(
        "The book grants the article's premise: a student cannot copy from a model what the model "
        "refuses to output. The conclusion, a logical paradox, fails if a material part of a dangerous "
        "capability reaches a student through answers given without refusal. Misleading if the smallest "
        "share that a study measuring this directly reports is at least {material-capability:.0%}; "
        "otherwise mostly accurate if the safeguards of Anthropic's guarded model have been bypassed, "
        "accurate if not."
    ),
    moves=(
        Move(
            "If the study that measured the transfer directly had found what the page's lowest reading "
            "suggests, the independent biology filtering study's: nothing kept outside the refused content.",
            (Edit("safety-paradox/findings", "elicitation-chem", "value", "0"),),
        ),
        Move(
            "The same, and no bypass on record: no universal jailbreak in the public demo, as in the "
            "bug-bounty programme before it, and a campaign its target did not call a jailbreak.",
            (
                Edit("safety-paradox/findings", "elicitation-chem", "value", "0"),
                Edit("safety-paradox/findings", "classifier-demo", "bypass", "false"),
                Edit("safety-paradox/findings", "cyber-campaign", "bypass", "false"),
            ),
        ),
    ),
)
def paradox_argument(data: DataAccess) -> CheckResult:
    """Rule, over the published evidence in ``safety-paradox/findings``; the chapter's toy
    experiment only illustrates and is not read, nor are the safeguards that run outside the model
    (they bear on what a student lacks, not on where a capability sits):

    * misleading if the share of a dangerous capability that a direct measurement finds reaching a
      student through answers given without refusal (:func:`direct_share`) is at least
      :data:`MATERIAL`: the premise holds, but the capability the report worries about does not sit
      behind the refusal;
    * mostly-accurate if it is below, but the safeguards of Anthropic's guarded model have been
      bypassed (:func:`safeguard_bypasses`): the premise holds only as far as refusals hold;
    * accurate otherwise.

    The share is an assumption whose range spans every reading on the page (:func:`capability_readings`),
    from the independent biology filtering study's to Anthropic's filtering experiment's; the verdict
    at both ends and the break-even value are reported."""
    findings = data.table("safety-paradox/findings")
    readings = capability_readings(findings)
    share = direct_share(findings)
    bypasses = safeguard_bypasses(findings)
    low, high = min(readings.values()), max(readings.values())
    sensitivity = Sensitivity.across(
        SHARE_ASSUMPTION,
        low,
        high,
        lambda value: paradox_verdict(value, bypasses),
        default=share,
        unit="fraction",
    )
    return CheckResult(
        paradox_verdict(share, bypasses),
        {
            "direct_share": share,
            "share_low": low,
            "share_high": high,
            "bypasses": bypasses,
            "universal_jailbreaks": int(findings.set_index("id").loc["classifier-demo", "value"]),
            "material": float(MATERIAL),
            "low_verdict": verdict_label(sensitivity.verdict_at_low),
        },
        (sensitivity,),
    )


def _cutoff(data: DataAccess, claim_id: str) -> pd.Timestamp:
    return pd.Timestamp(data.claim(claim_id)["as_of"])


@check(
    rule=(
        "Over the labs the book checked and open-weight releases up to the date up to which "
        "evidence was weighed: inaccurate if Anthropic released open weights or another leading "
        "American lab did not; mostly accurate if Anthropic is the only leading American lab "
        "without a release but some other checked lab also has none; accurate if Anthropic is the"
        " only checked lab without one."
    ),
    moves=(
        Move(
            "If xAI’s open release were Anthropic’s.",
            (Edit("safety-paradox/open_weights", "xai-grok1", "lab", "Anthropic"),),
        ),
    ),
)
def only_lab_without_open_weights(data: DataAccess) -> CheckResult:
    """Rule, over the labs in ``data/shared/labs.csv`` and releases up to the claim's ``as_of`` date:

    * inaccurate if Anthropic has an open-weight release, or another lab of the ``us-frontier``
      group has none;
    * mostly-accurate if Anthropic has none and every other ``us-frontier`` lab has one, but some
      other checked lab has none (then "only" holds among the frontier labs, not among all checked);
    * accurate if Anthropic is the one checked lab with no open-weight release."""
    first = first_releases(
        data.table("safety-paradox/open_weights"), data.table("shared/labs"), _cutoff(data, "safety-only-lab")
    )
    without = labs_without_release(first)
    frontier = first[first["group"] == "us-frontier"]
    frontier_without = labs_without_release(frontier)
    if "Anthropic" not in without or frontier_without != ["Anthropic"]:
        verdict = "inaccurate"
    elif without != ["Anthropic"]:
        verdict = "mostly-accurate"
    else:
        verdict = "accurate"
    groups = first["group"].value_counts()
    return CheckResult(
        verdict,
        {
            "labs_checked": int(len(first)),
            "labs_with_release": int(len(first) - len(without)),
            "frontier_labs": int(len(frontier)),
            "europe_labs": int(groups.get("europe", 0)),
            "china_labs": int(groups.get("china", 0)),
        },
    )


#: How many Chinese labs "many" needs, at least.
MANY = threshold(
    "many-labs",
    3,
    "labs",
    "The book's judgement: “many” means more than a couple, so at least three of the Chinese labs checked.",
)


@check(
    rule=(
        "Over open-weight releases up to the date up to which evidence was weighed: accurate if "
        "OpenAI and Google have each released an open-weight model and at least {many-labs:.0f} "
        "of the Chinese labs checked have too; mostly accurate if OpenAI and Google have but "
        "fewer Chinese labs have, though some do; inaccurate otherwise."
    ),
    moves=(
        Move(
            "If evidence were weighed only up to the start of 2019.",
            (Edit("ledger/claims", "safety-others-open", "as_of", "2019-01-01"),),
        ),
    ),
)
def others_released_open_models(data: DataAccess) -> CheckResult:
    """Rule, over releases up to the claim's ``as_of`` date:

    * accurate if OpenAI and Google each have an open-weight release and at least ``MANY`` labs of
      the ``china`` group do;
    * mostly-accurate if OpenAI and Google do but fewer than ``MANY`` Chinese labs (and at least one);
    * inaccurate otherwise."""
    first = first_releases(
        data.table("safety-paradox/open_weights"), data.table("shared/labs"), _cutoff(data, "safety-others-open")
    )
    released = first.dropna(subset=["released"]).set_index("lab")
    chinese = int((released["group"] == "china").sum())
    both = {"OpenAI", "Google"} <= set(released.index)
    if both and chinese >= MANY:
        verdict = "accurate"
    elif both and chinese >= 1:
        verdict = "mostly-accurate"
    else:
        verdict = "inaccurate"
    # the earliest release *found*: an earlier one may exist, so the page says "by ... at the latest"
    year = lambda lab: int(released.loc[lab, "released"].year) if lab in released.index else 0  # noqa: E731
    model = lambda lab: str(released.loc[lab, "model"]) if lab in released.index else "none found"  # noqa: E731
    latest = latest_releases(data.table("safety-paradox/open_weights"), _cutoff(data, "safety-others-open"))
    recent = lambda lab, field: str(latest.loc[lab, field]) if lab in latest.index else "none found"  # noqa: E731
    chinese_checked = int((first["group"] == "china").sum())
    return CheckResult(
        verdict,
        {
            "openai_latest_model": recent("OpenAI", "model"),
            "openai_latest_date": recent("OpenAI", "shown"),
            "google_latest_model": recent("Google", "model"),
            "google_latest_date": recent("Google", "shown"),
            "openai_first_year": year("OpenAI"),
            "google_first_year": year("Google"),
            "openai_first_model": model("OpenAI"),
            "google_first_model": model("Google"),
            "chinese_open": chinese,
            "chinese_checked": chinese_checked,
        },
    )


def latest_releases(releases: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Each lab's latest open-weight release in the table on or before ``cutoff``, indexed by lab:
    ``model``, ``released`` and ``shown`` (the date as readers see it: month and year)."""
    before = releases[releases["released"] <= cutoff].sort_values("released")
    latest = before.groupby("lab").last()[["model", "released"]].copy()
    latest["shown"] = [f"{d:%B %Y}" for d in latest["released"]]
    return latest


@check(
    rule=(
        "The book searched for an Anthropic paper saying it used a training method that DeepSeek "
        "invented. Accurate if a counted search found such a paper; unsupported if the searches "
        "meet the book's rule for unsupported verdicts (see above): the burden of proof is on the"
        " article."
    ),
    moves=(
        Move(
            "If a recorded search had found the paper.",
            (Edit("ledger/searches", "sp-deepseek-1", "found", "true"),),
        ),
    ),
)
def deepseek_methods_paper(data: DataAccess) -> CheckResult:
    """Rule, over the searches recorded in ``data/ledger/searches.csv`` for this claim:

    * accurate if any recorded search found an Anthropic paper that says it used a training method
      DeepSeek invented (``found`` true);
    * unsupported if the distinct searches that targeted the claim found none
      (:mod:`distillbook.core.searches`; the burden is on the claimant)."""
    none_found, numbers = search_rule.unsupported(data.table("ledger/searches"), "safety-deepseek-methods")
    return CheckResult("unsupported" if none_found else "accurate", numbers)


# ---------------------------------------------------------------------------------------------
# Charts of the literature and open weights
# ---------------------------------------------------------------------------------------------


def timeline_frame(releases: pd.DataFrame, labs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every release with its lab's group, whether it is the lab's earliest in the table, and the
    date as shown (month or day precision); plus one row per lab with no release (date empty)."""
    frame = releases.merge(labs[["lab", "group"]], on="lab").sort_values("released")
    frame["release"] = ["earliest found" if first else "later" for first in ~frame.duplicated("lab")]
    frame["date"] = [
        d.strftime("%B %Y") if p == "month" else d.strftime("%-d %B %Y")
        for d, p in zip(frame["released"], frame["precision"], strict=True)
    ]
    frame = frame.merge(sources[["id", "reliability"]].rename(columns={"id": "source_id"}), on="source_id")
    order = list(frame.drop_duplicates("lab")["lab"])
    missing = [lab for lab in labs["lab"] if lab not in order]
    out = frame[["lab", "group", "model", "released", "date", "release", "source_id", "reliability"]].copy()
    out["released"] = out["released"].dt.strftime("%Y-%m-%d")
    none = pd.DataFrame(
        {
            "lab": missing,
            "group": list(labs.set_index("lab").loc[missing, "group"]),
            "model": "none found",
            "released": "",
            "date": "",
            "release": "none found",
            "source_id": "",
            "reliability": "",
        }
    )
    return pd.concat([out, none], ignore_index=True)


def timeline_chart(frame: pd.DataFrame, description: str, domain: tuple[str, str]):
    """Each lab's earliest open-weight release found, on a time axis spanning ``domain`` (ISO dates);
    labs ordered by that date, labs with none at the bottom, written as such."""

    first = frame[frame["release"] != "later"]
    order = list(first["lab"])
    groups = ["us-frontier", "europe", "china"]
    y = alt.Y("lab:N", title="Lab", sort=order)
    released = first[first["released"] != ""]
    none = first[first["released"] == ""].assign(released=domain[0])
    colour = alt.Color(
        "group:N",
        title="Group of labs",
        legend=alt.Legend(orient="bottom"),
        scale=alt.Scale(domain=groups, range=[OKABE_ITO[4], OKABE_ITO[2], OKABE_ITO[5]]),
    )
    shape = alt.Shape("group:N", legend=None, scale=alt.Scale(domain=groups, range=["circle", "square", "triangle-up"]))
    x = alt.X(
        "released:T",
        title="Date of the earliest open-weight release found (year)",
        scale=alt.Scale(domain=list(domain)),
        axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}),
    )
    dots = (
        alt.Chart(released)
        .mark_point(size=120, filled=True, opacity=1)
        .encode(
            x=x, y=y, color=colour, shape=shape, tooltip=["lab:N", "model:N", "date:N", "source_id:N", "reliability:N"]
        )
    )
    names = alt.Chart(released).mark_text(align="left", dx=9, fontSize=11).encode(x=x, y=y, text="model:N")
    nothing = (
        alt.Chart(none)
        .mark_text(align="left", dx=2, fontSize=12, fontStyle="italic")
        .encode(x=x, y=y, text=alt.value("no open-weight release found"))
    )
    return alt.layer(dots, names, nothing, description=description).properties(
        width=430, height=alt.Step(28), padding={"left": 5, "top": 5, "bottom": 5, "right": 140}
    )


def markdown_table(frame: pd.DataFrame, columns: dict[str, str]) -> str:
    """A MyST table of ``frame``'s ``columns`` (name -> header); cells are written as they are."""
    head = "| " + " | ".join(columns.values()) + " |\n|" + "---|" * len(columns) + "\n"
    body = "".join(
        "| " + " | ".join(str(row[c]).replace("|", "/") for c in columns) + " |\n" for _, row in frame.iterrows()
    )
    return head + body


def timeline_domain(frame: pd.DataFrame) -> tuple[str, str]:
    """The timeline's axis span (ISO dates): from the start of the year of the earliest release to
    the end of the year after the latest earliest-release, leaving room for the model names."""
    dates = pd.to_datetime(frame.loc[(frame["release"] == "earliest found"), "released"])
    return f"{dates.min().year}-01-01", f"{dates.max().year + 1}-12-31"
