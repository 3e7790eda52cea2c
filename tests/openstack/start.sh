#!/usr/bin/env bash
# Starts real Keystone and nova-api (OpenStack Zed, Debian 12 packages) on 127.0.0.1 for the tests,
# configuring them on first use. See README.md for what runs where.
#
#   tests/openstack/start.sh                           # start, or re-ensure when already running
#   VIETNIX_OPENSTACK_RESET=1 tests/openstack/start.sh # stop, wipe the state dir, start from scratch
#
# Once both services answer it writes $STATE/target.json (what the Pester suite reads), openrc.admin,
# openrc.demo, openrc.appcred and clouds.yaml, and prints the endpoints. The services keep running
# after this script exits; tests/openstack/stop.sh stops them.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STARTED_AT=$(now)
readonly STARTED_AT
readonly PENDING_TARGET=$RUN_DIR/target.pending.json
readonly KEYSTONE_READY_MARKER=$DB_DIR/keystone.ready
readonly NOVA_READY_MARKER=$DB_DIR/nova.ready
readonly BOOTSTRAP_STAMP=$KEYSTONE_KEYS_DIR/bootstrap.stamp
readonly NOVA_DB_INIT_LOG=$LOG_DIR/nova-db-init.log
readonly KEYSTONE_MANAGE_LOG=$LOG_DIR/keystone-manage.log

nova_db_init_pid=

step() { log "$* ($(elapsed_since "$STARTED_AT")s)"; }

on_exit() {
    local status=$?
    # The background nova db init is our own child: do not leave it running if we failed early.
    if [[ -n $nova_db_init_pid ]] && kill -0 "$nova_db_init_pid" 2>/dev/null; then
        kill -TERM "$nova_db_init_pid" 2>/dev/null || true
    fi
    if [[ $status -ne 0 ]]; then
        log "start failed after $(elapsed_since "$STARTED_AT")s; logs are in $LOG_DIR (tests/openstack/stop.sh stops what did start)"
    fi
}
trap on_exit EXIT

require_installed_packages() {
    local path
    for path in "$PYTHON" "$UWSGI" "$KEYSTONE_MANAGE" /usr/lib/uwsgi/plugins/python3_plugin.so \
        /usr/lib/uwsgi/plugins/http_plugin.so /usr/lib/python3/dist-packages/nova /usr/bin/curl; do
        [[ -e $path ]] || die "$path is missing: run tests/openstack/install.sh first"
    done
}

wipe_state_if_asked() {
    [[ ${VIETNIX_OPENSTACK_RESET:-0} == 1 ]] || return 0
    "$OPENSTACK_DIR/stop.sh"
    [[ -e $STATE_DIR ]] || return 0
    # Never rm -rf a directory this script did not make (a mistyped VIETNIX_OPENSTACK_STATE).
    [[ -e $STATE_MARKER ]] || die "refusing to wipe $STATE_DIR: it has no $(basename "$STATE_MARKER") marker, so start.sh did not create it"
    step "VIETNIX_OPENSTACK_RESET=1: wiping $STATE_DIR"
    rm -rf -- "$STATE_DIR"
}

prepare_state_dir() {
    if [[ -e $STATE_DIR && ! -e $STATE_MARKER ]] && [[ -n $(ls -A "$STATE_DIR") ]]; then
        die "$STATE_DIR exists, is not empty and was not created by start.sh; choose another VIETNIX_OPENSTACK_STATE"
    fi
    mkdir -p "$ETC_DIR/keystone" "$ETC_DIR/nova" "$DB_DIR" "$LOG_DIR" "$RUN_DIR" \
        "$KEYSTONE_KEYS_DIR" "$NOVA_STATE_DIR/lock"
    # Holds passwords, fernet keys and tokens.
    chmod 700 "$STATE_DIR"
    touch "$STATE_MARKER"
}

refuse_foreign_port_users() {
    # A service of ours that runs must run on the port asked for now; a port that is not ours must be free.
    local name port pid
    for name in keystone nova-api; do
        port=$(port_of "$name")
        if pid=$(running_pid_of "$name"); then
            # The listening flag is launch_uwsgi's: a service started by an older start.sh (or on
            # another port) does not match it and is restarted by hand rather than reused.
            [[ " $(cmdline_of "$pid") " == *" --http $BIND_HOST:$port --http-keepalive "* ]] ||
                die "$name (pid $pid) runs from $STATE_DIR on another port than $port, or as an older start.sh launched it: run tests/openstack/stop.sh first"
        elif port_is_listening "$port"; then
            local variable=VIETNIX_KEYSTONE_PORT
            [[ $name == nova-api ]] && variable=VIETNIX_NOVA_PORT
            die "port $BIND_HOST:$port is in use by another process (set $variable to another port)"
        fi
    done
}

