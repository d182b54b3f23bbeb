"""Screens: home (choose a plan), session (run it), replay (watch it again), help."""
