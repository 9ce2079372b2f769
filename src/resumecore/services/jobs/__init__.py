"""Jobs: postings kept by a user, the shared catalog, application tracking."""
