"""Models of audiencias (filled by its issue)."""
