#!/usr/bin/env python3
"""Searches at a steady rate while tracuu-index adds documents to the index being served, and
prints the latency, the answer-cache hits and misses and the answers warmed ahead (--warm N;
0 turns the cache warmer off). Serves a copy of the index (INDEX-warm), on loopback, and stops
the server it started.

    bench/perf/gen_corpus.py --docs 5000 --seed 2 --out /tmp/tracuu-perf/corpus-extra-5000
    bench/perf/warm_search.py --index-src WORK/idx-100000 --extra /tmp/tracuu-perf/corpus-extra-5000/txt \
        --build BUILD --lua WORK/wrk-search.lua --warm 32     # and --warm 0
"""
import argparse, http.client, json, os, re, shutil, subprocess, time

ap = argparse.ArgumentParser()
ap.add_argument("--index-src", required=True, help="index to copy and serve (bench/perf/run keeps WORK/idx-N)")
ap.add_argument("--extra", required=True, help="folder of documents to add while searching (gen_corpus.py --seed 2)")
ap.add_argument("--build", required=True, help="build folder holding indexer/tracuu-index and server/tracuu-server")
ap.add_argument("--warm", type=int, default=32)
ap.add_argument("--rate", type=float, default=20.0)
ap.add_argument("--seconds", type=float, default=40.0, help="of searching; the indexer starts after 2 s")
ap.add_argument("--lua", required=True, help="the wrk script of the search mix (WORK/wrk-search.lua), for its URLs")
a = ap.parse_args()

paths = re.findall(r'"(/api/(?:search|suggest)\?[^"]+)"', open(a.lua).read())
work = a.index_src.rstrip("/") + "-warm"
shutil.rmtree(work, ignore_errors=True)
shutil.copytree(a.index_src, work)
srv = subprocess.Popen([os.path.join(a.build, "server/tracuu-server"), "--index", work, "--port", "0", "--threads", "2",
                        "--rate", "100000", "--burst", "100000", "--warm", str(a.warm)], stdout=subprocess.PIPE, text=True)
port = int(re.search(r"127\.0\.0\.1:(\d+)", srv.stdout.readline()).group(1))
conn = http.client.HTTPConnection("127.0.0.1", port)
def get(path):
    conn.request("GET", path); r = conn.getresponse(); body = r.read(); return r.status, body
for p in paths: get(p)  # asked once: cached and noted as recent
def health(): return json.loads(get("/healthz")[1])
h0 = health()
lat = []; t0 = time.time()
indexer = None
i = 0
while time.time() - t0 < a.seconds:
    if indexer is None and time.time() - t0 > 2:
        indexer = subprocess.Popen([os.path.join(a.build, "indexer/tracuu-index"), "--index", work, "--quiet", a.extra],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    s = time.time(); status, _ = get(paths[i % len(paths)]); lat.append((time.time() - s) * 1000); i += 1
    if status != 200: print("status", status)
    nxt = t0 + i / a.rate
    if nxt > time.time(): time.sleep(nxt - time.time())
indexer_rc = indexer.wait() if indexer is not None else None
h1 = health()
srv.terminate(); srv.wait()
shutil.rmtree(work, ignore_errors=True)
lat.sort()
cache = "suggestions" if "/api/suggest" in paths[0] else "answers"
hits = h1["caches"][cache]["hits"] - h0["caches"][cache]["hits"]
misses = h1["caches"][cache]["misses"] - h0["caches"][cache]["misses"]
print(json.dumps(dict(build=a.build, cache=cache, warm=a.warm, requests=len(lat), rate=a.rate, p50=round(lat[len(lat)//2], 1), p90=round(lat[int(len(lat)*0.9)], 1),
                      p99=round(lat[int(len(lat)*0.99)], 1), max=round(lat[-1], 1), hits=hits, misses=misses,
                      warmed=h1["caches"]["warmed"], revisions=h1["revision"] - h0["revision"], indexer_rc=indexer_rc)))
