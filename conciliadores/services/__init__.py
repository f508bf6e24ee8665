"""Writes of conciliadores, one module per topic: registro (profiles, licences, sanctions,
refusals), sorteo (the verifiable draw), designacion (methods b and c, the manual replacement)
and apartamiento (excusación and recusación)."""
