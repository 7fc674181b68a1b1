"""The overview page, assembled from the records of every page, and the page info.

- :mod:`.model`: what each section shows; :mod:`.gather` fills it from the page
  records (neither imports MkDocs);
- :mod:`.render`: the Jinja templates, the author's markers, the table of contents;
- :mod:`.placement`: which file is the overview, and its place in the navigation;
- :mod:`.builder`: the MkDocs side, called by the plugin's hooks;
- :mod:`.page_info`: reading time and TL;DR at the top of every page;
- :mod:`.rebase` and :mod:`.summary`: relative links, summaries and reading times.
"""
