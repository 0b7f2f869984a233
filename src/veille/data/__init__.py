"""Data bundled with veille: the demo corpus."""
