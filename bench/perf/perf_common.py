"""Helpers shared by bench/perf/run and its report: paths, logging, timing, the query mix."""
import csv
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


SRC = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus-src"))


PGBIN = "/usr/lib/postgresql/15/bin"


ALL_STEPS = ["build", "corpus", "analyzer", "index", "pdf", "serve", "search", "pg", "warm"]


def log(*a):
    print("[perf]", *a, file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run(cmd, **kw):
    log("$", " ".join(cmd) if isinstance(cmd, list) else cmd)
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, **kw):
    """Runs cmd, returns (wall seconds, peak RSS KiB of the child, stdout+stderr text)."""
    log("$", " ".join(cmd))
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "@@maxrss=%M", *cmd], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, **kw)
    wall = time.monotonic() - t0
    m = re.search(r"@@maxrss=(\d+)", p.stdout)
    if p.returncode not in (0,):
        log(p.stdout[-2000:])
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return wall, int(m.group(1)) if m else 0, p.stdout


def du_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(d, f))
            except OSError:
                pass
    return total


def files_bytes(path, exts):
    n = b = 0
    for d, _, files in os.walk(path):
        for f in files:
            if f.endswith(exts):
                n += 1
                b += os.path.getsize(os.path.join(d, f))
    return n, b


def analyzer_exe(a):
    return os.path.join(a.work, "bin", "tracuu-perf-analyzer")


def bin_(a, name):
    sub = {"tracuu-index": "indexer", "tracuu-server": "server"}[name]
    return os.path.join(a.build, sub, name)


def corpus_dir(a, n):
    return os.path.join(a.work, f"corpus-{n}")


def serve_index(a):
    return os.path.join(a.work, f"idx-{a.docs}")


def query_mix(a):
    """(label, q, extra params) — the same mix for tracuu and PostgreSQL."""
    meta = json.load(open(os.path.join(corpus_dir(a, a.docs), "meta.json")))
    nums = meta["samples"]["numbers"]
    yearly = [n for n in nums if n.count("/") == 2][:4]
    local = [n for n in nums if n.count("/") == 1][:3]
    mix = [
        ("accented words", "chuyển đổi số", {}),
        ("accented words", "ngân sách nhà nước", {}),
        ("accented words", "khoa học và công nghệ", {}),
        ("accented words", "thu hồi giấy chứng nhận", {}),
        ("accented words", "bảo hiểm xã hội", {}),
        ("accented words", "tổ chức tín dụng", {}),
        ("accented words", "an toàn thông tin", {}),
        ("accented words", "Ủy ban nhân dân tỉnh Ninh Bình", {}),
        ("unaccented words", "chuyen doi so", {}),
        ("unaccented words", "ngan sach nha nuoc", {}),
        ("unaccented words", "dau tu cong", {}),
        ("unaccented words", "bao hiem xa hoi", {}),
        ("unaccented words", "uy ban nhan dan dong nai", {}),
        ("unaccented words", "giay phep kinh doanh", {}),
        ("unaccented words", "phat trien kinh te", {}),
        ("phrase", '"đổi mới sáng tạo"', {}),
        ("phrase", '"dự toán ngân sách"', {}),
        ("phrase", '"chuyen doi so"', {}),
        ("phrase", '"cơ sở dữ liệu"', {}),
        ("rare words", "phạm nhân chấp hành án", {}),
        ("rare words", "thuy san nuoi trong", {}),
    ]
    for n in yearly:
        mix.append(("document number", n, {}))
    for n in local:
        mix.append(("document number", n, {}))
    if yearly:
        num, year, sym = yearly[0].split("/")
        fold = sym.lower().replace("đ", "d")
        mix.append(("document number, other spelling", f"{fold} {num} {year}", {}))
    mix += [
        ("filter", "kế hoạch", {"type": "Kế hoạch"}),
        ("filter", "ngan sach", {"year": "2025"}),
        ("filter", "chuyển đổi số", {"type": "Quyết định", "year": "2024"}),
        ("filter", "đầu tư", {"year": "2023"}),
        ("filter + sort", "khoa hoc", {"type": "Thông tư", "sort": "date_desc"}),
        ("amount", "tỷ đồng", {}),
        ("exclusion", "ngân sách -giáo", {}),
        ("OR", "bảo hiểm OR tín dụng", {}),
    ]
    return mix


def strip_marks(text):
    """Vietnamese as typed without diacritics: tone and vowel marks dropped, đ → d."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def distinct_queries(a, count, seed=7):
    """Up to `count` different searches as users type them: 2–6 adjacent words of a title of the
    served corpus, lower case, as written or without diacritics, in a random order (2–4 words gave
    19,268 at 100,000 documents, fewer than a run now sends). The same seed gives the same list."""
    titles = set()
    with open(os.path.join(corpus_dir(a, a.docs), "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            titles.add(json.loads(line).get("title", ""))
    candidates = set()
    for title in titles:
        words = [w for w in re.findall(r"\w+", title.lower()) if not w.isdigit()]
        for n in (2, 3, 4, 5, 6):
            for start in range(len(words) - n + 1):
                q = " ".join(words[start:start + n])
                candidates.add(q)
                candidates.add(strip_marks(q))
    out = sorted(candidates)
    random.Random(seed).shuffle(out)
    return out[:count]


def search_path(q, extra, size=10):
    params = [("q", q), ("size", str(size))] + list(extra.items())
    return "/api/search?" + urllib.parse.urlencode(params)


SUGGEST = ["ng", "nghi", "nghị đ", "ke hoa", "kế hoạch ch", "uy ban", "chuyen doi", "quyết định s",
           "thong t", "ngân sách n", "bảo hi", "đổi mới s", "tổ chức", "dau t", "khoa h", "60/20",
           "12/KH", "nd-cp", "phát tri", "an toan"]


def http_get(port, path, timeout=30):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.status, r.read()


def recall_queries(a):
    meta = json.load(open(os.path.join(corpus_dir(a, a.docs), "meta.json")))
    yearly = [n for n in meta["samples"]["numbers"] if n.count("/") == 2 and "NĐ-CP" in n]
    num = yearly[0] if yearly else "60/2021/NĐ-CP"
    n, y, s = num.split("/")
    return ["Đồng Nai", "đồng nai", "dong nai", "Ủy ban nhân dân", "Uỷ ban nhân dân",
            "uy ban nhan dan", "UBND", num, f"nd-cp {n} {y}", f"Nghị định {n}/{y}", f"{n}/{y}"]
