"""What link previews cost a build: ``previews.enabled`` off, on, and on with cards.

The generated writeup (``benchmarks/generate.py``) is built with previews off and with
them on (``--cards``: with a card image per page, drawn in the warm-up build and taken
from the cache after it), alternately, in fresh processes (see ``benchmarks.options``).
docs/performance.md records the numbers.

    python -m benchmarks.previews --pages 200 --rounds 5 [--cards]
"""

from __future__ import annotations

import sys

from .options import main

OFF = {"previews": {"enabled": False}}
ON = {"previews": {"enabled": True}}
CARDS = {"previews": {"enabled": True, "card": True}}

if __name__ == "__main__":
    cards = "--cards" in sys.argv[1:]
    argv = [a for a in sys.argv[1:] if a != "--cards"]
    main({"previews-off": OFF, "previews-cards" if cards else "previews-on":
          CARDS if cards else ON}, __doc__, argv)
