# SPDX-License-Identifier: MIT
"""Checks shared by the tests of text output made from hostile input."""
import sys


def read_clean(path, what):
    """The text of `path`, after checking it is valid UTF-8 without control
    characters (newlines aside): exits with a message naming `what` if not."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        sys.exit("%s is not valid UTF-8: %s" % (what, e))
    bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or ord(c) == 0x7f]
    if bad:
        sys.exit("%s has control characters: %r" % (what, bad))
    return text
