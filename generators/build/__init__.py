"""Stage 5, build: ``content/`` in; a built and scanned ``site/`` out. ``mkdocs`` runs a strict
MkDocs build into a temporary folder, ``htmlscan`` checks every published file, and only then is
the new site swapped in for the old one.
"""
