#!/usr/bin/env bash
# The deadline monitor's reminder scan on a large PostgreSQL database, as SQL: the earlier single query (open cases
# near their deadline without a reminder, by NOT EXISTS) against the paged form DeadlineMonitor now uses (pages of
# 500 by deadline, each completed with the cases due at its last instant, then the page's reminders looked up by id).
# Read-only. Usage: bench/deadline-reminder-scan.sh "host=… port=… user=… dbname=…" [horizon-days]
set -euo pipefail
conninfo="${1:?usage: bench/deadline-reminder-scan.sh CONNINFO [horizon-days]}"
days="${2:-5}"
now=$(date -u +"%Y-%m-%d %H:%M:%S+00")
horizon=$(date -u -d "+${days} days" +"%Y-%m-%d %H:%M:%S+00")
near="c.\"State\" IN ('Submitted','Registered','Dispatched','Accepted','Resolved') AND NOT c.\"Overdue\"
  AND c.\"Deadline\" IS NOT NULL AND c.\"DeadlineStep\" IS NOT NULL AND c.\"Deadline\" <= '$horizon'"

echo "== The single query, first 500 (before)"
psql "$conninfo" -Atc "EXPLAIN ANALYZE SELECT c.\"Id\" FROM cases c WHERE $near AND c.\"Deadline\" > '$now'
  AND NOT EXISTS (SELECT 1 FROM case_deadline_notices n WHERE n.\"CaseId\" = c.\"Id\" AND n.\"Step\" = c.\"DeadlineStep\"
  AND n.\"Deadline\" = c.\"Deadline\" AND n.\"Kind\" = 'Reminder') ORDER BY c.\"Deadline\" LIMIT 500" | grep -E "Execution Time"

echo "== Pages over every case of the horizon, as a scan reads them once all are reminded (now)"
script=$(mktemp)
trap 'rm -f "$script"' EXIT
pages=$(psql "$conninfo" -Atc "SELECT count(*) / 500 + 2 FROM cases c WHERE $near AND c.\"Deadline\" > '$now'")
{
  echo "\\set d '$now'"
  echo "\\timing on"
  for _ in $(seq 1 "$pages"); do
    echo "SELECT coalesce(max(\"Deadline\")::text, :'d') AS d, coalesce(array_agg(\"Id\")::text, '{}') AS ids FROM (SELECT c.\"Id\", c.\"Deadline\", c.\"CategoryCode\", c.\"DeadlineStep\", c.\"Urgency\" FROM cases c WHERE $near AND c.\"Deadline\" > :'d' ORDER BY c.\"Deadline\" LIMIT 500) p \\gset"
    echo "SELECT c.\"Id\", c.\"CategoryCode\", c.\"DeadlineStep\", c.\"Urgency\" FROM cases c WHERE $near AND c.\"Deadline\" = :'d' \\g /dev/null"
    echo "SELECT n.\"CaseId\", n.\"Step\", n.\"Deadline\" FROM case_deadline_notices n WHERE n.\"CaseId\" = ANY (:'ids'::uuid[]) AND n.\"Kind\" = 'Reminder' \\g /dev/null"
  done
} > "$script"
psql "$conninfo" -q -f "$script" | awk -v pages="$pages" '/^Time:/ { if (n < 3) first += $2; total += $2; if ($2 > max) max = $2; n++ }
  END { printf "first 500: %.1f ms; %d pages, %d queries: %.0f ms in all, slowest %.1f ms\n", first, pages, n, total, max }'
