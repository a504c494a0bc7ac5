"""A local stand-in for the TLS proxy in front of gunicorn in production (docs/deployment.md).

It listens on loopback only: HTTPS on one port, with a certificate made for `localhost` by
its own throwaway certificate authority, and plain HTTP on another. Each request goes to
gunicorn with `X-Forwarded-Proto` set to the scheme the client used (any such header the
client sent is dropped), as nginx with `proxy_set_header X-Forwarded-Proto $scheme` does,
so the production settings see HTTPS (SECURE_PROXY_SSL_HEADER) and redirect plain HTTP.

One request per connection: the request goes upstream with `Connection: close`, and when
gunicorn has answered and closed, so does the proxy. Browsers and scanners simply open a
new connection for the next request.

    python audit/tls_proxy.py --upstream 8000 --https-port 8443 --http-port 8080 --certs DIR

Used by audit/run.py, which also makes the certificates (make_certificates below).
"""

import argparse
import asyncio
import contextlib
import datetime
import ipaddress
import signal
import ssl
import sys
from pathlib import Path

HEAD_LIMIT = 64 * 1024  # bytes of request line and headers; nginx's default is smaller
HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-connection", b"x-forwarded-proto"}


def make_certificates(folder):
    """A certificate authority (ca.pem) and a certificate for localhost signed by it (cert.pem, key.pem).

    Give ca.pem to the client (NODE_EXTRA_CA_CERTS for Node, `verify=` for requests): the chain
    then verifies like a real one, which the Observatory's HSTS and redirection tests require.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "clinicsite audit throwaway CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("localhost"),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    x509.IPAddress(ipaddress.ip_address("::1")),
                ]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return folder


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
        pass
    finally:
        with contextlib.suppress(ConnectionError, ssl.SSLError):
            writer.close()


def forwarded_head(head, scheme):
    """The request head with Connection: close and X-Forwarded-Proto: <scheme> in place of the client's own."""
    request_line, *header_lines = head.rstrip(b"\r\n").split(b"\r\n")
    kept = [line for line in header_lines if line.split(b":", 1)[0].strip().lower() not in HOP_BY_HOP]
    return b"\r\n".join([request_line, *kept, b"Connection: close", b"X-Forwarded-Proto: " + scheme.encode(), b"", b""])


def handler(upstream_port, scheme):
    async def handle(client_reader, client_writer):
        try:
            head = await client_reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ssl.SSLError):
            client_writer.close()
            return
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
        except OSError:
            client_writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            client_writer.close()
            return
        upstream_writer.write(forwarded_head(head, scheme))
        await asyncio.gather(pipe(client_reader, upstream_writer), pipe(upstream_reader, client_writer))

    return handle


async def serve(upstream_port, https_port, http_port, certs):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(Path(certs) / "cert.pem", Path(certs) / "key.pem")
    hosts = ["127.0.0.1", "::1"]
    servers = [
        await asyncio.start_server(handler(upstream_port, "https"), hosts, https_port, ssl=context, limit=HEAD_LIMIT),
        await asyncio.start_server(handler(upstream_port, "http"), hosts, http_port, limit=HEAD_LIMIT),
    ]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(f"tls_proxy: https://localhost:{https_port} and http://localhost:{http_port} -> 127.0.0.1:{upstream_port}")
    sys.stdout.flush()
    await stop.wait()
    for server in servers:
        server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", type=int, required=True, help="gunicorn's port on 127.0.0.1")
    parser.add_argument("--https-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--certs", required=True, help="folder with cert.pem and key.pem (made if missing)")
    args = parser.parse_args()
    if not (Path(args.certs) / "cert.pem").exists():
        make_certificates(args.certs)
    asyncio.run(serve(args.upstream, args.https_port, args.http_port, args.certs))


if __name__ == "__main__":
    main()
