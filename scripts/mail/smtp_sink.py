#!/usr/bin/python3
"""A tiny SMTP sink for tests and local development.

Accepts every message on HOST:PORT and stores the bytes exactly as received
into a Maildir folder (one file per message, written atomically tmp/ -> new/).
Optional AUTH PLAIN/LOGIN without TLS when --user/--password are given
(loopback only; never expose this anywhere else).

    /usr/bin/python3 scripts/mail/smtp_sink.py --port 2525 --maildir /tmp/sink

Prints "READY <port>" on stdout once it accepts connections.
Needs Debian's python3-aiosmtpd.
"""
import argparse
import asyncio
import mailbox
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, maildir: str):
        # Maildir(create=True) skips tmp/new/cur when the folder itself already exists.
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)
        self.maildir = mailbox.Maildir(maildir, create=True)

    async def handle_DATA(self, server, session, envelope):
        # original_content keeps the bytes untouched (no decoding, no re-folding).
        self.maildir.add(envelope.original_content)
        return "250 Message accepted for delivery"


def make_authenticator(user: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok)
    return authenticate


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    handler = MaildirHandler(args.maildir)
    auth = {}
    if args.user:
        auth = dict(authenticator=make_authenticator(args.user, args.password or ""),
                    auth_require_tls=False)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink.test", decode_data=False,
                     enable_SMTPUTF8=True, data_size_limit=50 * 1024 * 1024, **auth),
        host=args.host, port=args.port, reuse_address=True)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"READY {args.port}", flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except OSError as e:
        print(f"smtp_sink: {e}", file=sys.stderr)
        sys.exit(2)
