"""``python -m cs_audit``."""

from cs_audit.cli import main

main()
