#!/usr/bin/env python3
"""Prints a TCP port nobody listens on, below the kernel's ephemeral range, for a server a script starts itself.

The shell scripts' counterpart of eaeu.pmm03.server.db.FreePorts (the Java tests'): a port from bind(0) lies in the
ephemeral range that every outgoing connection takes its local port from, so between choosing it and the server
binding it (seconds, for a JVM) another connection may take it."""
import random
import socket

try:
    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        low = int(f.read().split()[0])
except (OSError, ValueError, IndexError):
    low = 32768
for _ in range(2000):
    port = random.randrange(20000, max(low, 21000))
    s = socket.socket()
    try:
        s.bind(("0.0.0.0", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    raise SystemExit("no free TCP port between 20000 and %d" % low)
