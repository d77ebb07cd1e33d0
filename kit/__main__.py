"""``python -m kit``: see :mod:`kit.cli`."""

from kit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
