"""Benchmark: one customer's chat kept for a year or more, audited beside its parse.

A business that keeps one customer's chat has one export of tens of thousands of
messages. Generates single one-to-one exports of 10k, 100k and 1M messages (bursts,
unsigned and signed replies, a handover now and then, unique order numbers and
amounts, Indonesian and English), then measures `cs-audit parse` and `cs-audit audit
--format json` on each, one process each (-j1), in wall and CPU seconds: the run of
least CPU time of three (this machine is shared; other work only ever adds time, and
more to the audit, which reads far more memory, than to the parse). Target: audit <=
15x parse, and under 1 GiB for 1M messages. Run it with `make bench`.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from bench_parse import ROOT, measure_with_memory

# (question, its answer): every question answered on its point, so that every
# criterion reads the whole chat instead of stopping at its first failure
PAIRS = [
    (
        "Halo kak, {item} ukuran L ada stok?",
        "Halo kak, {item} ukuran L ada stok, ready. Mau warna apa kak?",
    ),
    ("brp harganya kak yang {item}?", "Harga {item} Rp {price}.{cents}00 ya kak"),
    ("Ongkir ke {city} berapa?", "Ongkir ke {city} Rp {ship}.000 kak"),
    ("Kak tolong dicek resi {resi}", "Sudah kami cek kak, resi {resi} sedang dikirim"),
    (
        "Is the {item} still available?",
        "Yes, the {item} is available, IDR {price},{cents}00. Which colour would you like?",
    ),
    (
        "pesanan INV/{order} kapan dikirim?",
        "Pesanan INV/{order} dikirim hari ini kak, ditunggu ya",
    ),
]
ITEMS = ["kemeja batik parang", "sneakers putih", "jaket denim", "tas kulit"]
CITIES = ["Bandung", "Surabaya", "Medan", "Denpasar"]


def generate(path: Path, messages: int, seed: int = 47) -> None:
    """One customer's chat of ``messages`` messages (deterministic for a seed)."""
    rng = random.Random(seed)
    when = datetime(2025, 1, 1, 8, 0)
    agent = "Rina"
    lines: list[str] = []
    while len(lines) < messages:
        question, answer = rng.choice(PAIRS)
        values = {
            "order": rng.randint(10**7, 10**8),
            "resi": f"JP{rng.randint(10**9, 10**10)}",
            "item": rng.choice(ITEMS),
            "city": rng.choice(CITIES),
            "price": rng.randint(50, 900),
            "cents": rng.randint(0, 9),
            "ship": rng.randint(9, 60),
        }
        for text in [question.format(**values)] + (
            ["<Media tidak disertakan>"] * rng.choice((0, 0, 1))
        ):
            when += timedelta(seconds=rng.randint(5, 60))
            lines.append(f"{when:%d/%m/%Y %H.%M} - Budi: {text}")
        when += timedelta(seconds=rng.randint(10, 240))
        if rng.random() < 0.01:
            agent = rng.choice(["Rina", "Dimas", "Sari"])  # a handover
        text = answer.format(**values)
        if rng.random() < 0.3:  # most replies go unsigned
            text += f"\nSalam, {agent}"
        lines.append(f"{when:%d/%m/%Y %H.%M} - Toko Maju: {text}")
    path.write_text("\n".join(lines[:messages]) + "\n", encoding="utf-8")


def main() -> None:
    if sys.argv[1:2] == ["--generate"]:
        generate(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--data", default=str(ROOT / "bench-data"))
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each command; the least CPU time counts"
    )
    args = parser.parse_args()
    data = Path(args.data)
    cs_audit = str(Path(sys.executable).with_name("cs-audit"))
    print("| messages | run | wall s | CPU s | peak MiB |")
    print("| ---: | --- | ---: | ---: | ---: |")
    ratios = []
    for size in (int(s) for s in args.sizes.split(",")):
        folder = data / f"long-{size}"
        path = folder / "Chat WhatsApp dengan Budi.txt"
        if not path.exists():  # generated in a child: its memory is not ours to count
            folder.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [sys.executable, __file__, "--generate", str(path), str(size)], check=True
            )
        runs = {}
        with open(os.devnull, "wb") as devnull:
            for name, command in {
                "parse": [cs_audit, "parse", "-j", "1", str(path)],
                "audit --format json": [
                    cs_audit,
                    "audit",
                    "-f",
                    "json",
                    "-q",
                    "-j",
                    "1",
                    str(path),
                ],
            }.items():
                run = measure_with_memory(
                    command, repeat=args.repeat, stdout=devnull.fileno(), by_cpu=True
                )
                runs[name] = run
                print(
                    f"| {size:,} | {name} | {run.seconds:.2f} | {run.cpu_seconds:.2f} | "
                    f"{run.peak_mib:.0f} |",
                    flush=True,
                )
        ratio = runs["audit --format json"].cpu_seconds / runs["parse"].cpu_seconds
        ratios.append(f"{size:,}: {ratio:.1f}x")
    print(f"\naudit / parse in CPU seconds: {', '.join(ratios)} (target <= 15x each)")


if __name__ == "__main__":
    main()
