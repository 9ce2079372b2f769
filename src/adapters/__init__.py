"""Adapters: implementations of the resumecore ports (SQL, security, mail, throttling, fakes)."""
