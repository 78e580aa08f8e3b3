"""The report of bench/perf/run: the figures table and docs/PERFORMANCE.md."""
import csv
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from perf_common import *  # noqa: F401,F403 (the helpers and constants of run)


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1])
    ver = lambda cmd: (subprocess.run(cmd, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                       .stdout.strip().splitlines() or ["?"])[0]
    return dict(nproc=os.cpu_count(), cpu=cpu, ram_gib=round(mem / 1048576, 1),
                kernel=platform.release(), os=ver(["sh", "-c", ". /etc/os-release; echo $PRETTY_NAME"]),
                omindex=ver(["sh", "-c", "dpkg-query -W -f '${Version}' xapian-omega"]),
                wrk=ver(["sh", "-c", "dpkg-query -W -f '${Version}' wrk"]),
                postgresql=ver(["sh", "-c", "dpkg-query -W -f '${Version}' postgresql-15"]),
                pdftotext=ver(["sh", "-c", "dpkg-query -W -f '${Version}' poppler-utils"]))


def ms(us):
    return f"{us / 1000:.1f} ms"


def fmt(x, nd=0):
    if x is None:
        return "—"
    return f"{x:,.{nd}f}"


def rows(R, a):
    """(figure, tracuu, peer, peer figure, ratio, target, met, load)."""
    out = []
    an = R.get("analyzer")
    if an:
        tps = an["tokens_per_s"]
        out.append(("analyzer: tokens/s on one core (459 vbpl texts, " f"{an['bytes'] / 1e6:.1f} MB)",
                    fmt(tps), "Cốc Cốc tokenizer (published figure, not run here)", "2,500,000",
                    f"{tps / 2.5e6:.2f}×", "≥ 2.5M", "yes" if tps >= 2.5e6 else "no", an["load"]))
        out.append(("analyzer incl. normalize_text: tokens/s", fmt(an["tokens_per_s_with_normalize"]),
                    "", "", "", "", "", an["load"]))
        if an.get("tokens_per_cpu_s"):  # CPU time of the analysing thread: less disturbed by a shared machine
            out.append(("analyzer: tokens per CPU-second of its thread", fmt(an["tokens_per_cpu_s"]), "", "", "", "",
                        "", an["load"]))
    ix = R.get("index")
    if ix:
        t, o = ix["tracuu"], ix["omindex"]
        r = t["docs_per_s"] / o["docs_per_s"]
        out.append((f"indexing text: documents/s ({ix['docs']:,} .txt, {ix['bytes'] / 1e6:.0f} MB)",
                    fmt(t["docs_per_s"], 1), "omindex (xapian-omega)", fmt(o["docs_per_s"], 1), f"{r:.2f}×",
                    "≥ 1.0×", "yes" if r >= 1.0 else "no", f"{t['load']}; omindex {o['load']}"))
        out.append(("indexing text: MB/s", fmt(t["mb_per_s"], 2), "omindex", fmt(o["mb_per_s"], 2),
                    f"{t['mb_per_s'] / o['mb_per_s']:.2f}×", "≥ 1.0×", "yes" if r >= 1.0 else "no", ""))
        out.append(("indexing text: peak RSS", f"{t['peak_rss_kib'] / 1024:.0f} MiB", "omindex",
                    f"{o['peak_rss_kib'] / 1024:.0f} MiB", "", "", "", ""))
        out.append(("indexing text: index size per 1,000 docs", f"{t['index_bytes'] / ix['docs'] * 1000 / 1e6:.1f} MB",
                    "omindex", f"{o['index_bytes'] / ix['docs'] * 1000 / 1e6:.1f} MB",
                    f"{t['index_bytes'] / o['index_bytes']:.1f}×", "", "", ""))
    pdf = R.get("pdf")
    if pdf:
        out.append((f"indexing PDF: pages/s ({pdf['files']} PDFs, {pdf['pages']} pages)",
                    fmt(pdf["tracuu"]["pages_per_s"], 1), "pdftotext alone",
                    fmt(pdf["pdftotext"]["pages_per_s"], 1), f"{pdf['ratio']:.2f}×", "≥ 0.8×",
                    "yes" if pdf["ratio"] >= 0.8 else "no",
                    f"{pdf['tracuu']['load']}; pdftotext {pdf['pdftotext']['load']}"))
        if pdf.get("tracuu_no_ocr"):
            n = pdf["tracuu_no_ocr"]
            out.append(("indexing PDF with --no-ocr (text layer only, as pdftotext): pages/s", fmt(n["pages_per_s"], 1),
                        "pdftotext alone", fmt(pdf["pdftotext"]["pages_per_s"], 1), f"{pdf['ratio_no_ocr']:.2f}×", "≥ 0.8×",
                        "yes" if pdf["ratio_no_ocr"] >= 0.8 else "no", n["load"]))
    s = R.get("search")
    pg = R.get("pg", {}).get("bench")
    def hit_rate(c):
        n = c.get("hits", 0) + c.get("misses", 0)
        return f"{c.get('hits', 0):,} of {n:,} from the cache" if n else "cache unused"

    def search_rows(label, w, note):
        target = lambda ok: "yes" if ok else "no"
        return [(f"search p50, {label}", ms(w["p50_us"]), "PostgreSQL 15 FTS + unaccent (pgbench, same mix)" if pg else "",
                 ms(pg["p50_us"]) if pg else "—", f"{pg['p50_us'] / w['p50_us']:.1f}× faster" if pg else "", "", "", w["load"]),
                (f"search p99, {label}", ms(w["p99_us"]), "PostgreSQL" if pg else "", ms(pg["p99_us"]) if pg else "—",
                 f"{pg['p99_us'] / w['p99_us']:.1f}× faster" if pg else "", "≤ 20 ms", target(w["p99_us"] <= 20000), note),
                (f"search queries/s, {label}", fmt(w["qps"], 0), "PostgreSQL" if pg else "", fmt(pg["qps"], 0) if pg else "—",
                 f"{w['qps'] / pg['qps']:.1f}×" if pg else "", "≥ 1,000", target(w["qps"] >= 1000),
                 f"errors: {w['err_status']} status, {w['err_timeout']} timeouts")]

    if s and s.get("search_uncached"):
        n = R.get("serve", {}).get("docs", a.docs)
        out += search_rows(f"caches off: every query computed, all its matches counted ({n:,} docs)", s["search_uncached"],
                           "a new query, none of its words asked before on the revision")
    if s and s.get("search_term_sets_cached"):
        out += search_rows("answers and counts not cached, term sets kept per revision (`--answer-cache 0 --count-cache 0`)",
                           s["search_term_sets_cached"], "a query not asked before on the revision, of words asked before")
    def distinct_rows(d, when):
        c = d.get("caches", {})
        repeats = "none asked twice" if d["requests"] <= d["queries"] else "some asked twice"
        return search_rows(f"default, a stream of different searches, {when} ({d['requests']:,} sent of {d['queries']:,}, {repeats}; 2–6 adjacent title words)", d,
                           "answers: " + hit_rate(c.get("answers", {})) + "; counts: " + hit_rate(c.get("counts", {}))
                           + "; term sets: " + hit_rate(c.get("term_sets", {})) + "; postings: " + hit_rate(c.get("postings", {}))
                           + "; documents: " + hit_rate(c.get("documents", {})))

    if s and s.get("search_distinct"):
        out += distinct_rows(s["search_distinct"], "server just started")
    if s and s.get("search_distinct_running"):
        r = s["search_distinct_running"]
        out += distinct_rows(r, f"the same server after those {r['after']:,}")
    if s and s.get("search_counts_cached"):
        c = s["search_counts_cached"]
        out += search_rows("answers not cached, totals and facets cached per revision (`--answer-cache 0`)", c,
                           "counts: " + hit_rate(c.get("caches", {}).get("counts", {})))
    if s:
        w = s["search"]
        n = R.get("serve", {}).get("docs", a.docs)
        out += search_rows(f"default: answers cached per index revision ({n:,} docs, wrk -t2 -c{w['connections']} -d{w['duration_s']}s, mix)",
                           w, "answers: " + hit_rate(w.get("caches", {}).get("answers", {})))
        g = s["suggest"]
        out.append(("suggest p50 / p99, default (suggestions cached per revision)", f"{ms(g['p50_us'])} / {ms(g['p99_us'])}", "", "", "",
                    "p99 ≤ 10 ms", "yes" if g["p99_us"] <= 10000 else "no",
                    g["load"] + "; " + hit_rate(g.get("caches", {}).get("suggestions", {}))))
        out.append(("suggest queries/s, default", fmt(g["qps"], 0), "", "", "", "", "", ""))
        if s.get("suggest_uncached"):
            u = s["suggest_uncached"]
            out.append(("suggest p50 / p99, caches off: every prefix looked up", f"{ms(u['p50_us'])} / {ms(u['p99_us'])}", "", "", "",
                        "p99 ≤ 10 ms", "yes" if u["p99_us"] <= 10000 else "no", u["load"]))
            out.append(("suggest queries/s, caches off", fmt(u["qps"], 0), "", "", "", "", "", ""))
        out.append((f"server RSS (VmRSS, --threads {s['threads']}): start / after load",
                    f"{s['rss_start_kib'] / 1024:.0f} / {s['rss_end_kib'] / 1024:.0f} MiB", "", "", "", "", "", ""))
        if "rss_kib" in s.get("search_distinct_running", {}):
            out.append(("server RSS after the stream of different searches (the default caches filled with new words)",
                        f"{s['search_distinct_running']['rss_kib'] / 1024:.0f} MiB", "", "", "", "", "", ""))
    w = R.get("warm")
    if w and "0" in w and "32" in w:
        off, on = w["0"], w["32"]
        label = (f"search at {on['rate']:.0f}/s while 5,000 documents are added ({on['revisions']} commits), "
                 "cache warmer off → on (`--warm 0` / `--warm 32`, bench/perf/warm_search.py)")
        out.append((label + ": answered from the cache",
                    f"{off['hits']:,} → {on['hits']:,} of {on['requests']:,}", "", "", "", "", "", f"{off['load']}; {on['load']}"))
        out.append(("the same: p50 / p90 / p99",
                    f"{off['p50']} / {off['p90']} / {off['p99']} ms → {on['p50']} / {on['p90']} / {on['p99']} ms",
                    "", "", "", "", "", f"warmed: {on['warmed']}"))
    sv = R.get("serve")
    if sv:
        p = R.get("pg", {}).get("load")
        out.append((f"index size per 1,000 docs ({sv['docs']:,} docs)",
                    f"{sv['index_bytes'] / sv['docs'] * 1000 / 1e6:.1f} MB",
                    "PostgreSQL table + GIN" if p else "",
                    f"{p['bytes'] / sv['docs'] * 1000 / 1e6:.1f} MB" if p else "—", "", "", "", ""))
        out.append((f"indexing {sv['docs']:,} docs (--commit-every {sv['commit_every']})",
                    f"{sv['seconds']:,.0f} s = {sv['docs_per_s']:,.1f} docs/s",
                    "PostgreSQL COPY + to_tsvector + GIN" if p else "",
                    f"{p['seconds']:,.0f} s = {p['docs_per_s']:,.1f} docs/s" if p else "—", "", "", "",
                    sv["load"]))
    return out


def write_report(a, R):
    M = R["machine"]
    table = rows(R, a)
    hdr = ["figure", "tracuu", "peer", "peer figure", "ratio", "target", "met", "load avg (1/5/15 min)"]
    md = ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
    for r in table:
        md.append("| " + " | ".join(str(x) for x in r) + " |")
    # console table
    widths = [max(len(str(r[i])) for r in [hdr] + table) for i in range(7)]
    print()
    for r in [hdr] + table:
        print("  ".join(str(r[i]).ljust(min(widths[i], 60))[:60] for i in range(7)))
    print()

    recall = []
    s, pg = R.get("search", {}), R.get("pg", {})
    if s.get("hits"):
        recall = ["| query | tracuu hits | PostgreSQL hits |", "|---|---|---|"]
        for q, n in s["hits"].items():
            rel = " (relaxed)" if s.get("relaxed", {}).get(q) else ""
            recall.append(f"| `{q}` | {n:,}{rel} | {pg.get('hits', {}).get(q, '—')} |")
    mixrows = []
    if s.get("queries"):
        pgq = {(d["q"], json.dumps(d["extra"], sort_keys=True)): d["total"] for d in pg.get("queries", [])}
        mixrows = ["| kind | q | filters | tracuu hits | took_ms (1st call) | PostgreSQL hits |", "|---|---|---|---|---|---|"]
        for d in s["queries"]:
            key = (d["q"], json.dumps(d["extra"], sort_keys=True))
            f = ", ".join(f"{k}={v}" for k, v in d["extra"].items())
            mixrows.append(f"| {d['label']} | `{d['q']}` | {f} | {d['total']:,} | {round(d['took_ms'], 1) if d['took_ms'] is not None else '—'} | {pgq.get(key, '—')} |")
    corp = R.get("corpus", {})
    corp_lines = []
    for n, m in corp.items():
        corp_lines.append(f"- {int(n):,} documents, {m['bytes'] / 1e6:.0f} MB of UTF-8 text "
                          f"({m['avg_bytes']:,} bytes per document on average), seed {m['seed']}; types "
                          + ", ".join(f"{k} {v:,}" for k, v in sorted(m["types"].items(), key=lambda kv: -kv[1]))
                          + f"; {m['samples']['uy_variant']:,} documents spell `Uỷ ban`.")
    extra = ""
    profile = os.path.join(HERE, "PROFILE.md")
    if os.path.exists(profile):
        # The profile is long and grows with each pass: listed here by its sections, read there.
        sections = [line[4:].strip() for line in open(profile, encoding="utf-8") if line.startswith("### ")]
        extra += ("\n## Profile: where the time goes\n\nWhat was profiled (`bench/perf/profile`, Debian `linux-perf`), "
                  "measured, tried and changed, pass by pass, is in [bench/perf/PROFILE.md](../bench/perf/PROFILE.md): "
                  "first the profile that started the \"profile and fix\" pass, with its list of fixes, then\n\n"
                  + "".join(f"- {title}\n" for title in sections))
    notes = os.path.join(HERE, "NOTES.md")
    if os.path.exists(notes):
        extra += "\n" + open(notes, encoding="utf-8").read().strip() + "\n"
    text = f"""# Performance

Generated by `bench/perf/run` on {R['finished']}; every figure below comes from that run (or from
the last run of the step named, when a step was re-run with `--steps`). Re-run with:

```sh
bench/perf/run                                  # 100k documents served, 10k indexed against omindex
bench/perf/run --docs 10000 --index-docs 10000   # quicker
bench/perf/run --docs 1000000 --index-docs 100000
bench/perf/run --steps search,pg                # re-run some steps, keep the other figures
```

It builds the binaries (Release), generates the corpora, runs each step and writes this file.
Debian packages it needs beyond the project's own: `xapian-omega` (omindex), `wrk`,
`poppler-utils` (pdftotext, pdfinfo), `postgresql-15` and `postgresql-contrib` (unaccent,
pgbench), `time`; `linux-perf` and `valgrind` for profiling.

## Machine

- {M['nproc']} cores: {M['cpu']}; {M['ram_gib']} GiB RAM; {M['os']}, Linux {M['kernel']}
- peers: omindex {M['omindex']}, PostgreSQL {M['postgresql']}, pdftotext {M['pdftotext']}, wrk {M['wrk']}
- the machine is shared with other engineers' builds and browser tests: the load average (1, 5,
  15 minutes) before → after each step is in the last column; figures taken under load are
  lower bounds for tracuu and its peers alike (both ran in the same conditions).

## Corpus

`bench/perf/gen_corpus.py --docs N --seed S --out DIR` (deterministic: same seed, same bytes)
recombines the {corp[next(iter(corp))]['source_sentences']:,} sentences and {corp[next(iter(corp))]['source_titles']} titles of the 459 vbpl texts
and the Ninh Bình plan in `../shared/corpus-src/` into administrative documents: an issuer header
(Chính phủ, Thủ tướng, ministries, the Ủy ban nhân dân / Hội đồng nhân dân of the 34 provinces,
their departments), `Số: 12/2024/NĐ-CP` or `Số: 7/KH-UBND`, a place/date line, the type and
title, 1–5 `Căn cứ …` lines citing earlier generated documents by number and date, articles or
plan sections of real sentences, for plans, decisions and resolutions a budget section
(`- Chi …: 12,5 tỷ đồng` lines adding up to the total) and a signature block. It writes one .txt
file per document, the same documents as JSON lines (`docs.jsonl`) and `fields.tsv`.

{chr(10).join(corp_lines)}

PDF: the 7 Công báo PDFs of `corpus-src/congbao/` and the plan PDF (`plans/kh13-2025-ninh-binh.pdf`).
Analyzer: the 459 texts of `corpus-src/vbpl/txt/`.

## Figures

{chr(10).join(md)}

How each figure is taken:
- analyzer: `tracuu-perf-analyzer` (bench/perf/analyzer_bench.cpp), one thread,
  `Analyzer(AnalysisMode::Index).analyze()` over the `normalize_text()` of every vbpl text, best
  of 3 passes after a warm-up; tokens are every Token returned (syllables, numbers, identifier
  parts and whole identifiers).
- indexing text: wall time of `tracuu-index --index NEW DIR` (default settings) and of
  `omindex --db NEW --url / DIR` on the same folder of .txt files, each from an empty index,
  best of {a.repeat_index}.
- indexing PDF: wall time of `tracuu-index` on a folder holding the 8 PDFs vs `pdftotext` run on each
  PDF in turn; pages from `pdfinfo`. By default tracuu reads the 2 pages without a text layer (the
  Công báo back covers) by OCR, about 0.3 s each, which pdftotext does not do; the `--no-ocr` row
  does the same work as pdftotext (the text layer) and more (analysis, identity, citations, index).
- search: `tracuu-server --threads {s.get('threads', a.threads)} --rate 100000 --burst 100000` (default
  `--connections 64` connection threads, `--keep-alive 2`) on the index of
  `--docs` documents, `wrk` with a Lua script cycling through the {len(s.get('queries', []))} URL-encoded
  queries of the mix below, `size=10`, facets included in every answer; suggest: the same over
  {len(SUGGEST)} prefixes. RSS is VmRSS from /proc/PID/status. Four runs of the same load, and one of other queries: "caches
  off" (`--answer-cache 0 --count-cache 0 --suggest-cache 0 --term-set-cache 0 --postings-cache 0
  --document-cache 0`): every search walks all its matches
  for its exact total and facets and ranks its page, as PostgreSQL answers every query anew; this
  is what a query costs the first time it is asked on an index revision when none of its words
  was asked before. "Answers and counts not cached" (`--answer-cache 0 --count-cache 0`): every
  search counts its matches by set algebra over the sets of its terms' documents, kept per
  revision after their first use (`--term-set-cache`, 128 MiB), and ranks its page from its words'
  postings, kept likewise (`--postings-cache`, 256 MiB): what a query not asked before costs when
  its words were. "Answers not cached"
  (`--answer-cache 0`): totals and facets of a query already counted on the revision are reused
  (a page turned, a sort changed) and only the page is ranked. "Default": whole answers and
  suggestions are kept per revision (2,048 and 4,096 entries); the wrk mix cycles through few
  queries, so after the first pass this run measures the cache and the HTTP path, not the index;
  the hit counts (from `/healthz`) are in the notes column. "Different searches": the server
  with its default settings, started afresh, under a stream of different searches, each sent
  once while there are more searches than requests, for 12 s ("server just started": every cache
  empty at first), then 12 s more from the other half of the stream on the same server ("after
  those": a server that has been answering new searches for a while) (`distinct_queries()` in
  bench/perf/perf_common.py: every run of 2–6 adjacent words of the generated documents' titles,
  lower case, as written and without diacritics, shuffled with seed 7), as many users typing
  their own words would send: no answer comes from the cache; the term sets and postings of
  words already asked do (the page is ranked from the postings, session 7 in PROFILE.md), and so
  do the counts of an unaccented search whose accented twin was asked (it is searched in its
  restored spelling), and documents already shown; PostgreSQL was not run on these.
- PostgreSQL: a throwaway cluster (initdb in a temporary folder, 127.0.0.1, `fsync=off`,
  `shared_buffers=512MB`), table `docs` with a stored `tsvector` column
  `to_tsvector('simple', unaccent(title || ' ' || body))` under a GIN index; each query is
  `websearch_to_tsquery('simple', unaccent(q))` and returns what tracuu returns except snippets:
  the total, the top 10 by `ts_rank_cd` and facet counts by type and year; filters are SQL
  conditions. Load client: `pgbench -c {a.connections} -j 2 -T {a.duration}` with one script per query
  of the mix, per-transaction latencies from its log.
- searching while documents are added (step `warm`): a copy of the served index, `tracuu-server
  --threads 2` with the default caches and `--warm 0` or `--warm 32`; the 37 searches of the mix
  asked once, then in turn at 20 per second for 40 s from one connection while `tracuu-index`
  adds 5,000 documents generated with the next seed (committing every 5 s); "answered from the
  cache" counts the answer-cache hits of those 800 searches (`/healthz`), latencies are the
  client's.

### Query mix (hits on both systems)

{chr(10).join(mixrows)}

### Where PostgreSQL + unaccent misses what tracuu finds

{chr(10).join(recall)}
{extra}"""
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    log("wrote", a.out)
