"""``python -m docproc.queue worker|submit|queue ...`` (the same subcommands as ``docproc``)."""

import sys

from docproc.queue.cli import main

if __name__ == "__main__":
    sys.exit(main())
