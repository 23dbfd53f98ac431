"""One module per page of the book, named as the page (``chapters/safety-paradox.md`` ->
``distillbook.chapters.safety_paradox``), or a subpackage where a chapter runs an experiment or a
simulation. A chapter module computes its page's numbers, tables and charts, and defines the
ledger checks of the claims its page judges.

Chapter modules import only :mod:`distillbook.core`. The one exception is :mod:`.checks`, which
imports every chapter module so that core's check registry is full; whoever runs the whole
ledger (the build's gate, ``make lint``, the verdict page) imports it.

This package's ``__init__`` imports nothing: importing one chapter loads no other.
"""
