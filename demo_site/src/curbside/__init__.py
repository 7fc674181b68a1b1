"""Curbside: routes a city's 311 service requests to the crew that can fix them."""

__version__ = "1.4.0"
