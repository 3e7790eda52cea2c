#!/usr/bin/python3
"""Creates, idempotently, the Keystone resources of the vietnix test stack, then writes its env files.

Run by start.sh with Debian's /usr/bin/python3 (keystoneclient and keystoneauth1 live in
/usr/lib/python3/dist-packages, which the pyenv python3 on PATH cannot see), after
`keystone-manage bootstrap` made the admin user, project and role and the identity endpoints.

Ensures:
  * project `service`, user `nova` with roles admin and service on it (keystonemiddleware in nova-api);
  * project `demo`, user `demo` with role member on it; user admin gets member on demo too;
  * service `nova` (type compute) with endpoints RegionOne public/internal/admin at 127.0.0.1 and
    RegionTwo public at localhost: the same server under another host name, so a test sees which
    region a client chose from the Host header;
  * application credential `vietnix-demo` of user demo with a known secret (recreated when the
    stored one does not accept that secret: Keystone keeps only a hash).

Writes the target document (to --target-out, atomically; start.sh renames it to target.json once
nova-api answers), openrc.admin, openrc.demo, openrc.appcred and clouds.yaml in --state-dir.
Secrets come from the environment (VIETNIX_OS_*), set by start.sh from common.sh.
"""

import argparse
import json
import os
import shlex
import sys
import tempfile
import time

import yaml
from keystoneauth1 import exceptions as ka_exceptions
from keystoneauth1 import session as ka_session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client as ks_client

DOMAIN_NAME = 'Default'
DOMAIN_ID = 'default'
REGIONS = ('RegionOne', 'RegionTwo')
COMPUTE_API_VERSION = '2.72'  # OSC 6.0.0 cannot create a keypair without --public-key from 2.92 on
APPCRED_NAME = 'vietnix-demo'
TIMEOUT = 30


def secret(name, default):
    return os.environ.get('VIETNIX_OS_' + name, default)


ADMIN_PASSWORD = secret('ADMIN_PASSWORD', 'admin-secret')
NOVA_PASSWORD = secret('NOVA_SERVICE_PASSWORD', 'nova-service-secret')
DEMO_PASSWORD = secret('DEMO_PASSWORD', 'demo-secret')
APPCRED_SECRET = secret('APPCRED_SECRET', 'demo-appcred-secret')


def log(message):
    print('[openstack] ' + message, file=sys.stderr, flush=True)


def password_auth(auth_url, username, password, project_name):
    return v3.Password(auth_url=auth_url, username=username, password=password,
                       user_domain_name=DOMAIN_NAME, project_name=project_name,
                       project_domain_name=DOMAIN_NAME)


def sign_in(auth):
    """Returns (session, access info), or (None, None) when Keystone answers 401."""
    session = ka_session.Session(auth=auth, timeout=TIMEOUT)
    try:
        return session, auth.get_access(session)
    except ka_exceptions.Unauthorized:
        return None, None


def identity_client(session):
    # The catalog's identity endpoints all carry the same URL; ask for the public one like any client.
    return ks_client.Client(session=session, interface='public', region_name=REGIONS[0])


def first(items):
    return items[0] if items else None


def ensure_project(ks, name, description):
    project = first(ks.projects.list(domain=DOMAIN_ID, name=name))
    if project is None:
        log(f'creating project {name}')
        project = ks.projects.create(name=name, domain=DOMAIN_ID, description=description)
    return project


def ensure_role(ks, name):
    role = first(ks.roles.list(name=name))
    if role is None:
        log(f'creating role {name}')
        role = ks.roles.create(name=name)
    return role


def ensure_user(ks, name, password):
    """Returns (user, created)."""
    user = first(ks.users.list(domain=DOMAIN_ID, name=name))
    if user is not None:
        return user, False
    log(f'creating user {name}')
    return ks.users.create(name=name, domain=DOMAIN_ID, password=password, enabled=True), True


