"""The numbers register: the one way a computed value reaches the prose.

A chapter calls :func:`register` with a key and a plain Python value; the prose shows it with
``{glue:text}`key:<spec>``` where the spec ends in a type character (``,d``, ``,.0f``, ``.1%``).

Only plain values are stored: ``int``, finite ``float`` and non-empty ``str``. numpy and pandas
scalars are refused (with numpy 2 their text form is ``np.float64(...)``, which glue cannot
format), and so are ``None``, NaN, booleans and a key registered twice in one kernel.
"""

from __future__ import annotations

import math
import re
from typing import Any

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")


class NumberError(ValueError):
    """A value or key that may not reach the prose."""


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is part of the stack
        return False
    return get_ipython() is not None


def plain_value(key: str, value: Any) -> int | float | str:
    """``value`` if it is a plain ``int``, finite ``float`` or non-empty ``str``; else NumberError."""
    kind = type(value)
    if kind is bool or value is None:
        raise NumberError(f"number {key!r}: {value!r} is not a number or text; register a plain int, float or str")
    if kind.__module__.split(".")[0] in {"numpy", "pandas"}:
        raise NumberError(
            f"number {key!r}: {kind.__name__} is a numpy/pandas scalar; convert it with int() or float() first"
        )
    if kind is float and not math.isfinite(value):
        raise NumberError(f"number {key!r}: {value!r} is not a finite number")
    if kind is str and not value.strip():
        raise NumberError(f"number {key!r}: empty text")
    if kind not in (int, float, str):
        raise NumberError(f"number {key!r}: {kind.__name__} is not a plain int, float or str")
    return value


class Register:
    """The values one page has registered, in order. Keys are unique within the page."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def add(self, key: str, value: Any, *, display_value: Any | None = None) -> Any:
        """Record ``key`` and glue it (inside a kernel); return ``value`` unchanged."""
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise NumberError(f"number key {key!r}: use lower-case letters, digits, '-' and '_' (no ':')")
        if key in self.values:
            raise NumberError(f"number {key!r} is registered twice on this page")
        glued = display_value if display_value is not None else plain_value(key, value)
        self.values[key] = glued
        if _in_kernel():
            from myst_nb import glue

            glue(key, glued, display=False)
        return value


def rounded(value: float, unit: str = "") -> str:
    """A computed estimate as prose shows it: three significant figures with thousands separators
    (``2,615,160`` -> ``2,620,000``; ``0.01875`` -> ``0.0188``), or a percentage when ``unit`` is
    ``fraction``."""
    if unit == "fraction":
        return f"{float(f'{value * 100:.3g}'):g}%"
    if value == 0:
        return "0"
    three = float(f"{value:.3g}")
    return f"{three:,.0f}" if abs(three) >= 100 else f"{three:g}"


def unit_suffix(unit: str) -> str:
    """The unit as it follows a number in prose: nothing for plain numbers and for fractions
    (shown as percentages), else a space and the unit."""
    return "" if unit in ("", "fraction") else f" {unit}"


def span(low: float, high: float, unit: str = "") -> str:
    """A range as prose shows it, both ends rounded as :func:`rounded` rounds them and the unit
    once at the end (``19.8 to 78 model calls``; ``10% to 50%``)."""
    return f"{rounded(low, unit)} to {rounded(high, unit)}{unit_suffix(unit)}"


def fill(template: str, values: dict[str, Any]) -> str:
    """``template`` with its ``{key:spec}`` placeholders filled from ``values``, each a plain value
    (checked as :func:`plain_value` checks it) formatted as glue formats it: the way a check's
    numbers reach a claim's conclusion. KeyError for a placeholder without a value."""
    return template.format(**{key: plain_value(key, value) for key, value in values.items()})


def register(key: str, value: Any, register_: Register | None = None) -> Any:
    """Register a plain value under ``key`` in ``register_`` (default: the module-wide one)."""
    return (register_ or DEFAULT).add(key, value)


DEFAULT = Register()
