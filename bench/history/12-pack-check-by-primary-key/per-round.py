# usage: per-round.py TAG SAMPLES ROUNDS — per benchmark round: the node's and mariadbd's CPU and statements per request
# (SAMPLES from sample-server-and-mariadbd.sh, ROUNDS = the driver log's "round" lines)
import re,sys,datetime
tag=sys.argv[1]
S=[tuple(map(float,l.split())) for l in open(sys.argv[2]) if len(l.split())==4]
def at(t):
    best=None
    for s in S:
        if s[0]<=t: best=s
    return best
for l in open(sys.argv[3]):
    m=re.match(r'(\S+)Z\s+round (\d) (\S+)\s+([\d.]+) req/s.*p99\s+([\d.]+)',l)
    if not m: continue
    end=datetime.datetime.fromisoformat(m.group(1)).replace(tzinfo=datetime.timezone.utc).timestamp()
    tp=float(m.group(4)); a=at(end-6+0.4); b=at(end-0.4)
    if a and b and b[0]>a[0]:
        dt=b[0]-a[0]; n=tp*dt
        print(f"{tag} r{m.group(2)} {m.group(3):6} {tp:6.0f} req/s p99 {m.group(5):>6}  jvm {(b[1]-a[1])*1e4/n:5.0f} us/req  mariadbd {(b[2]-a[2])*1e4/n:5.0f} us/req  statements/req {(b[3]-a[3])/n:5.2f}")
