"""The checker's engine: the rule registry, a post cut up once, the rules as data, the check itself and its
result, the tip scores, batches and the human rendering."""
