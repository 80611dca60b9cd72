"""Herald's benchmarks: builds against Pelican and Hugo, the service against Isso, measured side by side in one run."""
