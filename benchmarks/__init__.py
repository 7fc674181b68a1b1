"""The build-overhead benchmark of mkdocs-portfolio.

``python -m benchmarks.generate``  writes a deterministic N-page ML writeup;
``python -m benchmarks.run``       builds it with and without the plugin, alternately;
``python -m benchmarks.small``     the fixed cost: 1 page, 10 pages and the demo site, both ways,
                                   and a ``mkdocs serve`` rebuild of the demo site;
``python -m benchmarks.serve``     measures ``mkdocs serve`` rebuild latency on loopback;
``python -m benchmarks.assets``    sizes the CSS and JS the plugin adds, and checks that
                                   a page load requests nothing from an outside host;
``python -m benchmarks.profile``   profiles one build with pyinstrument;
``python -m benchmarks.markdown_cost``  the Markdown side alone, with and without the extension;
``python -m benchmarks.dirty``     CPU of a ``serve --dirty`` rebuild (or ``--full`` build), part
                                   by part.

These are benchmarks, not tests: nothing here asserts a time. See docs/performance.md.
"""
