"""The safety paradox (article section 3): the literature on removing safety training, where
Anthropic's safeguards sit, open-weight releases by lab, and the ledger checks of the section's
claims. The toy distillation experiment is in :mod:`.experiment`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from distillbook.core import searches as search_rule
from distillbook.core.charts import OKABE_ITO
from distillbook.core.ledger import CheckResult, DataAccess, Edit, Move, check, threshold

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


def distilled_safety_losses(findings: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``safety_findings`` that evaluated distilled students and found them less safe."""
    lost = findings["safety_lost"].fillna(False).astype(bool)
    return findings[(findings["kind"] == "distilled-evaluation") & lost]


@check(
    rule=(
        "The book reads published studies and where Anthropic's safeguards sit; its own toy "
        "experiment only illustrates. Misleading if any study found distilled models less safe "
        "than before distillation, or any of Anthropic's safeguards against harmful content sits "
        "outside the model, where no student model can inherit it: the premise holds, but the "
        "conclusion that refusals at the source keep a distilled model safe does not follow. "
        "Accurate otherwise."
    ),
    moves=(
        Move(
            "If no study of distilled students had found them less safe, and every listed safeguard sat in the model.",
            (
                Edit("safety-paradox/findings", "unicom-distilled", "safety_lost", "false"),
                Edit("safety-paradox/safeguards", "constitutional-classifiers", "layer", "in-model"),
                Edit("safety-paradox/safeguards", "asl3-deployment", "layer", "in-model"),
            ),
        ),
    ),
)
def paradox_argument(data: DataAccess) -> CheckResult:
    """Rule, over the literature (``safety_findings``) and where Anthropic's safeguards sit
    (``safeguards``); the chapter's toy experiment only illustrates the logic and is not read:

    * misleading if at least one study that evaluated distilled students found them less safe than
      before distillation (``kind`` ``distilled-evaluation``, ``safety_lost`` true), or at least one
      of Anthropic's safeguards against harmful content sits outside the model, where no student
      can inherit it: the argument's premise (what is refused cannot be harvested) holds, but its
      conclusion (source refusals keep a distilled model safe) does not follow;
    * accurate otherwise (no measured loss of safety in distilled students, and every safety
      safeguard is trained into the model, so refusals at the source are the whole protection)."""
    findings = data.table("safety-paradox/findings")
    safeguards = data.table("safety-paradox/safeguards")
    losses = distilled_safety_losses(findings)
    outside = outside_model_safety_safeguards(safeguards)
    verdict = "misleading" if (len(losses) > 0 or outside > 0) else "accurate"
    models = int(losses["models_tested"].fillna(0).sum())
    return CheckResult(
        verdict,
        {
            "distilled_studies": int(len(losses)),
            "distilled_models": models,
            "safeguards_outside": outside,
            "safeguards_total": int((safeguards["protects"] == "harmful-content").sum()),
        },
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
    chinese_checked = int((first["group"] == "china").sum())
    return CheckResult(
        verdict,
        {
            "openai_first_year": year("OpenAI"),
            "google_first_year": year("Google"),
            "openai_first_model": model("OpenAI"),
            "google_first_model": model("Google"),
            "chinese_open": chinese,
            "chinese_checked": chinese_checked,
        },
    )


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
