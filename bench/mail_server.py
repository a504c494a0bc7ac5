"""The bench's mail server on one loopback port: healthy (aiosmtpd, a real SMTP server) or hung.

Hung, it accepts connections and never says a word, not even the greeting: the
mail server of the issue that held every visitor for the whole timeout. The
port stays the same when it switches, so the worker, configured once, sees the
same server go down and come back.
"""

import socket
import threading

from aiosmtpd.controller import Controller


class Handler:
    """Counts the messages accepted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
        return "250 Message accepted for delivery"


class Hung:
    """Accepts every connection on loopback and never answers (port 0: any free port, then `port`)."""

    def __init__(self, port):
        self.listener = socket.create_server(("127.0.0.1", port), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:  # closed
                return
            self.connections.append(connection)

    def stop(self):
        self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join()
        for connection in self.connections:
            connection.close()


class MailServer:
    def __init__(self, port):
        self.port = port
        self.handler = Handler()
        self.running = None
        self.hung_connections = 0

    @property
    def messages(self):
        return self.handler.messages

    def healthy(self):
        self._stop()
        controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        controller.start()
        self.running = controller

    def hang(self):
        self._stop()
        self.running = Hung(self.port)

    def _stop(self):
        if isinstance(self.running, Hung):
            self.hung_connections += len(self.running.connections)
        if self.running is not None:
            self.running.stop()
        self.running = None

    def stop(self):
        self._stop()
