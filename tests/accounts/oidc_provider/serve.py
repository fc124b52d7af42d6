"""Run the test OpenID Connect provider: migrate its database, add the portal as a client and
the people given on the command line, then serve on 127.0.0.1:PORT until terminated.

    python -m tests.accounts.oidc_provider.serve PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET \\
        username:password:email:group[,group] ...
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def main(port, redirect_uri, client_id, client_secret, *people):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.oidc_provider.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    Application.objects.create(
        name="Portal",
        client_id=client_id,
        client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    for person in people:
        username, password, email, groups = person.split(":")
        user = User.objects.create_user(username, email, password, first_name=username.title())
        for name in filter(None, groups.split(",")):
            user.groups.add(Group.objects.get_or_create(name=name)[0])

    server = make_server(
        "127.0.0.1",
        int(port),
        get_wsgi_application(),
        server_class=ThreadingWSGIServer,
        handler_class=QuietHandler,
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:])
