"""The claims ledger (``data/ledger/claims.csv``), its verdict scale, and the check runner.

A *check* is a function of data, never a constant. It receives a :class:`DataAccess`, reads the
tables it needs through it, and returns a :class:`CheckResult`: the verdict its rule implies (the
rule is written in its docstring), the numbers it computed (which fill the ``{placeholders}`` of
the claim's conclusion), and, where the verdict depends on an assumption, the verdict at both ends
of the assumption's range.

:func:`run_ledger` runs every check once per build, before any page executes. It fails, naming
the claim, when a check disagrees with the verdict the ledger gives, reads nothing from
``data/``, or leaves a placeholder of the conclusion unfilled.
"""

from __future__ import annotations

import dataclasses
import math
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distillbook.core import data, pages, paths
from distillbook.core.numbers import fill, plain_value

if TYPE_CHECKING:  # the ledger handles tables without naming pandas at run time
    import pandas as pd

#: The verdict scale, in order, with the wording shown to readers.
VERDICTS: dict[str, str] = {
    "accurate": "correct as stated",
    "mostly-accurate": "correct in substance; a detail is off or missing",
    "misleading": "defensible word by word, but leaves a false impression",
    "inaccurate": "contradicted by the evidence",
    "unsupported": "no evidence found for it; the burden is on the claimant",
    "opinion": "a value judgement; its reasoning is discussed, not rated",
}
PENDING = "pending"


class LedgerError(Exception):
    """A claim whose check no longer supports its verdict, or a malformed ledger row."""


#: Words of a claim's quote kept in a title made from it, when the ledger gives no title.
TITLE_WORDS = 8


def claim_title(row) -> str:
    """A claim's short title: the ledger's ``title`` when it has one, else the opening words of the
    rated quote (an ellipsis marks the cut)."""
    title = str(row.get("title", "") or "").strip() if hasattr(row, "get") else ""
    if title and title.lower() != "nan":
        return title
    words = str(row["quote"]).split()
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")


def verdict_label(verdict: str) -> str:
    """The verdict as readers see it: ``mostly-accurate`` becomes ``mostly accurate``."""
    return "not yet examined" if verdict == PENDING else verdict.replace("-", " ")


@dataclasses.dataclass(frozen=True)
class BreakEven:
    """Where a verdict changes as one assumption moves: at ``value``, the verdict is ``below`` just
    under it and ``above`` just over it. ``inside`` says whether the value lies within the
    assumption's plausible range (if not, the verdict holds across the range and would change only
    beyond it)."""

    value: float
    below: str
    above: str
    inside: bool


#: How far beyond its range a break-even value is looked for: the range's ends divided and
#: multiplied by this factor (an assumption taken to a hundredth or a hundredfold of its range).
SEARCH_FACTOR = 100.0
#: Points of the grid the search scans before it bisects, on each side.
_SEARCH_POINTS = 400


def _first_change(verdict_at: Callable[[float], str], start: float, end: float) -> tuple[float, float] | None:
    """The first interval (a, b) on the way from ``start`` to ``end`` (a geometric grid for positive
    values, a linear one otherwise) over which ``verdict_at`` changes, or None."""
    if start == end:
        return None
    if start > 0 and end > 0:
        ratio = (end / start) ** (1 / _SEARCH_POINTS)
        grid = [start * ratio**i for i in range(_SEARCH_POINTS + 1)]
    else:
        grid = [start + (end - start) * i / _SEARCH_POINTS for i in range(_SEARCH_POINTS + 1)]
    first = verdict_at(grid[0])
    for a, b in zip(grid, grid[1:], strict=False):
        if verdict_at(b) != first:
            return a, b
    return None


def _bisect(verdict_at: Callable[[float], str], a: float, b: float) -> float:
    """The point between ``a`` and ``b`` where ``verdict_at`` changes, to a relative precision of a
    millionth (the verdicts at ``a`` and ``b`` must differ)."""
    left = verdict_at(a)
    for _ in range(200):
        middle = (a + b) / 2
        if verdict_at(middle) == left:
            a = middle
        else:
            b = middle
        if abs(b - a) <= 1e-6 * max(abs(a), abs(b), 1e-12):
            break
    return (a + b) / 2


