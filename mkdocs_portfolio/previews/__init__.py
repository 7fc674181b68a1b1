"""Link previews: the Open Graph and Twitter card tags a previewer reads from a page.

:mod:`.meta` (no MkDocs) makes a page's tags from what its record knows, :mod:`.cards`
draws card images, :mod:`.builder` is the MkDocs side: it works out each page's
preview once every page is converted and puts the tags into the built pages.
"""
