"""The rule modules: each registers its rules with ``engine.registry.rule``; ``engine.checker`` loads them
all."""
