"""Desk audits: many stories at once, a store that accumulates them, quote provenance across them, and quote checks."""