def find_breakeven(
    verdict_at: Callable[[float], str], low: float, high: float, default: float | None = None
) -> BreakEven | None:
    """The value nearest the assumption's ``default`` (its middle when none is given) at which the
    verdict changes: inside [low, high] if it changes there, else beyond the range, up to
    :data:`SEARCH_FACTOR` times its ends; None when it changes nowhere searched."""
    centre = default if default is not None else (low + high) / 2
    beyond_low = low / SEARCH_FACTOR if low > 0 else low - (high - low) * SEARCH_FACTOR
    beyond_high = high * SEARCH_FACTOR if high > 0 else high + (high - low) * SEARCH_FACTOR
    candidates = []
    for start, end in ((centre, low), (centre, high), (low, beyond_low), (high, beyond_high)):
        found = _first_change(verdict_at, start, end)
        if found is not None:
            value = _bisect(verdict_at, *sorted(found))
            candidates.append(value)
    if not candidates:
        return None
    inside = [v for v in candidates if low <= v <= high]
    value = min(inside or candidates, key=lambda v: abs(v - centre))
    step = 1e-6 * max(abs(value), 1e-12) * 10
    return BreakEven(value, verdict_at(value - step), verdict_at(value + step), low <= value <= high)


@dataclasses.dataclass(frozen=True)
class Sensitivity:
    """The verdict at both ends of one assumption's plausible range, and the break-even value:
    where, as the assumption moves, the verdict changes (:func:`find_breakeven`)."""

    parameter: str
    low: float
    high: float
    verdict_at_low: str
    verdict_at_high: str
    breakeven: BreakEven | None = None
    unit: str = ""
    #: The rule as a function of the assumption (kept so that tests can probe either side of the
    #: break-even value); not part of the result's identity.
    verdict_at: Callable[[float], str] | None = dataclasses.field(default=None, compare=False, repr=False)

    @classmethod
    def across(
        cls,
        parameter: str,
        low: float,
        high: float,
        verdict_at: Callable[[float], str],
        default: float | None = None,
        unit: str = "",
    ) -> Sensitivity:
        """The verdicts ``verdict_at(low)`` and ``verdict_at(high)`` at the two ends of a range, and
        the break-even value nearest ``default``."""
        return cls(
            parameter,
            low,
            high,
            verdict_at(low),
            verdict_at(high),
            find_breakeven(verdict_at, low, high, default),
            unit,
            verdict_at,
        )

    def holds(self, verdict: str) -> bool:
        """True when the verdict is the same at both ends of the range."""
        return self.verdict_at_low == verdict and self.verdict_at_high == verdict

    def __getstate__(self) -> dict:
        """Pickled without the rule function (a closure over the check's inputs): what the build
        keeps between pages is the outcome, not the way to recompute it."""
        return {
            field.name: getattr(self, field.name) for field in dataclasses.fields(self) if field.name != "verdict_at"
        }

    def __setstate__(self, state: dict) -> None:
        for name, value in {**state, "verdict_at": None}.items():
            object.__setattr__(self, name, value)


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """What a check returns: a verdict, the numbers behind it, and its sensitivity to assumptions."""

    verdict: str
    numbers: dict[str, Any]
    sensitivity: tuple[Sensitivity, ...] = ()
    #: The tables the check read (set by :func:`run_check`): what its verdict depends on.
    tables_read: tuple[str, ...] = dataclasses.field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise LedgerError(f"unknown verdict {self.verdict!r}; the scale is {', '.join(VERDICTS)}")
        for key, value in self.numbers.items():
            plain_value(key, value)


