"""Staff and CI tools built on the stages: ``diff`` (what a change does, for the pull request),
``new`` (a stub record), ``schema`` (editor schemas), ``synth`` (synthetic data for benchmarks),
``serve`` (live preview) and ``annotations`` (GitHub's report format). Nothing below imports them.
"""
