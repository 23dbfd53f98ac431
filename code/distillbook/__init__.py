"""The book's one package: every page imports it, and nothing else computes a number.

Three layers, one folder each; imports point down only:

* ``core/``      what pages and checks use: paths, the pages and their order, data loading and
                 validation, assumptions (``params``), units, the claims ledger and its check
                 registry, the numbers register, ``Page``, charts, tables, prose scanning, seeds.
                 Core imports neither of the other layers.
* ``chapters/``  one module per page, named as the page (a subpackage where a chapter runs an
                 experiment or a simulation): its computations, charts and ledger checks.
                 A chapter imports only core.
* ``publish/``   turning pages into a site: the build driver, the Sphinx extension, citation
                 metadata, PDFs, the bibliography, lint and the local server. Only the command
                 line (``python -m distillbook``) imports it.
"""

__version__ = "0.2.0"
