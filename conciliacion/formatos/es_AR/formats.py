"""Argentina: dates as people write them on forms (23/11/2026), 1.234,56, weeks from Monday."""

DATE_FORMAT = r"d/m/Y"
DATETIME_FORMAT = r"d/m/Y H:i"
SHORT_DATE_FORMAT = r"d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
