"""Clients of the Doorstep server: the terminal and the desktop window joining assessed sessions
over its HTTP API (`--server URL` or DOORSTEP_SERVER), queueing choices while the network is down."""
