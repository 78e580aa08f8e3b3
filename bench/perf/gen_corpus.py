#!/usr/bin/env python3
"""Deterministic generator of Vietnamese administrative documents for tracuu's benchmarks.

    bench/perf/gen_corpus.py --docs 100000 --seed 1 --out /tmp/tracuu-perf/corpus-100000

Builds its vocabulary from the real documents of ../shared/corpus-src/ (the 459 vbpl texts and
the Ninh Bình plan): body sentences are real sentences recombined; headers, numbers
("Số: 12/2024/NĐ-CP", "Số: 13/KH-UBND"), place/date lines, "Căn cứ …" lines citing other
generated numbers, and budget sections ("- Chi …: 12,5 tỷ đồng", whose parts add up to the
total) are generated around them. Same seed and source → byte-identical output.

Writes OUT/txt/NNNN/doc_NNNNNNN.txt (1,000 files per folder), OUT/docs.jsonl
({"_id", "title", "text"} per line, same documents), OUT/fields.tsv (id, type, issuer, year,
number: what the generator put in each header, for the PostgreSQL peer), OUT/meta.json (counts, sizes, and samples
of the generated numbers, issuers and titles, used to build the query mix).
Python 3 standard library only.
"""
import argparse
import json
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus-src"))

PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]
CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}

MINISTRIES = [
    ("BỘ TÀI CHÍNH", "Bộ Tài chính", "BTC"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Bộ Khoa học và Công nghệ", "BKHCN"),
    ("BỘ XÂY DỰNG", "Bộ Xây dựng", "BXD"),
    ("BỘ Y TẾ", "Bộ Y tế", "BYT"),
    ("BỘ NỘI VỤ", "Bộ Nội vụ", "BNV"),
    ("BỘ CÔNG THƯƠNG", "Bộ Công Thương", "BCT"),
    ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Bộ Nông nghiệp và Môi trường", "BNNMT"),
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("BỘ TƯ PHÁP", "Bộ Tư pháp", "BTP"),
    ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "Ngân hàng Nhà nước Việt Nam", "NHNN"),
]
DEPARTMENTS = [
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ", "SKHCN"),
    ("SỞ TÀI CHÍNH", "Sở Tài chính", "STC"),
    ("SỞ NỘI VỤ", "Sở Nội vụ", "SNV"),
    ("SỞ Y TẾ", "Sở Y tế", "SYT"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo", "SGDĐT"),
]
TYPE_UPPER = {
    "Nghị định": "NGHỊ ĐỊNH", "Nghị quyết": "NGHỊ QUYẾT", "Quyết định": "QUYẾT ĐỊNH",
    "Thông tư": "THÔNG TƯ", "Kế hoạch": "KẾ HOẠCH", "Chỉ thị": "CHỈ THỊ", "Công văn": "",
    "Báo cáo": "BÁO CÁO",
}
TYPE_ABBR = {"Nghị định": "NĐ", "Nghị quyết": "NQ", "Quyết định": "QĐ", "Thông tư": "TT",
             "Kế hoạch": "KH", "Chỉ thị": "CT", "Báo cáo": "BC"}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Xuân", "Hồng", "Đình"]
GIVENS = ["An", "Bình", "Cường", "Dũng", "Đông", "Giang", "Hà", "Hải", "Hùng", "Hương", "Khoa",
          "Lan", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng",
          "Thủy", "Tuấn", "Việt", "Yến"]
PLAN_SECTIONS = [
    "I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ VÀ GIẢI PHÁP", "III. KINH PHÍ THỰC HIỆN",
    "IV. TỔ CHỨC THỰC HIỆN", "A. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN", "B. KẾ HOẠCH NĂM",
]
BUDGET_LABELS_EXTRA = [
    "Chi sự nghiệp khoa học và công nghệ", "Chi đầu tư phát triển", "Chi chuyển đổi số",
    "Chi đào tạo, bồi dưỡng cán bộ, công chức", "Chi sự nghiệp giáo dục", "Chi sự nghiệp y tế",
    "Chi hỗ trợ doanh nghiệp đổi mới sáng tạo", "Chi xây dựng cơ sở dữ liệu dùng chung",
    "Chi bảo đảm an toàn thông tin mạng", "Chi thường xuyên của các đơn vị sự nghiệp công lập",
    "Chi nhiệm vụ khoa học và công nghệ cấp tỉnh", "Chi hoạt động của hội đồng khoa học",
    "Chi nâng cấp hạ tầng viễn thông", "Chi phát triển nền tảng số", "Chi dự phòng ngân sách",
]


def nfc(s):
    return unicodedata.normalize("NFC", s)


def load_sources(src):
    texts = []
    vbpl = os.path.join(src, "vbpl", "txt")
    for name in sorted(os.listdir(vbpl)):
        if name.endswith(".txt"):
            with open(os.path.join(vbpl, name), encoding="utf-8", errors="replace") as f:
                texts.append(nfc(f.read()))
    plan = os.path.join(src, "plans", "kh13-2025-ninh-binh.txt")
    plan_text = ""
    if os.path.exists(plan):
        with open(plan, encoding="utf-8", errors="replace") as f:
            plan_text = nfc(f.read())
        texts.append(plan_text)
    if not texts:
        sys.exit("gen_corpus: no source texts under " + src)

    sentences, titles, cancu, labels = [], [], [], list(BUDGET_LABELS_EXTRA)
    split_re = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ0-9a-z])")
    for t in texts:
        lines = [l.strip() for l in t.splitlines()]
        for i, line in enumerate(lines):
            if not line or "\u200b" in line:
                line = line.replace("\u200b", "")
                if not line:
                    continue
            if line.startswith("Căn cứ") and 20 < len(line) < 400:
                cancu.append(line)
                continue
            if line.startswith("Số:") or "ngày" in line[:40] and "tháng" in line and len(line) < 60:
                continue
            if line.isupper():
                # the line after a type heading is usually the title
                if line in TYPE_UPPER.values() and i + 1 < len(lines):
                    nxt = next((l for l in lines[i + 1:i + 4] if l), "")
                    if 20 < len(nxt) < 250 and not nxt.isupper() and ".." not in nxt and "…" not in nxt:
                        titles.append(nxt)
                continue
            m = re.match(r"^[-+•]\s*(Chi [^:]{10,120}):\s*[\d.,]+\s*(tỷ|triệu) đồng", line)
            if m:
                labels.append(m.group(1).strip())
            if len(line) < 40:
                continue
            for s in split_re.split(line):
                s = s.strip()
                if 30 <= len(s) <= 400:
                    sentences.append(s)
    # dedupe, keep order (deterministic)
    def uniq(xs):
        seen, out = set(), []
        for x in xs:
            if x not in seen:
                seen.add(x)
                out.append(x)
        return out
    return uniq(sentences), uniq(titles), uniq(cancu), uniq(labels)


