"""WRITE: turning a loaded site into files, all or nothing (see `freeze.freeze_site`)."""
