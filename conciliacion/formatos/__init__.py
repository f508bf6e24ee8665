"""Date and number formats per locale (settings.FORMAT_MODULE_PATH); Django fills in the rest.

Only es_AR is adjusted: Peruvian amounts are written with their own filter (libro_tags.soles,
formato.moneda with "PEN"), whatever the reader's browser language.
"""
