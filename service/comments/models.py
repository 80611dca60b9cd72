"""Tables of this concern (to be written)."""
