"""The LLM writer: a language model rewrites the offline writer's text, every sentence verified."""
