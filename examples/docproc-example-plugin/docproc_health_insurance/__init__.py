"""Worked example of a docproc plugin: the national health insurance card (国民健康保険被保険者証)."""

__version__ = "0.1.0"
