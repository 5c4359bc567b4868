"""Network analytics on GDS graphs projected from a projection and a scope; docs/analytics.md.

`graphs` projects and caches the GDS graphs and guards memory; `centrality`, `communities`
and `structure` run algorithms on them; `results` holds provenance, distributions and the
per-graph-version result cache; `compare` compares two partitions.
"""
