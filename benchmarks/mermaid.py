"""What serving Mermaid from the site (``visuals.mermaid_script: site``) costs a build.

The generated writeup (``benchmarks/generate.py``, a Mermaid diagram on a third of the
pages) is built with ``mermaid_script: cdn`` (Material loads Mermaid from unpkg.com:
nothing to copy) and ``site`` (the pinned copy, 3.6 MB, copied into the site),
alternately, in fresh processes (see ``benchmarks.options``). docs/visuals.md records
the numbers.

    python -m benchmarks.mermaid --pages 200 --rounds 3
"""

from __future__ import annotations

from .options import main

VARIANTS = {"mermaid-cdn": {"visuals": {"mermaid_script": "cdn"}},
            "mermaid-site": {"visuals": {"mermaid_script": "site"}}}

if __name__ == "__main__":
    main(VARIANTS, __doc__)
