"""sessiontui: run an online peer-support session from a TOML plan, and log it for trainers."""

__version__ = "0.1.0"