# ---------------------------------------------------------------------------------------------
# Thresholds: every number a rule compares with, sourced or stated as the book's judgement
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Threshold:
    """A number a rule compares with: its value and unit, and either the source it comes from
    (``source_id`` in ``data/ledger/sources.csv`` and a locator) or the book's judgement, with
    the reason. The methods page lists every one."""

    name: str
    value: float
    unit: str
    reason: str
    source_id: str = ""
    locator: str = ""

    @property
    def basis(self) -> str:
        """``source`` when a source fixes the value, else ``judgement``."""
        return "source" if self.source_id else "judgement"


THRESHOLDS: dict[str, Threshold] = {}


def threshold(name: str, value: float, unit: str, reason: str, source_id: str = "", locator: str = "") -> float:
    """Register a threshold of a rule (see :class:`Threshold`) and return its value. ``reason``
    says why the value is what it is: for a judgement, the book's reasoning; for a sourced value,
    what the source fixes."""
    if not reason.strip():
        raise LedgerError(
            f"threshold {name!r}: say why it is {value} (a source, or the book's judgement and its reason)"
        )
    if bool(source_id) != bool(locator):
        raise LedgerError(f"threshold {name!r}: a sourced threshold needs both source_id and locator")
    known = THRESHOLDS.get(name)
    if known is not None and known.value != value:
        raise LedgerError(f"threshold {name!r} is registered twice with different values ({known.value}, {value})")
    THRESHOLDS[name] = Threshold(name, float(value), unit, reason, source_id, locator)
    return value


# ---------------------------------------------------------------------------------------------
# Data access that records what a check reads
# ---------------------------------------------------------------------------------------------


class DataAccess:
    """The tables of ``data/`` as a check sees them; remembers which tables were read.

    ``claim(id)`` gives a ledger row (the article's stated figure); it does not count as reading
    data, so a check that only compares a claim with a constant is caught."""

    def __init__(self, descriptor_path: Path = paths.DATAPACKAGE) -> None:
        self.descriptor_path = descriptor_path
        self.read: set[str] = set()
        self.claims_read = False
        self._cache: dict[str, pd.DataFrame] = {}

    def table(self, name: str) -> pd.DataFrame:
        self.read.add(name)
        if name not in self._cache:
            self._cache[name] = data.load_table(name, self.descriptor_path)
        return self._cache[name].copy()

    def claim(self, claim_id: str) -> pd.Series:
        self.claims_read = True
        if "claims" not in self._cache:
            self._cache["claims"] = data.load_table("ledger/claims", self.descriptor_path)
        rows = self._cache["claims"]
        match = rows[rows["id"] == claim_id]
        if match.empty:
            raise LedgerError(f"data/ledger/claims.csv: no claim with id {claim_id!r}")
        return match.iloc[0]

    def value(self, table: str, row_id: str, column: str = "value") -> float:
        """One cell of a table keyed by ``id``, as a plain float (NaN raises)."""
        frame = self.table(table)
        match = frame[frame["id"] == row_id]
        if match.empty:
            raise LedgerError(f"data/{table}.csv: no row with id {row_id!r}")
        number = float(match.iloc[0][column])
        if math.isnan(number):
            raise LedgerError(f"data/{table}.csv, row {row_id!r}, field {column!r}: empty where a number is needed")
        return number


# ---------------------------------------------------------------------------------------------
# Check registry and runner
# ---------------------------------------------------------------------------------------------

CHECKS: dict[str, Callable[[DataAccess], CheckResult]] = {}

#: Where chapter modules live: a check defined in ``distillbook.chapters.<chapter>`` (or in a
#: module under it) is registered as ``<chapter>.<function>``.
CHAPTER_PACKAGE = "distillbook.chapters."


def check_name(fn: Callable) -> str:
    """The name a check is registered under: ``<chapter module>.<function>``
    (``distillbook.chapters.safety_paradox.experiment.f`` -> ``safety_paradox.f``); a check defined
    elsewhere (a test) takes its module's last dotted part."""
    module = fn.__module__
    if module.startswith(CHAPTER_PACKAGE):
        return f"{module.removeprefix(CHAPTER_PACKAGE).split('.', 1)[0]}.{fn.__name__}"
    return f"{module.rsplit('.', 1)[-1]}.{fn.__name__}"


