#!/usr/bin/env bash
# Signs a payload file as GitHub would and posts it to the local gateway.
#
#   GITHUB_WEBHOOK_SECRET=<secret from the ready line> events/send-webhook.sh push events/payloads/push.json
#
# Arguments: <event name> <payload file> [url]. The url defaults to
# http://localhost:${AUTOSYNC_PORT:-3000}/api/github/webhook. Prints the response body and status.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: GITHUB_WEBHOOK_SECRET=... $0 <event> <payload.json> [url]" >&2
  exit 2
fi
event="$1"
file="$2"
url="${3:-http://localhost:${AUTOSYNC_PORT:-3000}/api/github/webhook}"
secret="${GITHUB_WEBHOOK_SECRET:?set GITHUB_WEBHOOK_SECRET to the secret printed on the ready line of the local runner}"

# The signature covers the raw bytes exactly as sent: sign the file, then send the file unchanged.
signature="sha256=$(openssl dgst -sha256 -hmac "$secret" -r < "$file" | cut -d' ' -f1)"
hex="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
delivery="${hex:0:8}-${hex:8:4}-${hex:12:4}-${hex:16:4}-${hex:20:12}"

curl -sS -X POST "$url" \
  -H "Content-Type: application/json" \
  -H "User-Agent: GitHub-Hookshot/local" \
  -H "X-GitHub-Event: $event" \
  -H "X-GitHub-Delivery: $delivery" \
  -H "X-GitHub-Hook-Installation-Target-ID: 1" \
  -H "X-Hub-Signature-256: $signature" \
  --data-binary @"$file" \
  -w '\nHTTP %{http_code}\n'
