"""Benchmark: `cs-audit parse --format jsonl` beside whatstk, on generated exports.

Generates realistic Android exports (Indonesian and English customer-service chats,
about 10% multi-line messages, media and attachments, system lines, agents signing)
of 10k, 100k and 1M messages, then measures, in the same run, the wall time and peak
memory of each tool as a separate process. Run it with `make bench`.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HFORMAT = "%d/%m/%Y, %H:%M - %name:"  # the generated layout, given to whatstk explicitly

_CUSTOMERS_ID = [
    "Halo kak, {item} masih ada?",
    "brp harganya kak?",
    "Ongkir ke {city} berapa ya min?",
    "Ukuran {size} ready gak gan?",
    "Oke kak saya order 1 ya",
    "Sudah transfer ya kak 🙏",
    "Kapan dikirim kak?",
    "Kok belum sampai ya min, sudah {days} hari",
    "Bisa COD gak kak?",
    "Makasih kak 👍",
]
_AGENTS_ID = [
    "Selamat pagi kak, terima kasih sudah menghubungi Toko Maju 😊",
    "Masih ready kak, harganya Rp {price}.000",
    "Ongkir ke {city} Rp {ship}.000 ya kak, estimasi 2-3 hari",
    "Boleh tahu ukuran yang dicari kak?",
    "Mohon maaf atas ketidaknyamanannya kak, kami cek dulu ya",
    "Terima kasih kak, selamat berbelanja kembali 🙏",
]
_CUSTOMERS_EN = [
    "Hi, is the {item} still available?",
    "How much is shipping to {city}?",
    "Do you have size {size}?",
    "Great, I'll take one",
    "Paid, thanks!",
    "When will it ship?",
    "Thank you 😊",
]
_AGENTS_EN = [
    "Hi, thanks for reaching out! How can I help you today?",
    "Yes, it's in stock: IDR {price},000",
    "Shipping to {city} is IDR {ship},000",
    "Which size are you looking for?",
    "Thank you, have a nice day!",
]
_MULTI_LINE = [
    "Rincian pesanan:\n- {item} x1 = Rp {price}.000\n- Ongkir = Rp {ship}.000\n\nTotal ya kak",
    "Order summary:\n{item} x1\nShipping: IDR {ship},000",
]
_ITEMS = ["kemeja batik", "sneakers putih", "jaket denim", "tas kulit", "hijab voal"]
_CITIES = ["Bandung", "Surabaya", "Medan", "Makassar", "Singapore"]
_SYSTEM = [
    "Messages and calls are end-to-end encrypted. No one outside of this chat, not even "
    "WhatsApp, can read or listen to them. Tap to learn more.",
    "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, "
    "termasuk WhatsApp, yang dapat membaca atau mendengarkannya.",
]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        item=rng.choice(_ITEMS),
        city=rng.choice(_CITIES),
        size=rng.choice("SMLX"),
        days=rng.randint(2, 9),
        price=rng.randint(50, 400),
        ship=rng.randint(9, 60),
    )


def generate(path: Path, messages: int, seed: int = 47) -> None:
    """Write an export of ``messages`` messages (deterministic for a seed)."""
    rng = random.Random(seed)
    when = datetime(2026, 1, 1, 8, 0)
    customers = [f"Pelanggan {i}" for i in range(40)] + [
        f"+62 8{rng.randint(11, 99)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        for _ in range(40)
    ]
    agents = ["Toko Maju", "Maju Store"]
    lines = []
    for n in range(messages):
        when += timedelta(seconds=rng.randint(5, 300))
        stamp = f"{when:%d/%m/%Y, %H:%M} - "
        roll = rng.random()
        english = rng.random() < 0.3
        if roll < 0.005:
            lines.append(stamp + rng.choice(_SYSTEM))
            continue
        agent = rng.random() < 0.45
        author = rng.choice(agents) if agent else rng.choice(customers)
        if roll < 0.04:
            text = "<Media omitted>"
        elif roll < 0.06:
            text = f"IMG-{when:%Y%m%d}-WA{n % 10000:04d}.jpg (file attached)"
        elif roll < 0.16:
            text = _fill(rng, rng.choice(_MULTI_LINE))
        else:
            pool = (
                (_AGENTS_EN if english else _AGENTS_ID)
                if agent
                else (_CUSTOMERS_EN if english else _CUSTOMERS_ID)
            )
            text = _fill(rng, rng.choice(pool))
            if agent and rng.random() < 0.2:
                text += "\nSalam, " + rng.choice(["Rina", "Dimas", "Sari"])
        lines.append(stamp + author + ": " + text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Run:
    seconds: float  # wall
    peak_mib: float
    cpu_seconds: float = 0.0  # user + sys of the child and its workers


def measure_with_memory(
    command: list[str], *, repeat: int, stdout: int | None, by_cpu: bool = False
) -> Run:
    """The best of ``repeat`` runs (by wall time, or by CPU time) and the child's peak
    RSS, the highest of all runs (os.wait4). Other work on a shared machine only ever
    adds time: the best run is the closest to the code's own cost."""
    best: Run | None = None
    peak = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(command)} failed with status {status}")
        run = Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)
        peak = max(peak, run.peak_mib)
        if best is None or (
            run.cpu_seconds < best.cpu_seconds if by_cpu else run.seconds < best.seconds
        ):
            best = run
    assert best is not None
    return replace(best, peak_mib=peak)


