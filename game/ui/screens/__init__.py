"""Screens: small state objects with handle(event), update(dt) and draw(surface)."""
