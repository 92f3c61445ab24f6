#!/usr/bin/python3
"""Starts a systemd unit's ExecStart= the way systemd would, for machines where systemd is not PID 1 (containers,
CI; scripts/deb.sh test, D-208): as User=/Group= with their supplementary groups, in WorkingDirectory=, with UMask=,
an environment made only of Environment= and EnvironmentFile= (and PATH, LANG as systemd sets them), and $VAR
(split into words) / ${VAR} (one word) expanded in the command line. The sandboxing options (ProtectSystem=,
PrivateTmp=, ...) need systemd itself; `systemd-analyze verify` checks them.
  run-as-unit.py /lib/systemd/system/pmm03.service [NAME=VALUE ...]   (extra variables, as a drop-in would add)"""
import grp, os, pwd, re, shlex, sys

unit, extra = sys.argv[1], sys.argv[2:]
service = {}
section = None
for raw in open(unit, encoding="utf-8"):
    line = raw.strip()
    if not line or line[0] in "#;":
        continue
    if line.startswith("["):
        section = line
        continue
    if section == "[Service]":
        key, _, value = line.partition("=")
        service.setdefault(key.strip(), []).append(value.strip())

env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
for value in service.get("Environment", []):
    for word in shlex.split(value):
        k, _, v = word.partition("=")
        env[k] = v
for value in service.get("EnvironmentFile", []):
    optional = value.startswith("-")
    path = value.lstrip("-")
    if not os.path.exists(path):
        if optional:
            continue
        sys.exit(f"EnvironmentFile {path} is missing")
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, _, v = line.partition("=")
            env[k.strip()] = " ".join(shlex.split(v)) if v.strip().startswith(('"', "'")) else v.strip()
for kv in extra:
    k, _, v = kv.partition("=")
    env[k] = v

argv = []
for word in shlex.split(service["ExecStart"][-1]):
    m = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
    if m:
        argv += env.get(m.group(1), "").split()
    else:
        argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda g: env.get(g.group(1), ""), word))

user = pwd.getpwnam(service["User"][-1])
group = grp.getgrnam(service.get("Group", [user.pw_name])[-1])
env.update(HOME=user.pw_dir, USER=user.pw_name, LOGNAME=user.pw_name)
os.chdir(service.get("WorkingDirectory", ["/"])[-1])
os.umask(int(service.get("UMask", ["0022"])[-1], 8))
os.initgroups(user.pw_name, group.gr_gid)
os.setgid(group.gr_gid)
os.setuid(user.pw_uid)
print("run-as-unit:", user.pw_name, " ".join(argv), flush=True)
os.execvpe(argv[0], argv, env)
