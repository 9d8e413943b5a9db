"""Migration commands: makemigrations, migrate, showmigrations and tables."""
