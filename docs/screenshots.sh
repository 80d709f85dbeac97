#!/bin/sh
# Redraws docs/workbook-*.png from the workbook `make demo` writes (audit.xlsx), as
# LibreOffice prints it: needs LibreOffice (soffice) and poppler-utils (pdftotext,
# pdftoppm). Each picture is the first page of its sheet, cut to the rows it has.
set -eu
cd "$(dirname "$0")/.."
.venv/bin/cs-audit audit sample_exports --xlsx audit.xlsx --today 2026-11-23 -q >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
soffice --headless --convert-to pdf --outdir "$work" audit.xlsx >/dev/null 2>&1
pages=$(pdfinfo "$work/audit.pdf" | awk '/^Pages:/ {print $2}')
first_page() {  # the first page whose text holds $1 and, if given, $2
    p=1
    while [ "$p" -le "$pages" ]; do
        text=$(pdftotext -f "$p" -l "$p" "$work/audit.pdf" -)
        if printf '%s\n' "$text" | grep -q -- "$1" \
            && { [ -z "${2:-}" ] || printf '%s\n' "$text" | grep -q -- "$2"; }; then
            echo "$p"
            return
        fi
        p=$((p + 1))
    done
    echo "no page holds $1 $2" >&2
    exit 1
}
draw() {  # the picture's name, the height to keep (px), the lines its page holds
    name=$1 height=$2
    shift 2
    page=$(first_page "$@")
    pdftoppm -f "$page" -l "$page" -r 110 -x 60 -y 70 -W 1170 -H "$height" -png -singlefile \
        "$work/audit.pdf" "docs/workbook-$name"
}
draw summary 420 "Customer-service audit: 2026-11-16 to 2026-11-21"
draw coaching 140 "first failing reason" "failed"
draw conversations 250 "handover with"
draw findings 560 "reason" "quote"
