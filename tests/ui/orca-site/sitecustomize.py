# SPDX-License-Identifier: GPL-3.0-or-later
"""Loaded by the Orca the tests start (through PYTHONPATH): Orca's debug
log, named by MSK_ORCA_LOG, is written line by line, so that what it has
said is in the file at once and nothing is lost when it is stopped."""

import builtins
import os

_open = builtins.open
_log = os.environ.get("MSK_ORCA_LOG")


def _open_line_buffered(file, mode="r", buffering=-1, *args, **kwargs):
    if _log and file == _log and "w" in mode:
        buffering = 1
    return _open(file, mode, buffering, *args, **kwargs)


builtins.open = _open_line_buffered
