"""Benchmark: two weeks of a contact centre's exports, parsed and audited.

Generates two folders of 20,000 one-to-one exports (about 1M messages each). The tidy
week: Indonesian and English customers, 50 agents on one business number who sign
their replies, automated greetings, bursts, media and system lines, each chat in one
language and its texts drawn from a thousand. The mixed week (``mixed_week.py``), like
real shops' weeks: unique order and tracking numbers and amounts, code-switching
inside chats and messages, unsigned replies beside signed ones, away messages, a
third author, chats nobody answered, long chats, renamed files, and a catalog. Then
measures, in one run, each as its own process and in wall and CPU seconds (user +
sys of the process and the workers it waited for): reading the files, `cs-audit
parse`, `cs-audit audit --format json`, `audit --xlsx`, the first quarter of the files
audited (memory grows how with the folder?), and a single 500-message export audited
with start-up. Run it with `make bench`.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import mixed_week
from bench_parse import ROOT, Run, measure_with_memory

AGENTS = [f"Agen{i:02d}" for i in range(50)]
GREETING = "Terima kasih telah menghubungi Toko Maju 🙏 Pesan Anda akan kami balas secepatnya."
CUSTOMER_ID = [
    "Halo kak, {item} masih ada?",
    "brp harganya kak?",
    "Ongkir ke {city} berapa?",
    "Ukuran {size} ready gak gan?",
    "Oke kak saya order 1",
    "Sudah transfer kak 🙏",
    "Kapan dikirim kak?",
    "Ok makasih kak",
]
CUSTOMER_EN = [
    "Hi, is the {item} still available?",
    "How much is shipping to {city}?",
    "Do you have size {size}?",
    "Great, I'll take one",
    "Thanks!",
]
AGENT_ID = [
    "Selamat pagi kak, ada yang bisa kami bantu?",
    "Masih ready kak, harganya Rp {price}.000",
    "Ongkir ke {city} Rp {ship}.000 kak",
    "Boleh tahu ukurannya kak?",
    "Terima kasih kak, selamat berbelanja kembali 🙏\nSalam, {agent}",
]
AGENT_EN = [
    "Hi, thanks for reaching out! How can I help you today?",
    "Yes, it's in stock: IDR {price},000",
    "Shipping to {city} is IDR {ship},000",
    "Thank you, have a nice day! - {agent}",
]
ITEMS = ["kemeja batik", "sneakers putih", "jaket denim", "tas kulit"]
CITIES = ["Bandung", "Surabaya", "Medan", "Singapore"]


def _fill(rng: random.Random, template: str, agent: str) -> str:
    return template.format(
        item=rng.choice(ITEMS),
        city=rng.choice(CITIES),
        size=rng.choice("SMLX"),
        price=rng.randint(50, 400),
        ship=rng.randint(9, 60),
        agent=agent,
    )


def _chat(rng: random.Random, customer: str, messages: int) -> str:
    when = datetime(2026, 11, 16, 8, 0) + timedelta(minutes=rng.randint(0, 6 * 24 * 60))
    english = rng.random() < 0.3
    agent = rng.choice(AGENTS)
    lines = [f"{when:%d/%m/%y %H.%M} - Pesan dan panggilan terenkripsi secara end-to-end."]
    written = 0
    while written < messages:
        for _ in range(rng.choice((1, 1, 2, 3))):  # a burst of customer messages
            when += timedelta(seconds=rng.randint(5, 90))
            text = (
                "<Media tidak disertakan>"
                if rng.random() < 0.05
                else _fill(rng, rng.choice(CUSTOMER_EN if english else CUSTOMER_ID), agent)
            )
            lines.append(f"{when:%d/%m/%y %H.%M} - {customer}: {text}")
            written += 1
        if written == 1:
            lines.append(f"{when:%d/%m/%y %H.%M} - Toko Maju: {GREETING}")
            written += 1
        when += timedelta(seconds=rng.randint(30, 3600 if rng.random() < 0.9 else 30000))
        if rng.random() < 0.05:
            agent = rng.choice(AGENTS)  # a handover
        lines.append(
            f"{when:%d/%m/%y %H.%M} - Toko Maju: "
            + _fill(rng, rng.choice(AGENT_EN if english else AGENT_ID), agent)
        )
        written += 1
    return "\n".join(lines) + "\n"


def generate(folder: Path, chats: int, messages: int, seed: int = 47) -> None:
    """Write ``chats`` exports of about ``messages`` messages each (deterministic)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(chats):
        customer = f"Pelanggan {number:05d}"
        (folder / f"Chat WhatsApp dengan {customer}.txt").write_text(
            _chat(rng, customer, messages), encoding="utf-8"
        )


