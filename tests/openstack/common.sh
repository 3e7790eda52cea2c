# shellcheck shell=bash
# Settings and helpers shared by start.sh and stop.sh (sourced, never run).
# Every setting can be overridden from the environment; see README.md.
# The settings are used by the scripts that source this file, not here:
# shellcheck disable=SC2034

OPENSTACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly OPENSTACK_DIR

readonly STATE_DIR=${VIETNIX_OPENSTACK_STATE:-/tmp/vietnix-openstack}
readonly KEYSTONE_PORT=${VIETNIX_KEYSTONE_PORT:-5000}
readonly NOVA_PORT=${VIETNIX_NOVA_PORT:-8774}
readonly START_TIMEOUT=${VIETNIX_OPENSTACK_START_TIMEOUT:-120}
readonly STOP_TIMEOUT=${VIETNIX_OPENSTACK_STOP_TIMEOUT:-15}
readonly DEBUG=${VIETNIX_OPENSTACK_DEBUG:-false}

# Loopback only: nothing of this stack may be reachable from outside the machine.
readonly BIND_HOST=127.0.0.1
readonly KEYSTONE_URL="http://$BIND_HOST:$KEYSTONE_PORT"
readonly NOVA_URL="http://$BIND_HOST:$NOVA_PORT"

readonly ADMIN_PASSWORD=admin-secret
readonly REGION=RegionOne
readonly NOVA_SERVICE_PASSWORD=nova-service-secret

# Debian's interpreter: the pyenv python3 first on PATH cannot see /usr/lib/python3/dist-packages.
readonly PYTHON=/usr/bin/python3
readonly UWSGI=/usr/bin/uwsgi
readonly KEYSTONE_MANAGE=/usr/bin/keystone-manage

# Unpacked from nova-common by install.sh.
readonly API_PASTE=/usr/local/share/vietnix-openstack/api-paste.ini

readonly ETC_DIR=$STATE_DIR/etc
readonly DB_DIR=$STATE_DIR/db
readonly LOG_DIR=$STATE_DIR/log
readonly RUN_DIR=$STATE_DIR/run
readonly KEYSTONE_KEYS_DIR=$STATE_DIR/keystone
readonly NOVA_STATE_DIR=$STATE_DIR/nova
readonly TARGET_FILE=$STATE_DIR/target.json
# Marks a directory as ours, so VIETNIX_OPENSTACK_RESET=1 never wipes a directory it did not create.
readonly STATE_MARKER=$STATE_DIR/.vietnix-openstack

log() { printf '[openstack] %s\n' "$*" >&2; }
die() { printf '[openstack] ERROR: %s\n' "$*" >&2; exit 1; }

pid_file_of() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

port_of() {
    case $1 in
        keystone) printf '%s' "$KEYSTONE_PORT" ;;
        nova-api) printf '%s' "$NOVA_PORT" ;;
        *) die "unknown service $1" ;;
    esac
}

cmdline_of() {
    # /proc/<pid>/cmdline is NUL-separated; spaces make it greppable.
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
}

pid_is_ours() {
    # A pid counts as ours only if that process was started with our pid-file path on its command line:
    # a recycled pid or a stale file never gets a signal from us.
    local pid=$1 pid_file=$2 state
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/stat ]] || return 1
    state=$(process_state "$pid")
    [[ -n $state && $state != Z ]] || return 1
    [[ " $(cmdline_of "$pid")" == *" --pidfile $pid_file "* ]]
}

process_state() {
    # Field 3 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so cut after its ')'.
    local stat
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
    stat=${stat##*) }
    printf '%s' "${stat%% *}"
}

running_pid_of() {
    # Prints the uwsgi master's pid when the service runs from this state dir; fails otherwise.
    local pid_file pid
    pid_file=$(pid_file_of "$1")
    [[ -r $pid_file ]] || return 1
    pid=$(tr -dc '0-9' <"$pid_file")
    pid_is_ours "$pid" "$pid_file" || return 1
    printf '%s' "$pid"
}

port_is_listening() {
    # bash's /dev/tcp: no dependency on ss/netstat, and it tests exactly what a client would do.
    (exec 3<>"/dev/tcp/$BIND_HOST/$1") 2>/dev/null
}

http_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true
}

now() { printf '%s' "$EPOCHREALTIME"; }

elapsed_since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f", now - start }'; }
