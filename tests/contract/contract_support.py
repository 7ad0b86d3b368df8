"""What the tests of the contract tool share (imported as `contract_support`; tests/contract is on pytest's pythonpath)."""

from __future__ import annotations

#: The key the session's mock requires.
KEY = "sk-contract-tests-0123456789"
