"""Hindi: Django gives Hindi a date but no date-and-time format (it would borrow English "मई 30, 2024, …") and
translates both AM and PM as "बजे", so a 12-hour clock cannot say which half of the day it is: times are 24-hour.
Numbers group as Indians read them, lakh and crore (12,34,567)."""

DATE_FORMAT = "j F Y"  # 30 मई 2024
TIME_FORMAT = "G:i"  # 14:05
DATETIME_FORMAT = "j F Y, G:i"  # 30 मई 2024, 14:05
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y G:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)  # the first three digits, then pairs
