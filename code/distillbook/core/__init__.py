"""What every page and check uses. Imports neither :mod:`distillbook.chapters` nor
:mod:`distillbook.publish`: checks register themselves with :mod:`.ledger`'s registry when their
chapter is imported, and whoever runs the ledger imports the chapters first."""
