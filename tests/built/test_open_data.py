"""The verdicts as open data: claims.json and feed.xml are published by every build, validate
against the schemas kept in the repository, agree with the ledger and the corrections log (read
here with the csv module), and every link in them leads to an anchor of the built site. Also the
record of editions (data/ledger/editions.csv)."""

from __future__ import annotations

import copy
import functools
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree, isoschematron

from conftest import ROOT, SITE, read_csv

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASEURL = CONFIG["html"]["baseurl"].rstrip("/") + "/"
VERSION = CONFIG["sphinx"]["config"]["book_version"]
SCHEMA = json.loads((ROOT / "code" / "distillbook" / "publish" / "schemas" / "claims.schema.json").read_text())
SCHEMAS = ROOT / "tests" / "schemas"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@functools.cache
def anchors(page: str) -> frozenset[str]:
    """The ids of one built page (its path relative to the site)."""
    soup = BeautifulSoup((SITE / page).read_text(encoding="utf-8"), "html.parser")
    return frozenset(tag["id"] for tag in soup.find_all(id=True))


def resolves(url: str) -> bool:
    """True when a public URL of the book names a built page and an anchor on it."""
    assert url.startswith(BASEURL), url
    page, _, anchor = url.removeprefix(BASEURL).partition("#")
    return (SITE / page).is_file() and bool(anchor) and anchor in anchors(page)


def claims_json() -> dict:
    return json.loads((SITE / "claims.json").read_text(encoding="utf-8"))


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


# ---------------------------------------------------------------------------------------------
# claims.json
# ---------------------------------------------------------------------------------------------


def test_claims_json_is_valid_against_its_schema():
    validator().validate(claims_json())


@pytest.mark.parametrize(
    "breakage",
    ["no title", "verdict off the scale", "url without anchor", "number as version"],
)
def test_the_schema_refuses_a_broken_record(breakage):
    document = copy.deepcopy(claims_json())
    claim = document["claims"][0]
    if breakage == "no title":
        del claim["title"]
    elif breakage == "verdict off the scale":
        claim["verdict"] = "true-ish"
    elif breakage == "url without anchor":
        claim["url"] = claim["url"].split("#")[0]
    else:
        claim["version"] = 2
    assert list(validator().iter_errors(document)), breakage


def test_the_schema_is_published_beside_the_data():
    assert json.loads((SITE / "claims.schema.json").read_text(encoding="utf-8")) == SCHEMA
    assert claims_json()["$schema"] == f"{BASEURL}claims.schema.json"


def test_claims_json_holds_every_rated_claim_of_the_ledger_as_it_stands():
    rows = [row for row in read_csv("ledger/claims.csv") if row["verdict"] != "pending"]
    published = claims_json()
    assert published["version"] == VERSION and published["author"] == CONFIG["author"]
    assert [claim["id"] for claim in published["claims"]] == [row["id"] for row in rows]
    for claim, row in zip(published["claims"], rows, strict=True):
        assert claim["quote"] == row["quote"]
        assert claim["context"] == (row["context"] or row["quote"])
        assert claim["verdict"] == row["verdict"]
        assert claim["verdict_label"] == row["verdict"].replace("-", " ")
        assert claim["chapter"] == row["chapter"]
        assert claim["article_section"] == int(row["article_section"])
        assert claim["as_of"] == row["as_of"]
        assert claim["version"] == VERSION
        page = "index.html" if row["chapter"] == "index" else f"chapters/{row['chapter']}.html"
        assert claim["url"] == f"{BASEURL}{page}#claim-{row['id']}"
        # no placeholder of the conclusion left unfilled
        assert claim["conclusion"] and not re.search(r"\{[a-z_]+(:[^}]*)?\}", claim["conclusion"])


def test_each_claim_title_is_its_title_column():
    titles = {row["id"]: row["title"] for row in read_csv("ledger/claims.csv")}
    wrong = [(c["id"], c["title"]) for c in claims_json()["claims"] if c["title"] != titles[c["id"]]]
    assert not wrong, f"claims.json titles that are not the ledger's title column: {wrong}"


def test_every_link_in_claims_json_leads_to_its_claims_box():
    dead = [claim["url"] for claim in claims_json()["claims"] if not resolves(claim["url"])]
    assert dead == []


# ---------------------------------------------------------------------------------------------
# feed.xml
# ---------------------------------------------------------------------------------------------


def feed() -> etree._Element:
    return etree.parse(str(SITE / "feed.xml")).getroot()


def relax_ng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom-rfc4287.rng")))


def schematron() -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(SCHEMAS / "atom-rfc4287.sch")))