@dataclasses.dataclass(frozen=True)
class Edit:
    """One cell of ``data/``: the row of ``table`` whose ``key`` column is ``row``, its ``column``."""

    table: str
    row: str
    column: str
    value: str
    key: str = "id"


@dataclasses.dataclass(frozen=True)
class Move:
    """Edits of ``data/`` under which a check's rule returns another verdict than the ledger's:
    the proof that the rule can return more than one verdict. ``why`` says what the edits stand
    for; they should stay within the values recorded in ``data/`` or cited on the page (a test
    applies every move and watches the verdict change)."""

    why: str
    edits: tuple[Edit, ...]


#: Each registered check's moves (see :class:`Move`), by check name.
MOVES: dict[str, tuple[Move, ...]] = {}
#: Each registered check's rule in words, for readers (the methods page; a claim box links to it).
#: Numbers only through ``{threshold-name:spec}`` placeholders (:func:`rule_text`).
RULES: dict[str, str] = {}


def check(fn: Callable[[DataAccess], CheckResult] | None = None, *, rule: str = "", moves: tuple[Move, ...] = ()):
    """Register a check under :func:`check_name`, with its rule in words and the moves that change
    its verdict (used as ``@check`` or ``@check(rule=..., moves=(...))``). Core never imports the
    chapters: whoever runs the ledger imports them first (``import distillbook.chapters.checks``),
    which fills this registry."""

    def register(function: Callable[[DataAccess], CheckResult]) -> Callable[[DataAccess], CheckResult]:
        name = check_name(function)
        CHECKS[name] = function
        MOVES[name] = tuple(moves)
        RULES[name] = rule
        return function

    return register(fn) if fn is not None else register


def rule_text(text: str) -> str:
    """A rule in words with its ``{threshold-name:spec}`` placeholders filled from the registered
    thresholds (:data:`THRESHOLDS`). KeyError names a placeholder that is not a threshold."""

    def fill_one(match: re.Match) -> str:
        name, spec = match.group(1), match.group(2) or ""
        if name not in THRESHOLDS:
            raise KeyError(f"rule placeholder {name!r} is not a registered threshold")
        value = THRESHOLDS[name].value
        return format(int(value) if value.is_integer() and not spec.endswith(("%", "f", "e", "g")) else value, spec)

    return re.sub(r"\{([a-z][a-z0-9-]*)(?::([^{}]*))?\}", fill_one, text)


def rule_anchor(name: str) -> str:
    """The anchor of a check's rule on the methods page: ``counting.snitchbench_runs`` ->
    ``rule-counting-snitchbench-runs``."""
    return "rule-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def resolve(name: str) -> Callable[[DataAccess], CheckResult]:
    """The registered check named ``module.function``."""
    if name not in CHECKS:
        raise LedgerError(
            f"check {name!r}: no function registered with @check under that name "
            f"({len(CHECKS)} registered; the chapters' checks register when their modules are imported: "
            f"import distillbook.chapters.checks)"
        )
    return CHECKS[name]


def run_check(name: str, descriptor_path: Path = paths.DATAPACKAGE) -> CheckResult:
    """Run one check on fresh data access; fail if it read nothing from ``data/``."""
    access = DataAccess(descriptor_path)
    result = resolve(name)(access)
    if not isinstance(result, CheckResult):
        raise LedgerError(f"check {name!r} returned {type(result).__name__}, not a CheckResult")
    if not access.read:
        raise LedgerError(f"check {name!r} read nothing from data/: a check must recompute from the tables")
    return dataclasses.replace(
        result, tables_read=tuple(sorted(access.read | {"ledger/claims"} if access.claims_read else access.read))
    )


