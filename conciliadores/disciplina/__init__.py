"""The conciliators' disciplinary procedure (Decreto 202/2015, Anexo II; decision 0027)."""
