"""Widgets: nouns that render a piece of session state and send nothing themselves."""