def placeholders(template: str) -> list[str]:
    """The ``{name}`` / ``{name:spec}`` placeholders of a conclusion, by name."""
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def conclusion_text(row: pd.Series, result: CheckResult | None) -> str:
    """The claim's conclusion with its placeholders filled from the check's numbers, through the
    numbers register (:func:`distillbook.core.numbers.fill`), like every number in the prose."""
    template = row["conclusion"]
    if result is None:
        return template
    try:
        return fill(template, result.numbers)
    except (KeyError, ValueError, IndexError) as exc:
        raise LedgerError(
            f"claim {row['id']!r}: conclusion placeholder {exc} is not a number of check {row['check']!r} "
            f"(it gives: {', '.join(sorted(result.numbers)) or 'nothing'})"
        ) from exc


def _row_problems(row: pd.Series, every_chapter_exists: bool) -> list[str]:
    problems = []
    verdict, name = row["verdict"], row["check"]
    if verdict == PENDING:
        if every_chapter_exists:
            problems.append(f"claim {row['id']!r} is still 'pending' although every chapter exists")
    elif verdict == "opinion":
        if name:
            problems.append(
                f"claim {row['id']!r} is rated 'opinion' but names a check; opinions are discussed, not checked"
            )
        if not row["conclusion"]:
            problems.append(f"claim {row['id']!r} has no conclusion")
    else:
        if not name:
            problems.append(f"claim {row['id']!r} ({verdict}) names no check function")
        if not row["conclusion"]:
            problems.append(f"claim {row['id']!r} has no conclusion")
    return problems


def run_ledger(descriptor_path: Path = paths.DATAPACKAGE, root: Path | None = None) -> dict[str, CheckResult]:
    """Run every check of the ledger once; return results by claim id.

    Raises :class:`LedgerError` naming each claim whose check no longer supports its verdict."""
    root = root or descriptor_path.parent.parent
    claims = data.load_table("ledger/claims", descriptor_path)
    complete = pages.every_claim_page_exists(root)
    problems: list[str] = []
    results: dict[str, CheckResult] = {}
    for _, row in claims.iterrows():
        row_problems = _row_problems(row, complete)
        problems += row_problems
        if row_problems or not row["check"]:
            continue
        try:
            result = run_check(row["check"], descriptor_path)
            if result.verdict != row["verdict"]:
                shown = ", ".join(f"{k}={v}" for k, v in result.numbers.items())
                raise LedgerError(
                    f"claim {row['id']!r}: the ledger says {row['verdict']!r} but check {row['check']!r} "
                    f"now gives {result.verdict!r} ({shown})"
                )
            conclusion_text(row, result)
            results[row["id"]] = result
        except LedgerError as exc:
            problems.append(str(exc))
    if problems:
        raise LedgerError("the claims ledger does not hold:\n  - " + "\n  - ".join(problems))
    return results


# ---------------------------------------------------------------------------------------------
# The ledger at a glance: verdicts counted, and the article's sections named
# ---------------------------------------------------------------------------------------------

#: Short names of the article's sections (``article_section`` 0 to 5), as the chart labels them.
SECTION_NAMES: dict[int, str] = {
    0: "Introduction",
    1: "§1 Definitions",
    2: "§2 Counting",
    3: "§3 Safety paradox",
    4: "§4 Proxies",
    5: "§5 Double standards",
}

#: What each section of the article is about, in words (for chart descriptions, which may not
#: carry section numbers).
SECTION_TOPICS: dict[int, str] = {
    0: "the introduction",
    1: "the section on definitions",
    2: "the section on counting",
    3: "the section on the safety paradox",
    4: "the section on proxies",
    5: "the section on double standards",
}

#: Verdicts that say the article is right (fully or in substance), and those that say it is not.
RIGHT = ("accurate", "mostly-accurate")

WRONG = ("misleading", "inaccurate")

#: Verdicts that do not give the article its point: wrong, or without a source found.
WRONG_OR_UNSUPPORTED = (*WRONG, "unsupported")


def verdict_counts(claims: pd.DataFrame) -> dict[str, int]:
    """Claims per verdict, in the scale's order, zeros included (pending rows are not counted)."""
    counts = claims["verdict"].value_counts()
    return {verdict: int(counts.get(verdict, 0)) for verdict in VERDICTS}
