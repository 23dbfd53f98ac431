"""The numbers register refuses what glue would render wrongly."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from distillbook.core.numbers import NumberError, Register


@pytest.mark.parametrize(
    "value", [np.float64(4451.5), np.int64(3), pd.NA, None, math.nan, math.inf, True, "", " ", [1]]
)
def test_values_glue_cannot_show_are_refused(value):
    with pytest.raises(NumberError):
        Register().add("x", value)


@pytest.mark.parametrize("value", [3, 4451.5, "MiniMax"])
def test_plain_values_are_kept_unchanged(value):
    register = Register()
    assert register.add("x", value) == value
    assert register.values == {"x": value}


def test_a_key_registered_twice_is_refused():
    register = Register()
    register.add("share", 0.5)
    with pytest.raises(NumberError, match="registered twice"):
        register.add("share", 0.5)


@pytest.mark.parametrize("key", ["Share", "a:b", "1x", "", "with space"])
def test_keys_must_be_safe_for_the_glue_role(key):
    with pytest.raises(NumberError):
        Register().add(key, 1)
