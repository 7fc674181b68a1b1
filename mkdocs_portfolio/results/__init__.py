"""Results from the experiment's own files: tables of records for charts (:mod:`.tables`).

Imports no MkDocs and no Markdown: the Markdown extension and the command line read it.
"""
