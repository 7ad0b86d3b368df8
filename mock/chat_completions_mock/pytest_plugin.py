"""pytest plugin of the mock server (fixtures come with the mock; see README)."""
