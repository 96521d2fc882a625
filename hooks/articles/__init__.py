"""Articles as files: drafts that stay unpublished, and the skeleton of a new article."""