def main() -> None:
    if sys.argv[1:2] == ["--generate"]:
        kind, where, count, size = sys.argv[2:6]
        make = mixed_week.generate if kind == "mixed" else generate
        make(Path(where), int(count), int(size))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=50, help="per chat")
    parser.add_argument("--data", default=str(ROOT / "bench-data"))
    parser.add_argument("--weeks", default="tidy,mixed", help="which weeks to measure")
    parser.add_argument(
        "--month", action="store_true", help="also audit a folder 4x the week (slow)"
    )
    args = parser.parse_args()
    data = Path(args.data)
    single = data / "single-500"
    if not single.exists():
        _generate("tidy", single, 1, 500)
    cs_audit = str(Path(sys.executable).with_name("cs-audit"))
    audit = [cs_audit, "audit", "--format", "json", "-q"]
    rows: list[tuple[str, str, Run]] = []
    print("| week | run | wall s | CPU s | lines/s (CPU) | peak MiB |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    with open("/dev/null", "wb") as devnull:

        def measure(week: str, name: str, command: list[str], lines: int = 0) -> Run:
            run = measure_with_memory(command, repeat=1, stdout=devnull.fileno())
            rows.append((week, name, run))
            rate = f"{lines / run.cpu_seconds:,.0f}" if lines else ""
            print(
                f"| {week} | {name} | {run.seconds:.2f} | {run.cpu_seconds:.2f} | {rate} | "
                f"{run.peak_mib:.0f} |",
                flush=True,
            )
            return run

        for kind in args.weeks.split(","):
            prefix = "week" if kind == "tidy" else kind
            week = data / f"{prefix}-{args.chats}x{args.messages}"
            quarter = data / f"{prefix}-{args.chats // 4}x{args.messages}"
            month = data / f"{prefix}-{args.chats * 4}x{args.messages}"
            folders = [(week, args.chats), (quarter, args.chats // 4)]
            if args.month:
                folders.append((month, args.chats * 4))
            for folder, chats in folders:
                if not folder.exists():
                    _generate(kind, folder, chats, args.messages)
            total = sum(1 for f in week.iterdir() for _ in f.open(encoding="utf-8"))
            options = (
                ["--catalog", str(data / f"{week.name}-catalog.csv")] if kind == "mixed" else []
            )
            measure(kind, "read the files", [sys.executable, "-c", _READ, str(week)], total)
            parse = measure(kind, "parse --format jsonl", [cs_audit, "parse", str(week)], total)
            json = measure(kind, "audit --format json", [*audit, *options, str(week)], total)
            xlsx = measure(
                kind,
                "audit --format json --xlsx",
                [*audit, *options, "--xlsx", str(data / "week.xlsx"), str(week)],
                total,
            )
            cells = _cells(data / "week.xlsx")
            per_cell = 1e6 * (xlsx.cpu_seconds - json.cpu_seconds) / cells
            small = measure(
                kind, f"audit, {args.chats // 4:,} exports", [*audit, *options, str(quarter)]
            )
            print(
                f"| {kind} | audit / parse, CPU: {json.cpu_seconds / parse.cpu_seconds:.1f}x "
                f"(<= 4x); --xlsx adds {100 * (xlsx.cpu_seconds / json.cpu_seconds - 1):.0f}% "
                f"CPU (<= 25%), {per_cell:.1f} µs a cell of its {cells:,}; peak memory, "
                "4x the exports: "
                f"{json.peak_mib / small.peak_mib:.2f}x (< 1.3x) | | | | |",
                flush=True,
            )
            if args.month:
                big = measure(
                    kind, f"audit, {args.chats * 4:,} exports", [*audit, *options, str(month)]
                )
                print(f"peak memory, 4x the exports again: {big.peak_mib / json.peak_mib:.2f}x")
        one = measure("", "one 500-message export, audited", [*audit, str(single)])
    print(f"\none 500-message export, start-up included: {one.seconds:.2f} s (< 0.3 s)")


def _cells(workbook: Path) -> int:
    """How many cells a workbook's sheets hold, read a MiB at a time: a child's peak
    memory (ru_maxrss) starts from this process's own at fork, so this one must stay
    small."""
    count = 0
    with zipfile.ZipFile(workbook) as book:
        for name in book.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            with book.open(name) as sheet:
                tail = b""
                while chunk := sheet.read(2**20):
                    data = tail + chunk
                    count += data.count(b"<c ")
                    tail = data[-2:]  # a "<c " cut in two is counted with the next
    return count


_READ = (
    "import pathlib, sys; print(sum(len(p.read_bytes()) for p in "
    "pathlib.Path(sys.argv[1]).iterdir()))"
)


def _generate(kind: str, folder: Path, chats: int, messages: int) -> None:
    """In a child: its memory is not ours to count."""
    command = [sys.executable, __file__, "--generate", kind, str(folder), str(chats)]
    subprocess.run([*command, str(messages)], check=True)


if __name__ == "__main__":
    main()
