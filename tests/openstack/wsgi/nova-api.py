# uwsgi entry point for nova's compute API (osapi_compute), in place of /usr/bin/nova-api-wsgi, which
# lives in the nova-common service package we do not install. Nova reads api-paste.ini and nova.conf
# from $OS_NOVA_CONFIG_DIR; start.sh passes that directory via --env.
#
# Deliberately no wrapper for chunked request bodies or "Expect: 100-continue": a chunked POST reaches
# nova with an empty body (400 "None is not of type 'object'"), exactly what the tests check the
# module never causes.
from nova.api.openstack.compute.wsgi import init_application

application = init_application()
