"""The audit log: who changed what in the dashboard or through the admin API, and when (store.record)."""