render_template() {
    # Fills @NAME@ placeholders from the shell variables of the same name.
    local template=$1 output=$2 text name
    text=$(<"$template")
    for name in STATE_DIR ETC_DIR DB_DIR LOG_DIR KEYSTONE_KEYS_DIR NOVA_STATE_DIR KEYSTONE_URL \
        REGION NOVA_SERVICE_PASSWORD DEBUG; do
        text=${text//@"$name"@/${!name}}
    done
    if [[ $text =~ @[A-Z_]+@ ]]; then
        die "$template: no value for placeholder ${BASH_REMATCH[0]}"
    fi
    printf '%s\n' "$text" >"$output.tmp"
    mv -f "$output.tmp" "$output"
}

render_configs() {
    # Regenerated on every start, so a changed port or template takes effect without a reset.
    render_template "$OPENSTACK_DIR/etc/keystone.conf.in" "$ETC_DIR/keystone/keystone.conf"
    render_template "$OPENSTACK_DIR/etc/nova.conf.in" "$ETC_DIR/nova/nova.conf"
    [[ -s $API_PASTE ]] || die "$API_PASTE is missing: run install.sh first"
    cp -f "$API_PASTE" "$ETC_DIR/nova/api-paste.ini"
    chmod 600 "$ETC_DIR/keystone/keystone.conf" "$ETC_DIR/nova/nova.conf"
}

create_wal_databases() {
    # With sqlite's default rollback journal a reader in one uwsgi worker blocks a writer in another
    # ("database is locked" after the 5 s busy timeout, HTTP 500). WAL mode lets them overlap, and it is
    # stored in the file, so setting it once before the schema migrations covers every later connection.
    "$PYTHON" - "$@" <<'PY'
import sqlite3, sys
for path in sys.argv[1:]:
    connection = sqlite3.connect(path)
    mode = connection.execute('PRAGMA journal_mode=WAL').fetchone()[0]
    connection.close()
    if mode != 'wal':
        sys.exit(f'{path}: journal_mode is {mode}, not wal')
PY
}

remove_databases() {
    local file
    for file in "$@"; do
        rm -f -- "$file" "$file-wal" "$file-shm"
    done
}

initialise_nova_databases() {
    # api db, cell0 mapping, cell db (and cell0's schema), cell1 mapping; see nova_init_databases.py.
    # Runs in the background while Keystone initialises and starts.
    remove_databases "$DB_DIR/nova_api.sqlite" "$DB_DIR/nova.sqlite" "$DB_DIR/nova_cell0.sqlite"
    create_wal_databases "$DB_DIR/nova_api.sqlite" "$DB_DIR/nova.sqlite" "$DB_DIR/nova_cell0.sqlite"
    "$PYTHON" "$OPENSTACK_DIR/nova_init_databases.py" "$ETC_DIR/nova/nova.conf" "$DB_DIR"
    touch "$NOVA_READY_MARKER"
}

start_nova_database_init_if_needed() {
    [[ -e $NOVA_READY_MARKER ]] && return 0
    step 'initialising the nova databases in the background'
    initialise_nova_databases >"$NOVA_DB_INIT_LOG" 2>&1 &
    nova_db_init_pid=$!
}

wait_for_nova_database_init() {
    [[ -n $nova_db_init_pid ]] || return 0
    local pid=$nova_db_init_pid
    nova_db_init_pid=
    wait "$pid" || die "nova database init failed; see $NOVA_DB_INIT_LOG"
    step 'nova databases ready'
}

bootstrap_stamp() {
    # What keystone-manage bootstrap was last run with; the password only as a hash.
    printf '%s %s %s' "$KEYSTONE_URL/v3/" "$REGION" \
        "$(printf '%s' "$ADMIN_PASSWORD" | sha256sum | cut -d' ' -f1)"
}

bootstrap_is_current() {
    [[ -e $BOOTSTRAP_STAMP && $(<"$BOOTSTRAP_STAMP") == "$(bootstrap_stamp)" ]]
}

keystone_manage() {
    # One interpreter for all the commands (see keystone_manage.py). bootstrap's settings go in as
    # OS_BOOTSTRAP_* variables: those win over keystone-manage's options, so a stray one in the
    # caller's environment cannot change what gets bootstrapped (and the password stays off ps).
    OS_BOOTSTRAP_PASSWORD=$ADMIN_PASSWORD OS_BOOTSTRAP_USERNAME=admin \
        OS_BOOTSTRAP_PROJECT_NAME=admin OS_BOOTSTRAP_ROLE_NAME=admin \
        OS_BOOTSTRAP_SERVICE_NAME=keystone OS_BOOTSTRAP_REGION_ID=$REGION \
        OS_BOOTSTRAP_ADMIN_URL=$KEYSTONE_URL/v3/ OS_BOOTSTRAP_INTERNAL_URL=$KEYSTONE_URL/v3/ \
        OS_BOOTSTRAP_PUBLIC_URL=$KEYSTONE_URL/v3/ \
        "$PYTHON" "$OPENSTACK_DIR/keystone_manage.py" "$ETC_DIR/keystone/keystone.conf" "$@" \
        >>"$KEYSTONE_MANAGE_LOG" 2>&1 ||
        die "keystone-manage failed; see $KEYSTONE_MANAGE_LOG and $LOG_DIR/keystone.log"
}

prepare_keystone() {
    # First use: schema, fernet token/receipt keys, credential keys. bootstrap (admin user, project
    # and role, the member and reader roles, identity endpoints) runs then, and again only when the
    # URL, region or password it was given changed.
    local commands=() owner group
    if [[ ! -e $KEYSTONE_READY_MARKER ]]; then
        remove_databases "$DB_DIR/keystone.sqlite"
        rm -rf -- "$KEYSTONE_KEYS_DIR"/{fernet-keys,fernet-receipts,credential-keys} "$BOOTSTRAP_STAMP"
        create_wal_databases "$DB_DIR/keystone.sqlite"
        owner=$(id -un)
        group=$(id -gn)
        commands+=(db_sync
            "fernet_setup --keystone-user $owner --keystone-group $group"
            "credential_setup --keystone-user $owner --keystone-group $group")
    fi
    bootstrap_is_current || commands+=(bootstrap)
    ((${#commands[@]} > 0)) || return 0
    step "keystone-manage ${commands[*]%% *}"
    keystone_manage "${commands[@]}"
    touch "$KEYSTONE_READY_MARKER"
    bootstrap_stamp >"$BOOTSTRAP_STAMP"
}

launch_uwsgi() {
    local name=$1 wsgi_file=$2 port=$3 processes=$4 threads=$5 config_env=$6 pid_file pid
    # A unix socket path holds at most 107 bytes.
    (( ${#RUN_DIR} + ${#name} + 6 <= 107 )) ||
        die "$RUN_DIR/$name.sock is too long for a unix socket: set VIETNIX_OPENSTACK_STATE to a shorter folder"
    pid_file=$(pid_file_of "$name")
    rm -f "$pid_file"
    # setsid: own session and process group, so the service outlives this script (and a CI step that
    # kills its process group), and stop.sh can signal exactly this group. A background job of a
    # script is no group leader, so setsid execs uwsgi in place and $! is the uwsgi master.
    # --http with --http-keepalive: uwsgi's HTTP router (its own process) holds the client connections
    #   with keep-alive and hands the workers one request at a time over a unix socket, as the proxy
    #   of a production cloud (TLS, load balancer) does. A worker serving HTTP itself (--http11-socket)
    #   stays with one keep-alive connection until it goes quiet for uwsgi's 4 s socket timeout, so a
    #   client with more connections than nova has workers waited 4 s per request on the extra ones;
    #   and the plain --http-socket closes connections that keystoneauth/requests then reuse ("Remote
    #   end closed connection without response").
    # --lazy-apps: each worker loads the app after the fork (no sqlite/eventlet state shared).
    # --die-on-term: TERM stops uwsgi 2.0 instead of reloading it.
    # --worker-reload-mercy/--reload-mercy: a worker still importing nova ignores the stop request
    #   for uwsgi's default 60 s.
    # --skip-atexit-teardown: nova's workers otherwise segfault in greenlet teardown on exit.
    # --pidfile: also on the command line on purpose: stop.sh checks /proc/<pid>/cmdline for it.
    setsid "$UWSGI" --plugin python3,http --http "$BIND_HOST:$port" --http-keepalive \
        --socket "$RUN_DIR/$name.sock" --chmod-socket=600 --wsgi-file "$wsgi_file" \
        --env "$config_env" --master --processes "$processes" --threads "$threads" \
        --enable-threads --lazy-apps --die-on-term --no-orphans --need-app \
        --worker-reload-mercy 5 --reload-mercy 8 --skip-atexit-teardown \
        --buffer-size 65535 --listen 100 --chdir "$STATE_DIR" --pidfile "$pid_file" \
        </dev/null >>"$LOG_DIR/$name-uwsgi.log" 2>&1 &
    pid=$!
    printf '%s\n' "$pid" >"$pid_file"
    step "starting $name on http://$BIND_HOST:$port (pid $pid)"
}

start_keystone_if_stopped() {
    running_pid_of keystone >/dev/null && return 0
    # One process with 4 threads: the in-memory cache only stays coherent (revocations, role changes)
    # inside one process.
    launch_uwsgi keystone "$OPENSTACK_DIR/wsgi/keystone-public.py" "$KEYSTONE_PORT" 1 4 \
        "OS_KEYSTONE_CONFIG_DIR=$ETC_DIR/keystone"
}

start_nova_if_stopped() {
    running_pid_of nova-api >/dev/null && return 0
    # Two single-threaded processes, like a small real deployment (nova is not thread-friendly).
    launch_uwsgi nova-api "$OPENSTACK_DIR/wsgi/nova-api.py" "$NOVA_PORT" 2 1 \
        "OS_NOVA_CONFIG_DIR=$ETC_DIR/nova"
}

wait_until_answering() {
    local name=$1 url=$2 deadline
    deadline=$(awk -v now="$EPOCHREALTIME" -v timeout="$START_TIMEOUT" 'BEGIN { printf "%d", now + timeout }')
    until [[ $(http_status "$url") == 200 ]]; do
        if ! running_pid_of "$name" >/dev/null; then
            tail -n 30 "$LOG_DIR/$name-uwsgi.log" >&2 || true
            die "$name exited while starting; see $LOG_DIR/$name-uwsgi.log and $LOG_DIR/$name.log"
        fi
        ((${EPOCHREALTIME%.*} < deadline)) || die "$name did not answer $url within ${START_TIMEOUT}s"
        sleep 0.2
    done
    step "$name answers $url"
}

ensure_keystone_resources() {
    VIETNIX_OS_ADMIN_PASSWORD=$ADMIN_PASSWORD VIETNIX_OS_NOVA_SERVICE_PASSWORD=$NOVA_SERVICE_PASSWORD \
        "$PYTHON" "$OPENSTACK_DIR/ensure_resources.py" --keystone-url "$KEYSTONE_URL" \
        --nova-port "$NOVA_PORT" --state-dir "$STATE_DIR" --target-out "$PENDING_TARGET"
    step 'keystone resources ensured'
}

publish_target_file() {
    # A rename within one directory tree on one filesystem: readers see the old file or the new one.
    mv -f "$PENDING_TARGET" "$TARGET_FILE"
}

print_summary() {
    cat <<EOF
OpenStack Zed (Debian 12) is up after $(elapsed_since "$STARTED_AT")s
  identity (keystone) : $KEYSTONE_URL/v3      pid $(running_pid_of keystone)
  compute  (nova-api) : $NOVA_URL/v2.1    pid $(running_pid_of nova-api)
  compute RegionTwo   : http://localhost:$NOVA_PORT/v2.1 (same nova-api)
  target file         : $TARGET_FILE
  openstack CLI       : . $STATE_DIR/openrc.demo  (or openrc.admin, openrc.appcred)
                        OS_CLIENT_CONFIG_FILE=$STATE_DIR/clouds.yaml openstack --os-cloud demo ...
  logs                : $LOG_DIR
  stop                : $OPENSTACK_DIR/stop.sh
EOF
}

main() {
    require_installed_packages
    wipe_state_if_asked
    refuse_foreign_port_users
    prepare_state_dir

    if running_pid_of keystone >/dev/null && running_pid_of nova-api >/dev/null; then
        step 'keystone and nova-api already run: re-ensuring resources only'
    else
        # Until both answer again, no target file: the suite must not take a half-started stack for up.
        rm -f "$TARGET_FILE"
        render_configs
        start_nova_database_init_if_needed
        prepare_keystone
        start_keystone_if_stopped
        wait_for_nova_database_init
        start_nova_if_stopped
    fi

    wait_until_answering keystone "$KEYSTONE_URL/v3"
    ensure_keystone_resources
    wait_until_answering nova-api "$NOVA_URL/v2.1/"
    publish_target_file
    print_summary
}

main "$@"
