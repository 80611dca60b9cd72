"""Routes of this concern (to be written)."""
