"""mkdocs-portfolio: present a machine-learning project as a website."""

__version__ = "0.1.0"

__all__ = ["__version__"]
