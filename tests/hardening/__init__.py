"""Hardening: fault injection, fuzzing, concurrency and security tests (issue 6)."""
