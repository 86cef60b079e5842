"""`tinbot bench`: measurements of speed, memory and retrieval quality, each beside a same-run baseline."""