def main() -> None:
    if sys.argv[1:2] == ["--generate"]:
        generate(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument(
        "--whatstk",
        default=str(ROOT / ".venv-bench" / "bin" / "python"),
        help="a Python with whatstk installed ('' to skip it)",
    )
    parser.add_argument("--data", default=str(ROOT / "bench-data"))
    args = parser.parse_args()
    data = Path(args.data)
    data.mkdir(exist_ok=True)
    cs_audit = str(Path(sys.executable).with_name("cs-audit"))
    whatstk_code = (
        "import sys; from whatstk import df_from_whatsapp; "
        # whatstk refuses files over 50 MB unless told otherwise.
        "print(len(df_from_whatsapp(sys.argv[1], hformat=sys.argv[2], max_size=None)))"
    )
    findall_code = (
        "import re, sys; t = open(sys.argv[1], encoding='utf-8').read(); "
        r"print(len(re.findall(r'^\d{1,2}/\d{1,2}/\d{4}, \d{1,2}:\d{2} - ([^:\n]+): ', t, re.M)))"
    )
    print("| messages | tool | wall s | messages/s | peak MiB |")
    print("| ---: | --- | ---: | ---: | ---: |")
    results: dict[tuple[int, str], Run] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        path = data / f"export-{size}.txt"
        if not path.exists():
            # In a child process: a child's peak memory (ru_maxrss) starts from this
            # process's own at fork, so this one must stay small.
            subprocess.run(
                [sys.executable, __file__, "--generate", str(path), str(size)], check=True
            )
        with open(os.devnull, "wb") as devnull:
            tools = {
                "cs-audit parse --format jsonl": [
                    cs_audit,
                    "parse",
                    "--format",
                    "jsonl",
                    str(path),
                ],
                "re.findall baseline": [sys.executable, "-c", findall_code, str(path)],
            }
            if args.whatstk:
                tools["whatstk (hformat given)"] = [
                    args.whatstk,
                    "-c",
                    whatstk_code,
                    str(path),
                    HFORMAT,
                ]
            for name, command in tools.items():
                # Best of 3 (timings on a shared machine vary); whatstk once at 1M (15-20 s).
                repeat = 1 if name.startswith("whatstk") and size > 100_000 else 3
                run = measure_with_memory(command, repeat=repeat, stdout=devnull.fileno())
                results[(size, name)] = run
                print(
                    f"| {size:,} | {name} | {run.seconds:.2f} | "
                    f"{size / run.seconds:,.0f} | {run.peak_mib:.0f} |",
                    flush=True,
                )
    if args.whatstk and (1_000_000, "whatstk (hformat given)") in results:
        ours = results[(1_000_000, "cs-audit parse --format jsonl")]
        theirs = results[(1_000_000, "whatstk (hformat given)")]
        print(
            f"\n1M messages: cs-audit {ours.seconds:.2f} s (target < 3 s), "
            f"{theirs.seconds / ours.seconds:.1f}x faster than whatstk (target >= 3x), "
            f"peak {ours.peak_mib:.0f} MiB (target < 700 MiB)"
        )
    if (10_000, "cs-audit parse --format jsonl") in results:
        small = results[(10_000, "cs-audit parse --format jsonl")]
        print(f"10k messages end to end: {small.seconds:.2f} s (target < 0.3 s)")


if __name__ == "__main__":
    main()
