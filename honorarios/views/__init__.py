"""Pages of fees (honorarios.views.honorarios), fines (.multas) and dated values (.valores)."""
