"""The terminal shell: command line, terminal player, reports printed as text."""