def ensure_roles_on_project(ks, user, project, roles):
    # Grant only what is missing: a grant invalidates Keystone's assignment cache.
    held = {assignment.role['id'] for assignment in ks.role_assignments.list(user=user, project=project)}
    for role in roles:
        if role.id not in held:
            log(f'granting {role.name} on {project.name} to {user.name}')
            ks.roles.grant(role, user=user, project=project)


def sign_in_with_known_password(ks, auth_url, user, password, project_name, created):
    """Signs the user in to the project; resets the password if the stored one is a different one.

    A password change is a token revocation event, so it happens only when the password is wrong.
    """
    session, access = sign_in(password_auth(auth_url, user.name, password, project_name))
    if access is not None:
        return session, access
    if created:
        raise SystemExit(f'user {user.name} was just created but cannot sign in to {project_name}')
    log(f'resetting the password of user {user.name}')
    ks.users.update(user, password=password)
    # Keystone compares revocation times at whole seconds: a token issued in the same second as the
    # revocation event would be rejected.
    time.sleep(1.1)
    session, access = sign_in(password_auth(auth_url, user.name, password, project_name))
    if access is None:
        raise SystemExit(f'user {user.name} cannot sign in to {project_name} after a password reset')
    return session, access


def ensure_regions(ks, region_ids):
    # Listed rather than probed with GET: Keystone logs a missing region as an ERROR with a traceback.
    known = {region.id for region in ks.regions.list()}
    for region_id in region_ids:
        if region_id not in known:
            log(f'creating region {region_id}')
            ks.regions.create(id=region_id)


def ensure_compute_endpoints(ks, nova_port):
    service = first(ks.services.list(type='compute', name='nova'))
    if service is None:
        log('creating service nova (compute)')
        service = ks.services.create(name='nova', type='compute', description='OpenStack Compute')
    ensure_regions(ks, REGIONS)

    loopback_url = f'http://127.0.0.1:{nova_port}/v2.1'
    wanted = {
        (REGIONS[0], 'public'): loopback_url,
        # Keystone fills in the token's project, so a client that picked this interface shows it.
        (REGIONS[0], 'internal'): loopback_url + '/%(project_id)s',
        (REGIONS[0], 'admin'): loopback_url,
        # Same server, other host name: the Host header tells a test which region the client used.
        (REGIONS[1], 'public'): f'http://localhost:{nova_port}/v2.1',
    }
    seen = set()
    for endpoint in ks.endpoints.list(service=service):
        key = (getattr(endpoint, 'region_id', None) or endpoint.region, endpoint.interface)
        if key not in wanted or key in seen:
            log(f'deleting surplus compute endpoint {key[0]}/{key[1]} {endpoint.url}')
            ks.endpoints.delete(endpoint)
            continue
        seen.add(key)
        if endpoint.url != wanted[key] or not endpoint.enabled:
            log(f'updating compute endpoint {key[0]}/{key[1]} to {wanted[key]}')
            ks.endpoints.update(endpoint, url=wanted[key], enabled=True)
    for (region_id, interface), url in wanted.items():
        if (region_id, interface) not in seen:
            log(f'creating compute endpoint {region_id}/{interface} {url}')
            ks.endpoints.create(service=service, url=url, interface=interface, region=region_id)


def ensure_application_credential(demo_ks, auth_url, demo_access):
    """Returns the credential's id, after checking that it accepts APPCRED_SECRET."""
    existing = [credential for credential in demo_ks.application_credentials.list(user=demo_access.user_id)
                if credential.name == APPCRED_NAME]
    for credential in existing:
        auth = v3.ApplicationCredential(auth_url=auth_url, application_credential_id=credential.id,
                                        application_credential_secret=APPCRED_SECRET)
        _, access = sign_in(auth)
        if access is not None and access.project_id == demo_access.project_id:
            return credential.id
        log(f'application credential {APPCRED_NAME} has another secret: recreating it')
        demo_ks.application_credentials.delete(credential, user=demo_access.user_id)
    if not existing:
        log(f'creating application credential {APPCRED_NAME}')
    # Created with demo's own project-scoped token (only the owner may create one), so it is bound to
    # project demo with demo's roles there.
    credential = demo_ks.application_credentials.create(
        name=APPCRED_NAME, user=demo_access.user_id, secret=APPCRED_SECRET,
        description='vietnix test stack: demo on project demo')
    return credential.id


