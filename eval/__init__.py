"""Offline evaluations of resumecore components against fixtures written by the team."""
