"""Checks that hold for everything Herald sends a visitor, whatever page it is (issue 14)."""
