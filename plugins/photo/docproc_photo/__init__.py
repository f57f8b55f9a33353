"""docproc plugin: recognise the applicant's ID photo and check it against the photo specification."""
