"""The default catalogue that ships with the app: its content files and their loader."""
