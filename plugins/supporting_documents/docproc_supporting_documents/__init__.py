"""docproc plugin: recognise the supporting documents of a residence-card application by their title."""

__version__ = "0.1.0"