def user_entry(access, password):
    return {
        'name': access.username,
        'id': access.user_id,
        'projectId': access.project_id,
        'projectName': access.project_name,
        'token': access.auth_token,
        'roles': sorted(access.role_names),
        'password': password,
        'domain': DOMAIN_NAME,
    }


def write_atomically(path, text, mode=0o600):
    directory = os.path.dirname(path)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix='.' + os.path.basename(path) + '.')
    try:
        with os.fdopen(handle, 'w') as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


AUTH_VARIABLES = ('OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME', 'OS_USER_DOMAIN_NAME',
                  'OS_PROJECT_DOMAIN_NAME', 'OS_APPLICATION_CREDENTIAL_ID',
                  'OS_APPLICATION_CREDENTIAL_SECRET', 'OS_TOKEN', 'OS_CLOUD')


def openrc_text(comment, variables):
    lines = [f'# {comment}', '# Written by tests/openstack/start.sh; source it: . openrc.NAME']
    lines += [f'export {name}={shlex.quote(value)}' for name, value in variables]
    # Sourcing one openrc after another must not mix two ways of signing in.
    names = {name for name, _ in variables}
    lines.append('unset ' + ' '.join(name for name in AUTH_VARIABLES if name not in names))
    return '\n'.join(lines) + '\n'


def common_os_variables(auth_url):
    return [
        ('OS_AUTH_URL', auth_url),
        ('OS_IDENTITY_API_VERSION', '3'),
        ('OS_REGION_NAME', REGIONS[0]),
        ('OS_INTERFACE', 'public'),
        ('OS_COMPUTE_API_VERSION', COMPUTE_API_VERSION),
    ]


def password_os_variables(auth_url, username, password, project):
    return common_os_variables(auth_url) + [
        ('OS_AUTH_TYPE', 'password'),
        ('OS_USERNAME', username),
        ('OS_PASSWORD', password),
        ('OS_PROJECT_NAME', project),
        ('OS_USER_DOMAIN_NAME', DOMAIN_NAME),
        ('OS_PROJECT_DOMAIN_NAME', DOMAIN_NAME),
    ]


