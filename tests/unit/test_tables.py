"""Tables as pages show them: numeric columns marked for right alignment, text escaped."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup

from distillbook.core.tables import html_link, table


def test_numeric_columns_are_marked_and_text_is_escaped():
    frame = pd.DataFrame(
        {"lab": ["<b>DeepSeek</b>", "MiniMax"], "exchanges": [150_000, 13_000_000], "share": [0.9, 78.5]}
    )
    soup = BeautifulSoup(table(frame, caption="Caption")._repr_html_(), "html.parser")
    header = [th.get("class") for th in soup.select("thead th")]
    assert header == [None, ["num"], ["num"]]
    first = soup.select("tbody tr")[0].find_all("td")
    assert [td.get("class") for td in first] == [None, ["num"], ["num"]]
    assert first[0].get_text() == "<b>DeepSeek</b>"  # escaped, shown as text
    assert soup.find("caption").get_text() == "Caption"


def test_html_columns_keep_their_markup():
    frame = pd.DataFrame({"claim": [html_link("#claim-a", "a")], "n": [1]})
    soup = BeautifulSoup(table(frame, html_columns=("claim",))._repr_html_(), "html.parser")
    assert soup.find("a")["href"] == "#claim-a"
