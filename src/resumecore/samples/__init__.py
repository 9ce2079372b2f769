"""Writing samples: a user's own resume or cover letter, whose style shapes what is written."""
