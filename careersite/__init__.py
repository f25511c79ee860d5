"""careersite: a static site generator for company career pages."""

__version__ = "0.1.0"
