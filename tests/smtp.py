"""A real SMTP server on the loopback interface (aiosmtpd) that keeps what it receives, for tests of email."""

import asyncio
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """An SMTP server's handler that keeps every message (and its envelope recipients); while ``hold`` is set it does
    not answer the end of a message, as a slow server does: the sender waits with the message already delivered.
    Addresses in ``refuse`` are refused at RCPT TO, as a server refuses an unknown mailbox."""

    def __init__(self):
        self.messages = []
        self.hold = threading.Event()
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)  # headers decoded
        message.envelope_to = list(envelope.rcpt_tos)
        self.messages.append(message)
        while self.hold.is_set():
            await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Email goes over SMTP to a server on loopback; the fixture is its inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", controller.port, False
    yield inbox
    inbox.hold.clear()
    controller.stop()
