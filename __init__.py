"""nianbao (年报): extract, check and review government information-disclosure annual reports."""

__version__ = "0.2.0"