def write_env_files(state_dir, auth_url, appcred_id):
    write_atomically(os.path.join(state_dir, 'openrc.admin'), openrc_text(
        'openstack CLI as admin (project admin) on the vietnix test stack',
        password_os_variables(auth_url, 'admin', ADMIN_PASSWORD, 'admin')))
    write_atomically(os.path.join(state_dir, 'openrc.demo'), openrc_text(
        'openstack CLI as demo (project demo) on the vietnix test stack',
        password_os_variables(auth_url, 'demo', DEMO_PASSWORD, 'demo')))
    write_atomically(os.path.join(state_dir, 'openrc.appcred'), openrc_text(
        f"openstack CLI with demo's application credential {APPCRED_NAME}",
        common_os_variables(auth_url) + [
            ('OS_AUTH_TYPE', 'v3applicationcredential'),
            ('OS_APPLICATION_CREDENTIAL_ID', appcred_id),
            ('OS_APPLICATION_CREDENTIAL_SECRET', APPCRED_SECRET),
        ]))

    def cloud(auth, auth_type):
        return {'auth': dict(auth_url=auth_url, **auth), 'auth_type': auth_type,
                'region_name': REGIONS[0], 'interface': 'public', 'identity_api_version': 3,
                'compute_api_version': COMPUTE_API_VERSION}

    def password_cloud(username, password, project):
        return cloud({'username': username, 'password': password, 'project_name': project,
                      'user_domain_name': DOMAIN_NAME, 'project_domain_name': DOMAIN_NAME}, 'password')

    clouds = {'clouds': {
        'admin': password_cloud('admin', ADMIN_PASSWORD, 'admin'),
        'demo': password_cloud('demo', DEMO_PASSWORD, 'demo'),
        'demo-appcred': cloud({'application_credential_id': appcred_id,
                               'application_credential_secret': APPCRED_SECRET},
                              'v3applicationcredential'),
    }}
    write_atomically(os.path.join(state_dir, 'clouds.yaml'),
                     '# Written by tests/openstack/start.sh; use with OS_CLIENT_CONFIG_FILE=<this file>\n'
                     + yaml.safe_dump(clouds, sort_keys=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--keystone-url', required=True, help='e.g. http://127.0.0.1:5000')
    parser.add_argument('--nova-port', required=True, type=int)
    parser.add_argument('--state-dir', required=True)
    parser.add_argument('--target-out', required=True)
    args = parser.parse_args()

    auth_url = args.keystone_url.rstrip('/') + '/v3'
    nova_url = f'http://127.0.0.1:{args.nova_port}'

    admin_session, admin_access = sign_in(password_auth(auth_url, 'admin', ADMIN_PASSWORD, 'admin'))
    if admin_access is None:
        raise SystemExit('admin cannot sign in: keystone-manage bootstrap did not run with this password')
    ks = identity_client(admin_session)

    admin_role = ensure_role(ks, 'admin')
    member_role = ensure_role(ks, 'member')
    service_role = ensure_role(ks, 'service')
    service_project = ensure_project(ks, 'service', 'Service users of the vietnix test stack')
    demo_project = ensure_project(ks, 'demo', 'Project of user demo')
    admin_project = ensure_project(ks, 'admin', 'Bootstrap project')

    nova_user, nova_created = ensure_user(ks, 'nova', NOVA_PASSWORD)
    ensure_roles_on_project(ks, nova_user, service_project, [admin_role, service_role])
    demo_user, demo_created = ensure_user(ks, 'demo', DEMO_PASSWORD)
    ensure_roles_on_project(ks, demo_user, demo_project, [member_role])
    admin_user = first(ks.users.list(domain=DOMAIN_ID, name='admin'))
    ensure_roles_on_project(ks, admin_user, demo_project, [member_role])
    ensure_roles_on_project(ks, admin_user, admin_project, [admin_role])

    ensure_compute_endpoints(ks, args.nova_port)

    # nova-api signs in with this password (keystonemiddleware); check it the way it will.
    sign_in_with_known_password(ks, auth_url, nova_user, NOVA_PASSWORD, 'service', nova_created)
    demo_session, demo_access = sign_in_with_known_password(
        ks, auth_url, demo_user, DEMO_PASSWORD, 'demo', demo_created)
    appcred_id = ensure_application_credential(identity_client(demo_session), auth_url, demo_access)

    write_env_files(args.state_dir, auth_url, appcred_id)

    target = {
        'kind': 'openstack',
        'url': nova_url,
        'computeUrl': nova_url + '/v2.1',
        'authUrl': auth_url,
        'regions': list(REGIONS),
        'users': [user_entry(admin_access, ADMIN_PASSWORD), user_entry(demo_access, DEMO_PASSWORD)],
        'applicationCredential': {
            'id': appcred_id,
            'name': APPCRED_NAME,
            'secret': APPCRED_SECRET,
            'userId': demo_access.user_id,
            'projectId': demo_access.project_id,
        },
    }
    write_atomically(args.target_out, json.dumps(target, separators=(',', ':')) + '\n')


if __name__ == '__main__':
    main()
