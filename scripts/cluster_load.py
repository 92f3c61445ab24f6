#!/usr/bin/python3
"""Load and checks of scripts/cluster-failover.sh (standard library only; run with /usr/bin/python3).

load:  includes (MSG.001) and changes (MSG.002) through the operator APIs of the KZ and RU authority nodes (their
       outboxes deliver through HAProxy), pack checks through HAProxy's public side, the update clock sampled
       through HAProxy's database entry.
check: after the load, compares what the authorities were told (MSG.004) with what the Commission's Galera cluster
       holds, MSG.013 at the peers, the mirrors (MSG.005/MSG.010) against the unified database, the clock samples,
       and the state of the nodes.
"""
import argparse, base64, datetime, json, os, pathlib, random, re, subprocess, sys, threading, time, urllib.parse
import urllib.request, uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "wsdl/src/main/resources/eaeu/pmm03/samples"
NODES = {"kz": ("KZ", 61), "ru": ("RU", 62)}
DBUSER, DBPASS = "pmm03", "pmm03-cluster-dev-password"


def now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def http(method, url, user=None, body=None, ctype=None, timeout=30):
    req = urllib.request.Request(url, data=body, method=method)
    if user:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{user}-dev-password".encode()).decode())
    if ctype:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def document(template, cc, trade, edoc, start, ref=None):
    x = (SAMPLES / template).read_text(encoding="utf-8")
    x = re.sub(r"<csdo:EDocId>[^<]*<", f"<csdo:EDocId>{edoc}<", x, count=1)
    if ref:
        x = re.sub(r"<csdo:EDocRefId>[^<]*<", f"<csdo:EDocRefId>{ref}<", x, count=1)
    x = re.sub(r"<csdo:EDocDateTime>[^<]*<", f"<csdo:EDocDateTime>{now().isoformat()}<", x, count=1)
    x = x.replace('<csdo:UnifiedCountryCode codeListId="P.CLS.019">RU</csdo:UnifiedCountryCode>',
                  f'<csdo:UnifiedCountryCode codeListId="P.CLS.019">{cc}</csdo:UnifiedCountryCode>', 1)
    x = re.sub(r"<hcsdo:DrugTradeName>[^<]*<", f"<hcsdo:DrugTradeName>{trade}<", x, count=1)
    x = re.sub(r"<csdo:StartDateTime>[^<]*<", f"<csdo:StartDateTime>{start.isoformat()}<", x, count=1)
    return x.encode("utf-8")


class Log:
    def __init__(self, path):
        self.f = open(path, "a", encoding="utf-8")
        self.lock = threading.Lock()

    def write(self, **rec):
        with self.lock:
            self.f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            self.f.flush()


