#!/usr/bin/env bash
# Installs the Debian 12 packages that the real Keystone + Nova test stack needs (see README.md).
#
# Only the python library packages are installed, never the `keystone` / `nova-api` service packages:
# those bring debconf questions, system users and init scripts, and want to start daemons. The one
# file of nova-common the stack needs, nova's api-paste.ini, is unpacked from that package without
# installing it; start.sh writes the wsgi entry files.
#
# Idempotent: when every package is already installed it exits at once, without touching apt.
set -euo pipefail

readonly PACKAGES=(
    python3-keystone
    python3-nova
    python3-keystoneclient
    python3-keystoneauth1
    python3-keystonemiddleware
    python3-openstackclient
    python3-novaclient
    uwsgi-core
    uwsgi-plugin-python3
    openssh-client
    openssh-server
    openssl
    curl
)
readonly POLICY_RC=/usr/sbin/policy-rc.d

# Where nova's paste pipeline is kept for start.sh, outside the repository: it is Nova's own file.
readonly API_PASTE=/usr/local/share/vietnix-openstack/api-paste.ini

log() { printf '[openstack-install] %s\n' "$*" >&2; }

missing_packages() {
    # One dpkg-query for all (it prints nothing for a package it has never heard of); anything not
    # "install ok installed" (unknown, removed, half-configured) counts as missing.
    local installed package
    installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null |
        awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)
    for package in "${PACKAGES[@]}"; do
        grep -qx -- "$package" <<<"$installed" || printf '%s\n' "$package"
    done
}

apt_knows_the_packages() {
    # A fresh container has empty apt lists: apt-cache then has no candidate for python3-nova.
    local candidate
    candidate=$(apt-cache policy python3-nova 2>/dev/null | awk '/Candidate:/ { print $2 }')
    [[ -n $candidate && $candidate != '(none)' ]]
}

sshd_pids() {
    # Pids of running sshd processes, read from /proc (no pgrep/pkill by name: we only ever act on
    # pids we can show the package install started).
    local dir
    for dir in /proc/[0-9]*; do
        [[ -r $dir/comm ]] || continue
        [[ $(cat "$dir/comm" 2>/dev/null) == sshd ]] && printf '%s\n' "${dir#/proc/}"
    done
    return 0
}

added_policy_rc=false
remove_temporary_policy_rc() {
    if [[ $added_policy_rc == true ]]; then
        rm -f "$POLICY_RC"
        log "removed the temporary $POLICY_RC"
    fi
}

add_temporary_policy_rc() {
    # Exit code 101 tells invoke-rc.d "action forbidden": no maintainer script starts a daemon
    # (sshd from openssh-server above all). Keep an existing policy, whatever it says.
    if [[ ! -e $POLICY_RC ]]; then
        printf '#!/bin/sh\n# temporary, from tests/openstack/install.sh\nexit 101\n' >"$POLICY_RC"
        chmod 755 "$POLICY_RC"
        added_policy_rc=true
        trap remove_temporary_policy_rc EXIT
        log "added a temporary $POLICY_RC (exit 101)"
    fi
}

stop_sshd_started_by_the_install() {
    # Belt and braces: should a maintainer script have started sshd anyway, stop exactly the sshd
    # processes that did not exist before the install.
    local before=$1 pid
    for pid in $(sshd_pids); do
        if ! grep -qx "$pid" <<<"$before"; then
            log "stopping sshd $pid started by the openssh-server install"
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
}

unpack_api_paste() {
    # nova-common of the same version as python3-nova holds /usr/share/nova-common/api-paste.ini.
    [[ -s $API_PASTE ]] && return 0
    local version scratch
    version=$(dpkg-query -W -f='${Version}' python3-nova)
    scratch=$(mktemp -d)
    # The download runs as root in a private folder, where apt's _apt sandbox user cannot write.
    (cd "$scratch" && apt-get download -qq -o APT::Sandbox::User=root "nova-common=$version")
    mkdir -p "$(dirname "$API_PASTE")"
    dpkg-deb --fsys-tarfile "$scratch"/nova-common_*.deb | tar -xO ./usr/share/nova-common/api-paste.ini >"$API_PASTE.tmp"
    mv -f "$API_PASTE.tmp" "$API_PASTE"
    rm -rf "$scratch"
    log "unpacked nova's api-paste.ini from nova-common $version"
}

main() {
    local missing
    missing=$(missing_packages)
    if [[ -z $missing ]]; then
        log 'all packages are installed'
        unpack_api_paste
        return 0
    fi
    log "missing: $(tr '\n' ' ' <<<"$missing")"

    if [[ $(id -u) -ne 0 ]]; then
        log 'ERROR: run as root (apt-get install)'
        return 1
    fi

    if [[ ${VIETNIX_APT_UPDATE:-0} == 1 ]] || ! apt_knows_the_packages; then
        log 'apt-get update'
        apt-get update -qq
    fi

    add_temporary_policy_rc
    local sshd_before
    sshd_before=$(sshd_pids)

    # force-confdef/confold: never stop on a config-file question.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${PACKAGES[@]}"

    stop_sshd_started_by_the_install "$sshd_before"

    missing=$(missing_packages)
    if [[ -n $missing ]]; then
        log "ERROR: still missing after apt-get install: $(tr '\n' ' ' <<<"$missing")"
        return 1
    fi
    log 'all packages are installed'
    unpack_api_paste
}

main "$@"
