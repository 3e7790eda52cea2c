# uwsgi entry point for Keystone's public (v3) API, in place of Debian's /usr/bin/keystone-wsgi-public
# (which is built for `python3 file` as well and so carries a test server we do not want).
# Keystone reads $OS_KEYSTONE_CONFIG_DIR/keystone.conf; start.sh passes that directory via --env.
#
# Deliberately no wrapper for chunked request bodies or "Expect: 100-continue": uwsgi's http11 socket
# hands the app an empty body for Transfer-Encoding: chunked, and the module under test must prove it
# never sends one.
from keystone.server.wsgi import initialize_public_application

application = initialize_public_application()
