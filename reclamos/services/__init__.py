"""Writes about claims: one function per act (see the modules)."""