def test_feed_is_valid_atom():
    schema = relax_ng()
    assert schema.validate(feed()), str(schema.error_log)
    rules = schematron()
    assert rules.validate(feed()), str(rules.error_log)


def test_the_atom_schemas_refuse_a_broken_feed():
    without_id = feed()
    without_id.remove(without_id.find("a:id", ATOM))
    assert not relax_ng().validate(without_id)
    bad_date = feed()
    bad_date.find("a:updated", ATOM).text = "30 November 2026"
    assert not relax_ng().validate(bad_date)
    entries = feed().findall("a:entry", ATOM)
    assert entries, "the feed has entries; this test needs one"
    no_link = feed()
    for link in no_link.find("a:entry", ATOM).findall("a:link", ATOM):
        link.getparent().remove(link)
    no_link.find("a:entry", ATOM).remove(no_link.find("a:entry", ATOM).find("a:content", ATOM))
    assert relax_ng().validate(no_link)  # the grammar allows it; RFC 4287's rule does not
    assert not schematron().validate(no_link)


def verdict_changes() -> list[dict[str, str]]:
    return [
        row
        for row in read_csv("ledger/corrections.csv")
        if row["verdict_before"] and row["verdict_after"] and row["verdict_before"] != row["verdict_after"]
    ]


def test_feed_has_one_entry_per_verdict_change_linking_to_the_claim():
    changes = verdict_changes()
    entries = feed().findall("a:entry", ATOM)
    assert len(entries) == len(changes)
    chapters = {row["id"]: row["chapter"] for row in read_csv("ledger/claims.csv")}
    expected = set()
    for row in changes:
        page = "index.html" if chapters[row["claim_id"]] == "index" else f"chapters/{chapters[row['claim_id']]}.html"
        expected.add((f"{BASEURL}{page}#claim-{row['claim_id']}", row["verdict_after"], row["date"]))
    found = {
        (
            entry.find("a:link[@rel='alternate']", ATOM).get("href"),
            entry.find("a:category", ATOM).get("term"),
            entry.find("a:updated", ATOM).text[:10],
        )
        for entry in entries
    }
    assert found == expected
    ids = [entry.find("a:id", ATOM).text for entry in entries]
    assert len(set(ids)) == len(ids)


def test_every_link_in_the_feed_resolves():
    root = feed()
    assert root.find("a:link[@rel='self']", ATOM).get("href") == f"{BASEURL}feed.xml"
    corrections = root.find("a:link[@rel='alternate']", ATOM).get("href")
    assert corrections == f"{BASEURL}appendices/corrections.html" and (SITE / "appendices/corrections.html").is_file()
    dead = [link.get("href") for link in root.findall("a:entry/a:link", ATOM) if not resolves(link.get("href"))]
    assert dead == []


def test_every_page_announces_the_feed():
    pages = [path for path in SITE.rglob("*.html") if not path.relative_to(SITE).parts[0].startswith("_")]
    pages = [path for path in pages if path.name not in ("404.html", "genindex.html", "search.html")]
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = soup.find_all("link", rel="alternate", type="application/atom+xml")
        assert len(links) == 1, path
        assert (path.parent / links[0]["href"]).resolve() == (SITE / "feed.xml").resolve(), path


# ---------------------------------------------------------------------------------------------
# Editions
# ---------------------------------------------------------------------------------------------


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_editions_end_with_the_version_being_published():
    editions = read_csv("ledger/editions.csv")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    last = editions[-1]
    assert last["version"] == VERSION == cff["version"]
    assert last["date"] == cff["date-released"]
    assert last["commit"] == "", "the edition being prepared has no commit until its release"
    versions = [version_key(row["version"]) for row in editions]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    dates = [row["date"] for row in editions]
    assert dates == sorted(dates)


def test_each_published_edition_names_a_commit_of_the_repository():
    published = read_csv("ledger/editions.csv")[:-1]
    assert published, "the first edition is published"
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the commits cannot be looked up")
    for row in published:
        assert re.fullmatch(r"[0-9a-f]{40}", row["commit"]), row
        found = subprocess.run(["git", "cat-file", "-e", f"{row['commit']}^{{commit}}"], cwd=ROOT, check=False)
        assert found.returncode == 0, f"{row['version']}: commit {row['commit']} is not in this repository"


def test_corrections_name_only_editions_that_exist():
    versions = {row["version"] for row in read_csv("ledger/editions.csv")}
    assert {row["version"] for row in read_csv("ledger/corrections.csv")} <= versions


def test_site_paths_are_files():
    for name in ("claims.json", "claims.schema.json", "feed.xml"):
        assert Path(SITE / name).is_file(), name
