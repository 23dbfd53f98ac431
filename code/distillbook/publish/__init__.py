"""Turning the pages into a site: the build driver (:mod:`.build`), the Sphinx extension
(:mod:`.sphinx`), citation metadata (:mod:`.cite`), PDFs (:mod:`.pdf`), the bibliography
(:mod:`.bib`), the fast checks (:mod:`.lint`), the import graph (:mod:`.imports`) and a loopback
server (:mod:`.serve`). Imported only by the command line and by itself."""
