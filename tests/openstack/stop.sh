#!/usr/bin/env bash
# Stops the Keystone and nova-api that tests/openstack/start.sh started from this state dir, and only
# those: a pid counts only when /proc/<pid>/cmdline carries our pid-file path. TERM to the uwsgi
# master first; KILL to its own process group only if something of it is still alive after
# VIETNIX_OPENSTACK_STOP_TIMEOUT (15 s). Never pkill/killall. Idempotent.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STARTED_AT=$(now)
readonly STARTED_AT

live_members_of_group() {
    # Pids in process group $1 that still run. Zombies do not count: the container's PID 1 reaps
    # orphans only after a few seconds, and a zombie holds no port or file.
    local pgid=$1 stat_file stat rest state group
    for stat_file in /proc/[0-9]*/stat; do
        { read -r stat <"$stat_file"; } 2>/dev/null || continue
        rest=${stat##*) }
        read -r state _ group _ <<<"$rest"
        if [[ $group == "$pgid" && $state != Z ]]; then
            stat_file=${stat_file#/proc/}
            printf '%s\n' "${stat_file%/stat}"
        fi
    done
}

group_is_ours() {
    # Every live member of the group must be one of our uwsgi processes (workers are forks of the
    # master and carry its command line) before the group gets a KILL.
    local pgid=$1 pid_file=$2 member
    for member in $(live_members_of_group "$pgid"); do
        [[ " $(cmdline_of "$member")" == *" --pidfile $pid_file "* ]] || return 1
    done
}

wait_for_group_to_end() {
    local pgid=$1 timeout=$2 deadline
    deadline=$(awk -v now="$EPOCHREALTIME" -v timeout="$timeout" 'BEGIN { printf "%.3f", now + timeout }')
    while [[ -n $(live_members_of_group "$pgid") ]]; do
        awk -v now="$EPOCHREALTIME" -v deadline="$deadline" 'BEGIN { exit !(now < deadline) }' || return 1
        sleep 0.1
    done
}

stop_service() {
    local name=$1 pid_file pid
    pid_file=$(pid_file_of "$name")
    if [[ ! -e $pid_file ]]; then
        log "$name: not running"
        return 0
    fi
    pid=$(tr -dc '0-9' <"$pid_file")
    if ! pid_is_ours "$pid" "$pid_file"; then
        log "$name: not running (removing the stale pid file)"
        rm -f "$pid_file"
        return 0
    fi

    # start.sh launched the master through setsid, so it leads its own process group.
    log "$name: stopping uwsgi master $pid (process group $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for_group_to_end "$pid" "$STOP_TIMEOUT"; then
        if group_is_ours "$pid" "$pid_file"; then
            log "$name: still running after ${STOP_TIMEOUT}s: KILL to process group $pid"
            kill -KILL -- "-$pid" 2>/dev/null || true
            wait_for_group_to_end "$pid" 5 || die "$name: process group $pid survived KILL"
        else
            die "$name: process group $pid holds processes that are not ours; not killing it"
        fi
    fi
    rm -f "$pid_file"
    log "$name: stopped"
}

main() {
    # nova-api first: it calls Keystone, not the other way round.
    stop_service nova-api
    stop_service keystone
    # The target file describes a running stack; without one the suite must not think it is up.
    rm -f "$TARGET_FILE" "$RUN_DIR/target.pending.json"
    log "stopped in $(elapsed_since "$STARTED_AT")s"
}

main "$@"
