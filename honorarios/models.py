"""Models of honorarios (filled by its issue)."""
