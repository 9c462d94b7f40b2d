"""Pure rules: plain data in, plain data out; nothing here imports Django."""
