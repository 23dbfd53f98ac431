"""The bibliography's style: author-year labels (:mod:`distillbook.publish.labels`) in the text
and in front of each entry, entries sorted by label, and each entry written once, with its access
date and source type once and the address last.

Three plugins, registered when the extension loads and named ``distillbook`` in ``_config.yml``
(``bibtex_default_style``, ``bibtex_reference_style``): pybtex's label, sorting and formatting
styles, and sphinxcontrib-bibtex's referencing style (several sources in one citation are
separated by semicolons, since a label holds a comma).
"""

from __future__ import annotations

import dataclasses

import pybtex.plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import date
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join, node, optional, sentence
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

from distillbook.publish import cite, labels

#: The name of every plugin here, as ``_config.yml`` selects them.
NAME = "distillbook"


def cited(entry) -> labels.Cited:
    """What :func:`distillbook.publish.labels.labels` needs of a pybtex entry."""
    author = " and ".join(str(person) for person in entry.persons.get("author", []))
    return labels.Cited(
        entry.key, author, entry.fields.get("year", ""), labels.from_latex(entry.fields.get("title", ""))
    )


@node
def authors(children, context):
    """The authors: ``Hinton, Vinyals and Dean``; a list that ends in ``others`` as ``Zhou et al.``."""
    people = context["entry"].persons["author"]
    others = bool(people) and str(people[-1]) == "others"
    style = context["style"]
    shown = [style.format_name(p, style.abbreviate_names) for p in (people[:-1] if others else people)]
    if others:
        return join(sep=", ")[shown].format_data(context) + Text(" et al.")
    return join(sep=", ", sep2=" and ", last_sep=" and ")[shown].format_data(context)


@node
def title_sentence(children, context):
    """The title, ending in one full stop unless it ends in its own (``?``, ``!``, ``.``, also
    inside closing quotation marks: ``“Anthropic is lying to us.”``)."""
    title = field("title").format_data(context)
    return title if cite.ends_sentence(labels.plain_text(title)) else title + Text(".")


class LabelStyle(BaseLabelStyle):
    """Author-year labels, unique among the entries of the bibliography."""

    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        found = labels.labels(cited(entry) for entry in entries)
        for entry in entries:
            yield found[entry.key]


class SortingStyle(BaseSortingStyle):
    """By author, then year (undated first, as APA orders them), then title: the labels' order."""

    def sorting_key(self, entry):
        item = cited(entry)
        return (labels.author_part(item.author).casefold(), item.year or "0000", item.title.casefold(), entry.key)


class Style(UnsrtStyle):
    """Authors. Title. Publisher, Month Year. Accessed ...; source type: .... Address."""

    default_label_style = NAME
    default_sorting_style = NAME

    def get_misc_template(self, e):
        return toplevel[
            sentence[authors],
            title_sentence,
            sentence[optional[field("howpublished")], optional[date]],
            sentence[optional[field("note")]],
            optional[href(field("url", raw=True))[field("url", raw=True)]],
        ]


@dataclasses.dataclass
class ReferenceStyle(LabelReferenceStyle):
    """``[Anthropic, 2026a; Hinton et al., 2015]``: labels in brackets, separated by semicolons."""

    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=lambda: BracketStyle(sep="; "))
    bracket_textual: BracketStyle = dataclasses.field(default_factory=lambda: BracketStyle(sep="; "))


def register() -> None:
    """Make the styles available under :data:`NAME` (idempotent)."""
    pybtex.plugin.register_plugin("pybtex.style.labels", NAME, LabelStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.sorting", NAME, SortingStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.formatting", NAME, Style, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ReferenceStyle, force=True)
