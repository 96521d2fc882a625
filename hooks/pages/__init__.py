"""Post-processing of the built pages and assets."""
