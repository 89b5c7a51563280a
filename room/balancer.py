"""The HAProxy configuration of a room: one front door, sticky sessions, several backends.

Stickiness: HAProxy inserts a cookie (`KOMPAS_SERVER`) naming the process that served a
participant's first request; every later request of that browser (the websocket, uploads,
downloads, media files) carries it and reaches the same process, whose memory holds the session.
Backends are plain `host:port` pairs: on one machine they are loopback ports; spreading the room
over several machines changes only these `server` lines (each machine runs its processes with
`--server.address` on its own network address), nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

COOKIE = "KOMPAS_SERVER"
#: Response header naming the process that answered (for operators and the room's test).
SERVED_BY_HEADER = "X-Kompas-Server"


@dataclass(frozen=True)
class Backend:
    """One Streamlit process: its name in the cookie and where it listens."""

    name: str
    host: str
    port: int


def haproxy_config(backends: Sequence[Backend], bind: str, port: int) -> str:
    """The whole haproxy.cfg for `backends`, listening on `bind:port`.

    Websockets pass through HTTP mode (HAProxy handles the upgrade); the long tunnel timeout
    keeps an idle participant's websocket open for a whole workshop. Every response names the
    process that answered in the `X-Kompas-Server` header, the websocket's handshake included.
    """
    if not backends:
        raise ValueError("a room needs at least one Streamlit process")
    servers = "\n".join(
        f"    server {b.name} {b.host}:{b.port} cookie {b.name} check inter 2s" for b in backends
    )
    return f"""global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 8h
    option forwardfor

frontend kompas
    bind {bind}:{port}
    default_backend streamlit

backend streamlit
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-response set-header {SERVED_BY_HEADER} %s
{servers}
"""
