"""Pure rules: plain data in, plain data out.

Nothing in this package imports Django, touches the database or reads the clock (a caller
that needs "today" passes it in); the queries turn rows into the frozen dataclasses the
rules take.
"""
