"""What audiencias registers upstream: transition hooks, plazo consequences and responsables,
document access and the claim page's sections. One block per area (turnos, cedulas, audiencia)."""
