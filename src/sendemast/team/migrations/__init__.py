"""Alembic migrations of the team database, shipped in the package and run by ``open_database``."""
