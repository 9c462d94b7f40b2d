"""Pure rules of the catalogue: plain values in, plain values out, no Django."""
