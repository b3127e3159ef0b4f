"""Report writers: one module per format, a pure render/to function and a thin write."""
