"""docproc plugin reading Japanese residence cards and old alien registration certificates."""
