"""`python -m sessiontui` is the same as the `sessiontui` command."""

from sessiontui.cli import main

raise SystemExit(main())
