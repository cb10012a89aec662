"""Reports and exports for agencies: cohort HTML/CSV/JSON, certificates, xAPI statements."""
