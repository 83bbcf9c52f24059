"""Stage 3, views: a ``Dataset`` and a day in; what the pages show and no single record holds out
(states on that day, roll-ups, who refers to whom, quarters, series, split lists), computed once
so that templates only look things up. ``checks`` holds the checks that need these figures.
"""
