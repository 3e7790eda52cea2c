#!/usr/bin/python3
"""Creates nova's databases for the test stack, in one interpreter.

    nova_init_databases.py NOVA_CONF DB_DIR

The same steps, in the same order, as
    nova-manage api_db sync
    nova-manage cell_v2 map_cell0 --database_connection sqlite:///DB_DIR/nova_cell0.sqlite
    nova-manage db sync                      (the cell database and cell0's)
    nova-manage cell_v2 create_cell --name cell1 --transport-url fake://
                                    --database_connection sqlite:///DB_DIR/nova.sqlite
calling the methods those commands call. /usr/bin/nova-manage belongs to nova-common, a service
package we do not install; and nova-manage cannot run twice in one process (oslo.db refuses to
reconfigure a started engine facade), while four separate runs spend ~2 s each just importing nova.
Run with Debian's /usr/bin/python3.
"""

import os
import sys

from nova import config
from nova import objects
from nova.cmd import manage


def run(description, call):
    print(f'nova-manage {description}', file=sys.stderr, flush=True)
    status = call()
    # The commands return None or 0 on success, a non-zero code otherwise (as nova-manage's exit code).
    if status not in (None, 0):
        sys.exit(f'nova-manage {description} failed with {status}')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    config_file, db_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    cell0_url = f'sqlite:///{db_dir}/nova_cell0.sqlite'
    cell1_url = f'sqlite:///{db_dir}/nova.sqlite'

    config.parse_args(['nova-manage', '--config-file', config_file])
    objects.register_all()
    cells = manage.CellV2Commands()
    run('api_db sync', manage.ApiDbCommands().sync)
    run('cell_v2 map_cell0', lambda: cells.map_cell0(database_connection=cell0_url))
    run('db sync', manage.DbCommands().sync)
    run('cell_v2 create_cell --name cell1',
        lambda: cells.create_cell(name='cell1', transport_url='fake://', database_connection=cell1_url))


if __name__ == '__main__':
    main()