def vn_amount(rng):
    """An amount in 'tỷ đồng' with a Vietnamese decimal comma, and its value in millions."""
    r = rng.random()
    if r < 0.5:
        tenths = rng.randint(5, 999)           # 0,5 … 99,9 tỷ
    elif r < 0.85:
        tenths = rng.randint(1000, 9999)       # 100 … 999,9 tỷ
    else:
        tenths = rng.randint(1, 50) * 10       # round numbers
    return tenths


def fmt_ty(tenths):
    whole, frac = divmod(tenths, 10)
    w = f"{whole:,}".replace(",", ".")
    return f"{w},{frac} tỷ đồng" if frac else f"{w} tỷ đồng"


def person(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"


class Generator:
    def __init__(self, seed, src):
        self.rng = random.Random(seed)
        self.sentences, self.titles, self.cancu, self.labels = load_sources(src)
        self.counters = {}
        self.numbers = []      # (number, type, issuer_short, year, day, month)
        self.by_type = {}

    def issuer(self):
        rng = self.rng
        r = rng.random()
        if r < 0.12:
            t = rng.choice(["Nghị định", "Nghị định", "Nghị quyết"])
            return dict(head=["CHÍNH PHỦ"], short="Chính phủ", type=t,
                        sym=f"{TYPE_ABBR[t]}-CP", yearly=True, place="Hà Nội", sign="TM. CHÍNH PHỦ\nTHỦ TƯỚNG")
        if r < 0.18:
            t = rng.choice(["Quyết định", "Chỉ thị"])
            return dict(head=["THỦ TƯỚNG CHÍNH PHỦ"], short="Thủ tướng Chính phủ", type=t,
                        sym=f"{TYPE_ABBR[t]}-TTg", yearly=True, place="Hà Nội", sign="THỦ TƯỚNG")
        if r < 0.38:
            up, name, code = rng.choice(MINISTRIES)
            t = rng.choice(["Thông tư", "Thông tư", "Quyết định"])
            return dict(head=[up], short=name, type=t, sym=f"{TYPE_ABBR[t]}-{code}", yearly=True,
                        place="Hà Nội", sign="KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG")
        prov = rng.choice(PROVINCES)
        unit = "THÀNH PHỐ" if prov in CITIES else "TỈNH"
        unit_l = "thành phố" if prov in CITIES else "tỉnh"
        place = prov if prov != "Hồ Chí Minh" else "Thành phố Hồ Chí Minh"
        # real documents use both tone placements of "ủy"; keep about one in four as "Uỷ"
        uy = "Uỷ" if rng.random() < 0.25 else "Ủy"
        if r < 0.80:
            t = rng.choice(["Kế hoạch", "Quyết định", "Quyết định", "Công văn", "Báo cáo"])
            sym = "UBND-VP" if t == "Công văn" else f"{TYPE_ABBR[t]}-UBND"
            return dict(head=["ỦY BAN NHÂN DÂN", f"{unit} {prov.upper()}"],
                        short=f"{uy} ban nhân dân {unit_l} {prov}", type=t, sym=sym, yearly=False,
                        place=place, sign="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
        if r < 0.90:
            return dict(head=["HỘI ĐỒNG NHÂN DÂN", f"{unit} {prov.upper()}"],
                        short=f"Hội đồng nhân dân {unit_l} {prov}", type="Nghị quyết",
                        sym="NQ-HĐND", yearly=False, place=place, sign="CHỦ TỊCH")
        up, name, code = rng.choice(DEPARTMENTS)
        t = rng.choice(["Kế hoạch", "Báo cáo", "Quyết định"])
        return dict(head=[f"UBND {unit} {prov.upper()}", up], short=f"{name} {unit_l} {prov}",
                    type=t, sym=f"{TYPE_ABBR[t]}-{code}", yearly=False, place=place,
                    sign="GIÁM ĐỐC")

    def new_number(self, iss, year):
        key = (iss["short"], iss["sym"], year)
        n = self.counters.get(key, 0) + self.rng.randint(1, 7)
        self.counters[key] = n
        return f"{n}/{year}/{iss['sym']}" if iss["yearly"] else f"{n}/{iss['sym']}"

    def citation(self, year):
        """A 'Căn cứ …' line citing an earlier generated document (or a real line)."""
        rng = self.rng
        if self.numbers and rng.random() < 0.75:
            num, typ, short, y, d, m = self.numbers[rng.randrange(len(self.numbers))]
            title = rng.choice(self.titles) if self.titles else ""
            title = title[:1].lower() + title[1:]
            return f"Căn cứ {typ} số {num} ngày {d} tháng {m} năm {y} của {short} {title};"
        return rng.choice(self.cancu)

    def budget(self, year):
        rng = self.rng
        k = rng.randint(3, 8)
        parts = [vn_amount(rng) for _ in range(k)]
        total = sum(parts)
        labels = rng.sample(self.labels, min(k, len(self.labels)))
        lines = [f"Tổng kinh phí thực hiện năm {year} là: {fmt_ty(total)}. Trong đó:"]
        for lab, amt in zip(labels, parts):
            lines.append(f"- {lab}: {fmt_ty(amt)}.")
        if self.numbers and rng.random() < 0.5:
            num = self.numbers[rng.randrange(len(self.numbers))][0]
            lines.append(f"- Nhiệm vụ triển khai theo văn bản số {num}: {fmt_ty(vn_amount(rng))}.")
        return lines

    def body(self, n_sent, typ):
        rng = self.rng
        out, i, art = [], 0, 1
        while i < n_sent:
            if typ in ("Nghị định", "Thông tư", "Quyết định", "Nghị quyết") and rng.random() < 0.3:
                head = rng.choice(self.sentences)
                if len(head) > 80:
                    head = head[:80].rsplit(" ", 1)[0]
                out.append(f"Điều {art}. {head.rstrip(' ,;.:')}")
                art += 1
            elif typ in ("Kế hoạch", "Báo cáo") and rng.random() < 0.12:
                out.append(rng.choice(PLAN_SECTIONS))
            k = min(n_sent - i, rng.randint(1, 4))
            out.append(" ".join(rng.choice(self.sentences) for _ in range(k)))
            i += k
        return out

    def document(self, idx):
        rng = self.rng
        iss = self.issuer()
        typ = iss["type"]
        year = rng.randint(2015, 2026)
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        num = self.new_number(iss, year)
        title = rng.choice(self.titles) if self.titles else rng.choice(self.sentences)[:120]
        if typ == "Kế hoạch" and rng.random() < 0.5:
            title = f"Triển khai {title[:1].lower() + title[1:]} năm {year}"
        lines = list(iss["head"])
        lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
                  f"Số: {num}", f"{iss['place']}, ngày {day:02d} tháng {month:02d} năm {year}", ""]
        if TYPE_UPPER.get(typ):
            lines.append(TYPE_UPPER[typ])
        else:
            title = "V/v " + title[:1].lower() + title[1:]
        lines += [title, ""]
        for _ in range(rng.randint(1, 5)):
            lines.append(self.citation(year))
        if typ in ("Nghị định", "Thông tư"):
            lines.append(f"Theo đề nghị của {rng.choice(MINISTRIES)[1]};")
        lines.append("")
        n_sent = max(3, int(rng.expovariate(1 / 12.0)))
        n_sent = min(n_sent, 150)
        lines += self.body(n_sent, typ)
        if typ in ("Kế hoạch", "Quyết định", "Nghị quyết", "Báo cáo") and rng.random() < 0.45:
            lines.append("")
            lines += self.budget(year + (1 if typ == "Kế hoạch" else 0))
        lines += ["", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "", iss["sign"], "", person(rng)]
        self.numbers.append((num, typ, iss["short"], year, day, month))
        if len(self.numbers) > 50000:   # bounded memory at 1M documents; keep recent and old
            del self.numbers[1000:2000]
        return dict(_id=f"doc_{idx:07d}", title=title, text="\n".join(lines) + "\n",
                    number=num, type=typ, issuer=iss["short"], year=year)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--src", default=DEFAULT_SRC)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-txt", action="store_true", help="write only docs.jsonl")
    a = ap.parse_args()

    g = Generator(a.seed, a.src)
    os.makedirs(a.out, exist_ok=True)
    samples = dict(numbers=[], uy_variant=0, dong_nai=0)
    total_bytes = 0
    types, years = {}, {}
    with open(os.path.join(a.out, "docs.jsonl"), "w", encoding="utf-8") as jl, \
            open(os.path.join(a.out, "fields.tsv"), "w", encoding="utf-8") as ft:
        for i in range(1, a.docs + 1):
            d = g.document(i)
            data = d["text"].encode("utf-8")
            total_bytes += len(data)
            if not a.no_txt:
                sub = os.path.join(a.out, "txt", f"{(i - 1) // 1000:04d}")
                if (i - 1) % 1000 == 0:
                    os.makedirs(sub, exist_ok=True)
                with open(os.path.join(sub, d["_id"] + ".txt"), "wb") as f:
                    f.write(data)
            jl.write(json.dumps({"_id": d["_id"], "title": d["title"], "text": d["text"]},
                                ensure_ascii=False) + "\n")
            ft.write("\t".join([d["_id"], d["type"], d["issuer"], str(d["year"]), d["number"]]) + "\n")
            types[d["type"]] = types.get(d["type"], 0) + 1
            years[d["year"]] = years.get(d["year"], 0) + 1
            if i % max(1, a.docs // 200) == 0:
                samples["numbers"].append(d["number"])
            if "Uỷ ban" in d["text"]:
                samples["uy_variant"] += 1
            if "Đồng Nai" in d["text"]:
                samples["dong_nai"] += 1
    meta = dict(docs=a.docs, seed=a.seed, bytes=total_bytes, avg_bytes=total_bytes // max(1, a.docs),
                source_sentences=len(g.sentences), source_titles=len(g.titles),
                source_cancu=len(g.cancu), budget_labels=len(g.labels), types=types,
                years={str(k): v for k, v in sorted(years.items())}, samples=samples)
    with open(os.path.join(a.out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    print(json.dumps({k: meta[k] for k in ("docs", "bytes", "avg_bytes", "source_sentences", "source_titles")}))


if __name__ == "__main__":
    main()
