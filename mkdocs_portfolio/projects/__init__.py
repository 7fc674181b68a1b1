"""Several projects in one site: each with its own overview and audit, a gallery home
of project cards, a page per tag, and the author's hero and byline."""
