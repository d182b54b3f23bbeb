"""The plain-text front end (`--plain`): a live session as lines, for screen readers.

No full-screen UI and no Textual: lines are appended, never redrawn, with no colour and
no cursor movement. The core decides, as it does for the full app; this package only
reads keys, asks, and says what changed.
"""
