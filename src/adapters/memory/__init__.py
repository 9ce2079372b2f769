"""In-memory fakes of the ports, for unit tests; kept honest by the contract tests."""
