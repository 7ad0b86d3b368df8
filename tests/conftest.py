"""Shared test configuration. The contract tool's options live in its own pytest plugin (`--contract-*`, see
docs/contract.md); its tests are in tests/contract."""
