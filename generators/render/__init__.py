"""Stage 4, render: views in; ``{path under content/: text or bytes}`` out, by pure functions
(Markdown pages from the Jinja templates in ``templates/``, the staff guide, feeds and calendars,
downloads, QR codes, SVG charts), listed in ``outputs``; ``generate`` writes only what changed.
"""
