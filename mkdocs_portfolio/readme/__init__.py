"""A README brought in as a writeup: ``mkdocs-portfolio new DIR --from README.md`` and
``mkdocs-portfolio init``.

:mod:`.split` cuts the README into pages, :mod:`.links` rewrites their links and
images, :mod:`.files` reads the README, asks git and writes the files. No MkDocs.
"""
