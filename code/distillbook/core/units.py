"""Units arithmetic shared by every chapter: rates per account, per day and per minute, runs of a
benchmark bought by a volume, and grids and ticks on a logarithmic scale. Pure functions; the unit
of every argument and result is in its docstring."""

from __future__ import annotations

import math

#: Minutes in a day, to turn a per-minute rate into a daily one.
MINUTES_PER_DAY = 24 * 60


def per_account(volume: float, accounts: float) -> float:
    """Average volume per account (e.g. exchanges / account); only an average: the report gives no
    distribution."""
    if accounts <= 0:
        raise ValueError("accounts must be positive")
    return volume / accounts


def per_day(volume: float, days: float) -> float:
    """Average volume per day over ``days`` days (e.g. exchanges / day)."""
    if days <= 0:
        raise ValueError("a campaign lasts at least part of a day")
    return volume / days


def throughput(
    requests_per_minute: float,
    input_tokens_per_minute: float | None = None,
    input_tokens_per_request: float = 0.0,
    cached_share: float = 0.0,
    output_tokens_per_minute: float | None = None,
    output_tokens_per_request: float = 0.0,
) -> float:
    """Requests a minute one account can send under its rate limits: the least of the request
    limit and what the token limits allow (requests / minute).

    ``input_tokens_per_minute`` limits the input tokens that count toward it: the request's input
    tokens less the ``cached_share`` (fraction, 0-1) read from the prompt cache, which on current
    models does not count. A limit given as None does not bind."""
    if requests_per_minute <= 0:
        raise ValueError("a request limit must be positive")
    if not 0 <= cached_share <= 1:
        raise ValueError("the cached share is a fraction between 0 and 1")
    allowed = [float(requests_per_minute)]
    counted_input = input_tokens_per_request * (1 - cached_share)
    if input_tokens_per_minute is not None and counted_input > 0:
        allowed.append(input_tokens_per_minute / counted_input)
    if output_tokens_per_minute is not None and output_tokens_per_request > 0:
        allowed.append(output_tokens_per_minute / output_tokens_per_request)
    return min(allowed)


def runs_bought(volume: float, per_run: float) -> float:
    """How many full runs ``volume`` exchanges pay for at ``per_run`` exchanges a run (runs, a
    fraction: what the volume buys)."""
    if per_run <= 0:
        raise ValueError("a run must contain at least one exchange")
    return volume / per_run


def runs_needed(volume: float, per_run: float) -> int:
    """Complete runs needed to reach ``volume`` exchanges at ``per_run`` exchanges a run (runs,
    rounded up: a part of a run does not reach the volume)."""
    return math.ceil(runs_bought(volume, per_run) - 1e-9)


def log_grid(low: float, high: float, points: int) -> list[float]:
    """``points`` values spaced evenly on a log scale from ``low`` to ``high`` inclusive."""
    if points < 2 or low <= 0 or high <= low:
        raise ValueError("need at least two points on a positive, increasing range")
    step = (math.log10(high) - math.log10(low)) / (points - 1)
    return [float(10 ** (math.log10(low) + i * step)) for i in range(points)]


def decades(values) -> list[float]:
    """Powers of ten from the one at or below the smallest positive value to the one at or above
    the largest: the tick values of a log axis."""
    positive = [float(v) for v in values if float(v) > 0]
    low, high = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
    return [float(10**e) for e in range(low, high + 1)]
