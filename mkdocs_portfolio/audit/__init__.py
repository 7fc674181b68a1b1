"""The audit: the writeup checked against the portfolio checklist.

- :mod:`.checks`: one check per thing the checklist asks; :mod:`.run` runs them over
  the pages (neither imports MkDocs), giving :mod:`.findings` and a :mod:`.scorecard`;
- :mod:`.report`: the JSON report written into the site;
- :mod:`.auditor`: the MkDocs side, called by the plugin after every build.
"""
