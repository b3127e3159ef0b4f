"""Desk audits: many stories at once, a store that accumulates them, and what they add up to."""
