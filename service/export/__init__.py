"""A projected network as a file: its node table (the network's attributes, and the scores
and communities a request names) and the formats that write it."""
