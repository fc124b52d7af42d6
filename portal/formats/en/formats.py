"""British English dates for the portal's English pages: 17 October 1941, not Oct. 17, 1941."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
