"""Desk audits: many stories at once, quote provenance across them, and quote checks against a story."""
