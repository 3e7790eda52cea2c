#!/usr/bin/python3
"""Runs several keystone-manage commands in one interpreter.

    keystone_manage.py CONFIG_FILE 'db_sync' 'fernet_setup --keystone-user root --keystone-group root' ...

Each argument after the config file is one keystone-manage command line (split like a shell would).
Same code path as /usr/bin/keystone-manage (keystone.cmd.cli.main); the gain is time: every
keystone-manage run spends ~1.9 s importing Keystone, so the four first-start commands take ~9 s as
separate processes and ~4 s here. oslo.config's CONF is reset and cleared between commands, since
each one parses its own command line. Run with Debian's /usr/bin/python3.
"""

import shlex
import sys

from keystone.cmd import cli
from keystone.conf import CONF


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    config_file, commands = sys.argv[1], sys.argv[2:]
    for command in commands:
        print(f'keystone-manage {command}', file=sys.stderr, flush=True)
        cli.main(argv=['keystone-manage', '--config-file', config_file] + shlex.split(command))
        CONF.reset()
        CONF.clear()


if __name__ == '__main__':
    main()
