"""Reading, validating and writing Articula datasets and reference data."""
