"""Amounts of money as people read them."""

from decimal import Decimal

from django.template.defaultfilters import floatformat


def euro(value, *, cents: bool = True) -> str:
    """An amount as "€ 1.800,00" in the active language, the sign and the figure joined by a
    no-break space so that a narrow column or a wrapped sentence never puts them on two lines;
    '' for no amount. ``cents=False``: a whole amount without them ("€ 100", as rules and
    announcements write it), any other with them ("€ 12,50")."""
    if value is None or value == "":
        return ""
    places = "2g"
    if not cents and Decimal(str(value)) == Decimal(str(value)).to_integral_value():
        places = "0g"
    return f"€\u00a0{floatformat(value, places)}"
