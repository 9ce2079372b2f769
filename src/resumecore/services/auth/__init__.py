"""Accounts and sessions: register, login, refresh, logout, passwords."""