def load(a):
    out = pathlib.Path(a.out)
    for f in ("submitted.jsonl", "clock.jsonl", "packcheck.jsonl"):
        (out / f).unlink(missing_ok=True)
    subs, clock, pack = Log(out / "submitted.jsonl"), Log(out / "clock.jsonl"), Log(out / "packcheck.jsonl")
    end = time.time() + a.seconds
    run = f"{random.randrange(36 ** 4):04x}"

    def going():
        return time.time() < end and not (a.stop_file and os.path.exists(a.stop_file))

    def submitter(node):
        cc, off = NODES[node]
        base = f"http://127.0.0.1:{a.base + off}/authority/api"
        included = {}  # include EDocId -> (trade name, start)
        changed = set()
        n = 0
        last_poll = 0
        while going():
            n += 1
            trade = f"Нагрузка-{cc}-{run}-{n}"
            edoc, start = str(uuid.uuid4()), now() - datetime.timedelta(hours=1)
            try:
                st, body = http("POST", base + "/submissions", node, document("dmd-msg001-include.xml", cc, trade, edoc,
                                                                             start), "application/xml")
                subs.write(node=node, kind="include", edoc=edoc, trade=trade, status=st, t=time.time(),
                           body=body.decode()[:300] if st != 202 else None)
                if st == 202:
                    included[edoc] = (trade, start)
            except Exception as e:  # the authority node itself is not under test; note and go on
                subs.write(node=node, kind="include", edoc=edoc, trade=trade, status=-1, error=str(e), t=time.time())
            if time.time() - last_poll > 5:
                last_poll = time.time()
                try:
                    st, body = http("GET", base + "/outbox?limit=1000", node)
                    answered = {m["edocId"] for m in json.loads(body) if m.get("answerResult") == "INCLUDED"}
                except Exception:
                    answered = set()
                for ref in [e for e in answered if e in included and e not in changed][:3]:
                    changed.add(ref)
                    trade, _ = included[ref]
                    edoc = str(uuid.uuid4())
                    st, body = http("POST", base + "/submissions", node, document(
                        "dmd-msg002-change.xml", cc, trade, edoc, now() - datetime.timedelta(minutes=1), ref),
                        "application/xml")
                    subs.write(node=node, kind="change", edoc=edoc, ref=ref, trade=trade, status=st, t=time.time(),
                               body=body.decode()[:300] if st != 202 else None)
            time.sleep(a.pause)

    def clock_sampler():
        while going():
            r = subprocess.run(["mariadb", "--no-defaults", "-h127.0.0.1", f"-P{a.base + 1}", f"-u{DBUSER}",
                                f"-p{DBPASS}", "-N", "-B", "--connect-timeout=2", "-e",
                                "SELECT last_at FROM pmm03.update_clock WHERE id = 1"], capture_output=True, text=True)
            clock.write(t=time.time(), at=r.stdout.strip() if r.returncode == 0 else None,
                        error=None if r.returncode == 0 else r.stderr.strip()[:200])
            time.sleep(0.5)

    def pack_checker():
        code = urllib.parse.quote("(01)04601234567893(21)ABC123(17)281101(10)IB40-1125")
        while going():
            t = time.time()
            try:
                st, _ = http("GET", f"http://127.0.0.1:{a.base}/api/v1/pack-check?code={code}", timeout=10)
            except Exception as e:
                st = -1
            pack.write(t=t, status=st, ms=round((time.time() - t) * 1000))
            time.sleep(0.2)

    threads = [threading.Thread(target=submitter, args=(n,)) for n in NODES]
    threads += [threading.Thread(target=clock_sampler), threading.Thread(target=pack_checker)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def sql_socket(sock, q, db="pmm03"):
    r = subprocess.run(["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", "-N", "-B", db, "-e", q],
                       capture_output=True, text=True, check=True)
    return [line.split("\t") for line in r.stdout.splitlines()]


def sql_port(port, q, user="root", password=None):
    r = subprocess.run(["mariadb", "--no-defaults", "-h127.0.0.1", f"-P{port}", f"-u{user}"] +
                       ([f"-p{password}"] if password else []) + ["-N", "-B", "pmm03", "-e", q],
                       capture_output=True, text=True, check=True)
    return [line.split("\t") for line in r.stdout.splitlines()]


def embedded_socket(state, node):
    """The socket of an authority node's embedded MariaDB (root may log in there, not over TCP)."""
    return str(pathlib.Path(state) / node / "mariadb" / "mariadbd.sock")


def check(a):
    out, state = pathlib.Path(a.out), pathlib.Path(a.state)
    subs = [json.loads(l) for l in (out / "submitted.jsonl").read_text(encoding="utf-8").splitlines()]
    socks = {n: embedded_socket(state, n) for n in NODES}
    # 1. the outboxes drain (retries of attempts that failed during the faults)
    t0 = time.time()
    while True:
        busy = sum(int(sql_socket(socks[n], "SELECT COUNT(*) FROM outbox_message WHERE status IN"
                                           " ('PENDING','SENT','RECEIVED','ACCEPTED')")[0][0]) for n in NODES)
        if busy == 0 or time.time() - t0 > a.drain:
            break
        time.sleep(2)
    drain_s = round(time.time() - t0)
    if busy:
        for n in NODES:
            for row in sql_socket(socks[n], "SELECT message_code, status, COUNT(*), MIN(next_attempt_at), MAX(attempts)"
                                            " FROM outbox_message WHERE status IN ('PENDING','SENT','RECEIVED','ACCEPTED')"
                                            " GROUP BY message_code, status"):
                print(f"still in the {n} outbox after {drain_s} s: " + " ".join(row))
    # 2. the mirrors catch up (MSG.005/MSG.010 through HAProxy)
    for n in NODES:
        for _ in range(2):
            http("POST", f"http://127.0.0.1:{a.base + NODES[n][1]}/authority/api/mirror/sync", n, timeout=120)
    g = state / "galera"
    sock = next(str(g / f"n{i}/sock") for i in (2, 3, 1) if (g / f"n{i}/sock").exists())
    problems, lines = [], []

    def note(s):
        lines.append(s)
        print(s)

    accepted = [s for s in subs if s["status"] == 202]
    note(f"load: {len(subs)} submissions ({sum(1 for s in subs if s['kind'] == 'include')} includes,"
         f" {sum(1 for s in subs if s['kind'] == 'change')} changes), {len(accepted)} accepted by the authority nodes;"
         f" outboxes drained {drain_s} s after the load")
    acked, statuses = {}, {}
    for n in NODES:
        for edoc, msg, status, result, attempts in sql_socket(socks[n], "SELECT edoc_id, message_code, status,"
                " COALESCE(answer_result_code, ''), attempts FROM outbox_message WHERE message_code IN"
                " ('P.MM.03.MSG.001', 'P.MM.03.MSG.002')"):
            statuses[(status, result)] = statuses.get((status, result), 0) + 1
            if status == "ANSWERED" and result in ("INCLUDED", "CHANGED"):
                acked[edoc] = (n, msg, result, int(attempts))
    note("authority outbox MSG.001/002 by state/result: " + ", ".join(f"{s}/{r or '-'}={c}" for (s, r), c in
                                                                         sorted(statuses.items())))
    retried = sum(1 for v in acked.values() if v[3] > 1)
    note(f"acknowledged (MSG.004 INCLUDED/CHANGED received): {len(acked)}; of them delivered on a retry: {retried}")
    stored = {}
    for edoc, c in sql_socket(sock, "SELECT created_by_edoc_id, COUNT(*) FROM record_version GROUP BY created_by_edoc_id"):
        stored[edoc] = int(c)
    processed = {r[0] for r in sql_socket(sock, "SELECT edoc_id FROM processed_document")}
    lost = [e for e in acked if stored.get(e, 0) == 0 or e not in processed]
    dup = [e for e in acked if stored.get(e, 0) > 1]
    note(f"Commission (Galera): acknowledged but not stored: {len(lost)}; stored more than once: {len(dup)}")
    if lost or dup:
        problems.append(f"lost {lost[:5]} duplicated {dup[:5]}")
    unacked = [s["edoc"] for s in accepted if s["edoc"] not in acked]
    note(f"accepted by an authority but not acknowledged (refused or still in the outbox): {len(unacked)}")
    # 3. MSG.013: one per acknowledged inclusion and peer, stored once, never delivered twice
    for n, peer in (("kz", "ru"), ("ru", "kz")):
        includes = sum(1 for v in acked.values() if v[0] == n and v[2] == "INCLUDED")
        rows = sql_socket(socks[n], "SELECT edoc_id, status FROM outbox_message WHERE message_code = 'P.MM.03.MSG.013'")
        delivered = [e for e, st in rows if st == "DELIVERED"]
        at_peer = {r[0] for r in sql_socket(socks[peer], "SELECT edoc_id FROM inclusion_notice")}
        missing = [e for e in delivered if e not in at_peer]
        repeats = sql_socket(socks[peer], "SELECT COUNT(*) FROM message_journal WHERE direction = 'IN' AND message_code ="
                                        " 'P.MM.03.MSG.013' AND result_code = 'REPEATED'")[0][0]
        per_edoc = sql_socket(socks[peer], "SELECT COUNT(*) FROM (SELECT edoc_id FROM message_journal WHERE direction ="
                                         " 'IN' AND message_code = 'P.MM.03.MSG.013' AND result_code <> 'REPEATED'"
                                         " GROUP BY edoc_id HAVING COUNT(*) > 1) d")[0][0]
        note(f"MSG.013 {n}->{peer}: inclusions acknowledged {includes}, MSG.013 queued {len(rows)}, delivered"
             f" {len(delivered)}, stored at {peer} {len([e for e in delivered if e in at_peer])}, missing {len(missing)},"
             f" applied twice {per_edoc}, repeats answered without a second copy {repeats}")
        if len(rows) != includes or missing or int(per_edoc) > 0:
            problems.append(f"MSG.013 {n}->{peer}")
    # 4. MSG.010: the mirrors hold every version of the unified database
    central = {(h, s) for h, s in sql_socket(sock, "SELECT record_key_hash, start_date_time FROM record_version")}
    for n in NODES:
        mirror = {(h, s) for h, s in sql_socket(socks[n], "SELECT record_key_hash, start_date_time FROM mirror_version")}
        gap = central - mirror
        note(f"mirror {n} (MSG.005/MSG.010 through HAProxy): {len(mirror)} versions of {len(central)}; missing {len(gap)}")
        if gap:
            problems.append(f"mirror {n} gap {len(gap)}")
    # 5. the update time never goes backwards
    samples = [json.loads(l) for l in (out / "clock.jsonl").read_text(encoding="utf-8").splitlines()]
    seen = [s["at"] for s in samples if s["at"]]
    back = sum(1 for x, y in zip(seen, seen[1:]) if y < x)
    unique = sql_socket(sock, "SELECT COUNT(*) - COUNT(DISTINCT created_at) FROM record_version")[0][0]
    note(f"update clock: {len(seen)} samples through HAProxy ({len(samples) - len(seen)} failed while the writer was"
         f" switched), backwards {back}; versions sharing an update time: {unique}")
    if back or int(unique):
        problems.append("update time")
    # 6. public side during the faults
    pc = [json.loads(l) for l in (out / "packcheck.jsonl").read_text(encoding="utf-8").splitlines()]
    ok = [p for p in pc if p["status"] == 200]
    ms = sorted(p["ms"] for p in ok) or [0]
    note(f"pack checks through HAProxy: {len(pc)}, answered 200: {len(ok)}, median {ms[len(ms) // 2]} ms,"
         f" p99 {ms[int(len(ms) * 0.99)]} ms")
    # 7. the killed nodes caught up
    states = []
    for i in (1, 2, 3):
        s = g / f"n{i}/sock"
        try:
            r = dict(sql_socket(str(s), "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment',"
                                        " 'wsrep_cluster_size', 'wsrep_last_committed')", db="mysql"))
            states.append(r)
        except Exception as e:
            states.append({"error": str(e)[:80]})
    note("galera: " + "; ".join(f"n{i + 1} {s.get('wsrep_local_state_comment', s.get('error'))} size"
                                f" {s.get('wsrep_cluster_size')} last committed {s.get('wsrep_last_committed')}"
                                for i, s in enumerate(states)))
    if any(s.get("wsrep_local_state_comment") != "Synced" for s in states):
        problems.append("galera not synced")
    counts = [sql_socket(str(g / f"n{i}/sock"), "SELECT COUNT(*) FROM record_version")[0][0] for i in (1, 2, 3)]
    note(f"record versions on n1/n2/n3: {'/'.join(counts)}")
    if len(set(counts)) != 1:
        problems.append("galera nodes differ")
    st, _ = http("GET", f"http://127.0.0.1:{a.base + 51}/actuator/health/readiness")
    note(f"c1 readiness after its restart: {st}")
    note("RESULT: " + ("PASS" if not problems else "FAIL " + "; ".join(problems)))
    (out / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.exit(1 if problems else 0)


NS_WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
NS_WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"


def soap_include(trade, edoc=None, user="ru", at=None):
    """A SOAP IncludeRecord (MSG.001) with a UsernameToken (password digest, fresh nonce) as an authority sends it."""
    import hashlib
    doc = (SAMPLES / "dmd-msg001-include.xml").read_text(encoding="utf-8")
    doc = re.sub(r"^<\?xml[^>]*>\s*", "", doc)
    doc = re.sub(r"<!--.*?-->\s*", "", doc, count=1, flags=re.S)
    doc = re.sub(r"<csdo:EDocId>[^<]*<", f"<csdo:EDocId>{edoc or uuid.uuid4()}<", doc, count=1)
    doc = re.sub(r"<csdo:EDocDateTime>[^<]*<", f"<csdo:EDocDateTime>{(at or now()).isoformat()}<", doc, count=1)
    doc = re.sub(r"<hcsdo:DrugTradeName>[^<]*<", f"<hcsdo:DrugTradeName>{trade}<", doc, count=1)
    nonce = os.urandom(16)
    created = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    digest = base64.b64encode(hashlib.sha1(nonce + created.encode() + f"{user}-dev-password".encode()).digest()).decode()
    sec = (f'<wsse:Security xmlns:wsse="{NS_WSSE}" xmlns:wsu="{NS_WSU}" soap:mustUnderstand="1"><wsse:UsernameToken>'
           f'<wsse:Username>{user}</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/'
           f'oasis-200401-wss-username-token-profile-1.0#PasswordDigest">{digest}</wsse:Password><wsse:Nonce '
           f'EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#'
           f'Base64Binary">{base64.b64encode(nonce).decode()}</wsse:Nonce><wsu:Created>{created}</wsu:Created>'
           f'</wsse:UsernameToken></wsse:Security>')
    return (f'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>{sec}</soap:Header>'
            f'<soap:Body><IncludeRecord xmlns="urn:pmm03:ws:Commission:v1.0.0">{doc}</IncludeRecord></soap:Body>'
            f'</soap:Envelope>').encode("utf-8")


def ingest(a):
    """MSG.001 ingest at the SOAP port (UsernameToken with password digest, like scripts/bench.sh's driver):
    a.threads clients for a.seconds against a.url; prints one JSON line with the rate and latencies."""
    import http.client, concurrent.futures
    url = urllib.parse.urlparse(a.url)
    run = f"{random.randrange(36 ** 4):04x}"
    end = time.time() + a.seconds
    lat, bad = [], []

    def envelope(i):
        return soap_include(f"Ingest-{run}-{i}")

    def client(k):
        c = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        i = 0
        while time.time() < end:
            i += 1
            body = envelope(f"{k}-{i}")
            t = time.time()
            try:
                c.request("POST", url.path, body, {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'})
                r = c.getresponse()
                text = r.read()
                ok = r.status == 200 and b"INCLUDED" in text
            except Exception as e:
                ok, text = False, str(e).encode()
                c.close()
                c = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
            (lat if ok else bad).append((time.time() - t) * 1000)
            if not ok and len(bad) < 3:
                print("refused:", re.findall(rb"ResultCode[^>]*>([^<]*)<|DescriptionText[^>]*>([^<]*)<", text)[:4] or text[:300],
                      file=sys.stderr)

    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(a.threads) as ex:
        list(ex.map(client, range(a.threads)))
    took = time.time() - t0
    lat.sort()
    q = lambda p: round(lat[min(len(lat) - 1, int(len(lat) * p))], 1) if lat else None
    print(json.dumps({"url": a.url, "threads": a.threads, "seconds": round(took, 1), "included": len(lat),
                      "failed": len(bad), "per_s": round(len(lat) / took, 1), "p50_ms": q(0.5), "p95_ms": q(0.95)}))


def guards(a):
    """Checks of the shared state across nodes (issue #17 items 1 and 3, D-179, D-174), straight at the nodes:
    1. a UsernameToken accepted by Commission node c1 and replayed byte for byte to node c2 is refused (ERR_REPLAY,
       the nonce cache is the database's), and nothing is stored twice;
    2. the same document with a fresh nonce sent to c2 gets the stored answer (idempotency by EDocId across nodes);
    3. the portal-role node refuses writes: SOAP and operator-API posts get no 2xx and store nothing."""
    ok, lines = True, []

    def note(good, s):
        nonlocal ok
        ok = ok and good
        lines.append(("ok   " if good else "FAIL ") + s)
        print(lines[-1])

    def post(port, path, body, ctype="text/xml; charset=utf-8", user=None):
        return http("POST", f"http://127.0.0.1:{a.base + port}{path}", user, body, ctype, timeout=60)

    def stored(edoc):
        return int(sql_port(a.base + 1, f"SELECT (SELECT COUNT(*) FROM record_version WHERE created_by_edoc_id = "
                                        f"'{edoc}') + (SELECT COUNT(*) FROM processed_document WHERE edoc_id = '{edoc}')",
                            user=DBUSER, password=DBPASS)[0][0])

    edoc, at = str(uuid.uuid4()), now()
    env = soap_include(f"Replay-{edoc[:8]}", edoc, at=at)
    st1, b1 = post(51, "/ws/commission", env)
    note(st1 == 200 and b"INCLUDED" in b1, f"MSG.001 with a UsernameToken to c1: HTTP {st1}, INCLUDED {b'INCLUDED' in b1}")
    st2, b2 = post(52, "/ws/commission", env)
    note(st2 == 500 and b"ERR_REPLAY" in b2 and b"INCLUDED" not in b2,
         f"the same message (same nonce) replayed to c2: HTTP {st2}, ERR_REPLAY {b'ERR_REPLAY' in b2}")
    st3, b3 = post(51, "/ws/commission", env)
    note(st3 == 500 and b"ERR_REPLAY" in b3, f"replayed to c1 itself: HTTP {st3}, ERR_REPLAY {b'ERR_REPLAY' in b3}")
    st4, b4 = post(52, "/ws/commission", soap_include(f"Replay-{edoc[:8]}", edoc, at=at))
    note(st4 == 200 and b"INCLUDED" in b4, f"same EDocId, fresh nonce, to c2: HTTP {st4}, the stored answer"
                                           f" (INCLUDED) {b'INCLUDED' in b4}")
    n = stored(edoc)
    note(n == 2, f"record versions + processed documents of that EDocId in Galera: {n} (1 + 1 expected)")
    edoc2 = str(uuid.uuid4())
    st5, _ = post(53, "/ws/commission", soap_include(f"Portal-{edoc2[:8]}", edoc2))
    note(not 200 <= st5 < 300, f"MSG.001 (SOAP) to the portal-role node: HTTP {st5}")
    st6, _ = post(53, "/authority/api/submissions", document("dmd-msg001-include.xml", "RU", f"Portal-{edoc2[:8]}", edoc2,
                                                           now()), "application/xml", user="ru")
    note(not 200 <= st6 < 300, f"operator submission to the portal-role node: HTTP {st6}")
    n2 = stored(edoc2)
    note(n2 == 0, f"that EDocId stored at the Commission: {n2}")
    st8, _ = http("GET", f"http://127.0.0.1:{a.base + 53}/api/v1/pack-check?code=" +
                  urllib.parse.quote("(01)04601234567893(21)ABC123(17)281101(10)IB40-1125"))
    note(st8 == 200, f"the portal-role node still answers reads: pack check HTTP {st8}")
    print("GUARDS: " + ("PASS" if ok else "FAIL"))
    (pathlib.Path(a.out) / "guards.txt").write_text("\n".join(lines) + "\nGUARDS: " + ("PASS" if ok else "FAIL") + "\n",
                                                   encoding="utf-8")
    sys.exit(0 if ok else 1)


def packcheck(a):
    """Pack-check throughput: a.threads clients for a.seconds against a.url (GET, keep-alive), each asking a
    different code in turn (so a cache in front would not answer them), without If-None-Match."""
    import http.client, concurrent.futures
    url = urllib.parse.urlparse(a.url)
    codes = [urllib.parse.quote(f"(01)04601234567893(21)S{i}(17)281101(10)IB40-{1000 + i}") for i in range(200)]
    end = time.time() + a.seconds
    lat, bad = [], []

    def client(k):
        c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        i = k
        while time.time() < end:
            i += 1
            t = time.time()
            try:
                c.request("GET", f"{url.path}?code={codes[i % len(codes)]}")
                r = c.getresponse()
                r.read()
                (lat if r.status == 200 else bad).append((time.time() - t) * 1000)
            except Exception:
                bad.append(0)
                c.close()
                c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)

    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(a.threads) as ex:
        list(ex.map(client, range(a.threads)))
    took = time.time() - t0
    lat.sort()
    q = lambda p: round(lat[min(len(lat) - 1, int(len(lat) * p))], 1) if lat else None
    print(json.dumps({"url": a.url, "threads": a.threads, "seconds": round(took, 1), "answered": len(lat),
                      "failed": len(bad), "per_s": round(len(lat) / took, 1), "p50_ms": q(0.5), "p95_ms": q(0.95)}))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["load", "check", "ingest", "packcheck", "guards"])
    p.add_argument("--base", type=int, default=18400)
    p.add_argument("--seconds", type=int, default=150)
    p.add_argument("--stop-file")
    p.add_argument("--pause", type=float, default=0.5)
    p.add_argument("--drain", type=int, default=300)
    p.add_argument("--out", default="target/cluster/failover")
    p.add_argument("--state", default="target/cluster")
    p.add_argument("--url", default="http://127.0.0.1:18400/ws/commission")
    p.add_argument("--threads", type=int, default=8)
    a = p.parse_args()
    {"load": load, "check": check, "ingest": ingest, "packcheck": packcheck, "guards": guards}[a.mode](a)
