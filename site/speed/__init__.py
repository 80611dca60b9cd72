"""The speed-up code, apart from the features: the build cache, worker processes, page signatures."""
