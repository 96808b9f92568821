#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Records what musharaka-server answers to a few hundred varied requests
# (every route, both languages, errors, paging, ETags, signed-in writes with
# Idempotency-Key and their replays): status, headers without Date, body.
# Two records of two builds compare with diff. The wall clock is frozen
# (with a C compiler at hand) so that demo and creation times match, and
# sign-in tokens and the port are masked.
#
#   tests/server/record-requests.sh BUILD/src/server/musharaka-server OUT
set -u

server=${1:?usage: record-requests.sh SERVER_BINARY OUTPUT}
out=${2:?usage: record-requests.sh SERVER_BINARY OUTPUT}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# A frozen wall clock: CLOCK_REALTIME always reads the same second.
preload=
if command -v cc >/dev/null; then
  cat > "$work/clock.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/time.h>
#include <time.h>
#define FROZEN 1796117400 /* 2026-12-01 10:10 UTC */
int
gettimeofday (struct timeval *tv, void *tz)
{
  (void) tz;
  tv->tv_sec = FROZEN;
  tv->tv_usec = 0;
  return 0;
}
time_t
time (time_t *t)
{
  if (t != NULL)
    *t = FROZEN;
  return FROZEN;
}
int
clock_gettime (clockid_t id, struct timespec *ts)
{
  static int (*real) (clockid_t, struct timespec *);
  if (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)
    {
      ts->tv_sec = FROZEN;
      ts->tv_nsec = 0;
      return 0;
    }
  if (real == NULL)
    real = (int (*) (clockid_t, struct timespec *)) dlsym (RTLD_NEXT, "clock_gettime");
  return real (id, ts);
}
C
  cc -shared -fPIC -O2 -o "$work/clock.so" "$work/clock.c" -ldl && preload="$work/clock.so"
fi

mkdir "$work/data"
LD_PRELOAD=$preload "$server" --demo --data "$work/data" --rate-limit 0 > "$work/url" &
pid=$!
for _ in $(seq 100); do
  [ -s "$work/url" ] && break
  sleep 0.1
done
base=$(head -n 1 "$work/url")
[ -n "$base" ] || { echo "record-requests: the server did not start" >&2; exit 1; }

: > "$out"
n=0
last="$work/last"

# Masks what changes from run to run: tokens and the server's port.
mask () { sed -E -e 's/msk_[A-Za-z0-9_-]{20,}/msk_TOKEN/g' -e "s#$base#BASE#g"; }

# req METHOD PATH [curl arguments...]: one request, appended to the record.
req ()
{
  local method=$1 path=$2
  shift 2
  n=$((n + 1))
  printf '### %d %s %s %s\n' "$n" "$method" "$path" "$*" | mask >> "$out"
  if [ "$method" = HEAD ]; then
    curl -s -i -I "$@" "$base$path" > "$last"
  else
    curl -s -i -X "$method" "$@" "$base$path" > "$last"
  fi
  tr -d '\r' < "$last" | grep -a -v -i '^date: ' | mask >> "$out"
  printf '\n' >> "$out"
}

# The body of the last reply.
last_body () { tr -d '\r' < "$last" | sed '1,/^$/d'; }
last_header () { tr -d '\r' < "$last" | grep -a -i "^$1: " | head -n 1 | cut -d' ' -f2-; }

json=(-H 'Content-Type: application/json')

for lang in en ar 'ar-AE,ar;q=0.9' 'fr, en;q=0.5'; do
  L=(-H "Accept-Language: $lang")
  req GET /v1/entities "${L[@]}"
  for e in 1 2 3 4 0 abc; do
    req GET "/v1/entities/$e" "${L[@]}"
    req GET "/v1/entities/$e/reports" "${L[@]}"
  done
  req GET '/v1/entities/1/reports?from=2026-01&to=2026-12' "${L[@]}"
  req GET '/v1/entities/1/reports?from=2026-13' "${L[@]}"
  req GET '/v1/entities/2/reports?kind=comment' "${L[@]}"
  req GET /v1/topics "${L[@]}"
  for q in 'kind=poll' 'kind=survey' 'kind=nope' 'status=open' 'status=closed' \
           'status=results_published' 'entity_id=1' 'entity_id=x' 'q=library' 'q=%D8%A7' \
           'limit=0' 'limit=51' 'limit=abc' 'cursor=zzz' 'cursor=' 'limit=3'; do
    req GET "/v1/topics?$q" "${L[@]}"
  done
  # Paging: follow the cursors to the end.
  cursor=
  for _ in 1 2 3 4 5 6; do
    req GET "/v1/topics?limit=3${cursor:+&cursor=$cursor}" "${L[@]}"
    cursor=$(last_body | jq -r '.next_cursor // empty')
    [ -n "$cursor" ] || break
  done
  for t in $(seq 0 15) x; do
    req GET "/v1/topics/$t" "${L[@]}"
  done
  for t in 1 2 3 11 12 13 99; do
    req GET "/v1/topics/$t/comments" "${L[@]}"
    req GET "/v1/topics/$t/ideas" "${L[@]}"
    req GET "/v1/topics/$t/feedback" "${L[@]}"
  done
  req GET '/v1/topics/1/comments?limit=2' "${L[@]}"
  cursor=$(last_body | jq -r '.next_cursor // empty')
  [ -n "$cursor" ] && req GET "/v1/topics/1/comments?limit=2&cursor=$cursor" "${L[@]}"
  for p in 4 5 6 7 8 9 99; do
    req GET "/v1/polls/$p" "${L[@]}"
    req GET "/v1/polls/$p/ballot" "${L[@]}"
    req GET "/v1/polls/$p/results" "${L[@]}"
  done
  for s in 9 10 14 1 99; do
    req GET "/v1/surveys/$s" "${L[@]}"
  done
  req GET /v1/outcomes "${L[@]}"
  req GET '/v1/outcomes?limit=1' "${L[@]}"
  for o in 1 2 3 99; do
    req GET "/v1/outcomes/$o" "${L[@]}"
  done
  for i in 1 2 3 99; do
    req GET "/v1/ideas/$i" "${L[@]}"
  done
  for t in 1 3 5 6 7 9 10 12 99; do
    req GET "/v1/export/$t.json" "${L[@]}"
    req GET "/v1/export/$t.csv" "${L[@]}"
  done
  req GET /v1/me "${L[@]}"
  req GET /v1/moderation/comments "${L[@]}"
  req GET /open311/v2/discovery.json "${L[@]}"
  req GET /open311/v2/services.json "${L[@]}"
  req GET /open311/v2/services "${L[@]}"
  req GET /open311/v2/services.xml "${L[@]}"
  for c in potholes street_lighting information_request nope; do
    req GET "/open311/v2/services/$c.json" "${L[@]}"
  done
  req GET /open311/v2/services/potholes "${L[@]}"
  for q in '' '?status=open' '?status=closed' '?service_code=potholes' \
           '?start_date=2026-01-01T00:00:00Z' '?start_date=bad' '?jurisdiction_id=nope' \
           '?service_request_id=MSK-000001,MSK-000002' '?extensions=true'; do
    req GET "/open311/v2/requests.json$q" "${L[@]}"
  done
  req GET /open311/v2/requests "${L[@]}"
  for r in MSK-000001 MSK-000002 MSK-000008 MSK-999999 nope; do
    req GET "/open311/v2/requests/$r.json" "${L[@]}"
    req GET "/open311/v2/requests/$r.json?extensions=true" "${L[@]}"
  done
  req GET /open311/v2/requests.xml "${L[@]}"
  req GET /open311/v2/nope "${L[@]}"
  # Errors
  req GET /nope "${L[@]}"
  req GET /v1/nope "${L[@]}"
  req DELETE /v1/topics "${L[@]}"
  req PUT /v1/entities/1 "${L[@]}"
  req POST /v1/feedback "${L[@]}" "${json[@]}" --data-binary '{"topic_id":'
  req POST /v1/feedback "${L[@]}" "${json[@]}" --data-binary '[1,2]'
  req POST /v1/feedback "${L[@]}" -H 'Content-Type: text/plain' --data-binary '{}'
  req POST /v1/feedback "${L[@]}" "${json[@]}" \
    --data-binary "$(printf '[%.0s' $(seq 40))$(printf ']%.0s' $(seq 40))"
  req POST /v1/feedback "${L[@]}" "${json[@]}" --data-binary '{"x":"\u00e9 \"[[[[[[[["}'
  req POST /v1/feedback "${L[@]}" "${json[@]}" \
    --data-binary "{\"comment\":\"$(head -c 70000 /dev/zero | tr '\0' a)\"}"
  req POST /v1/feedback "${L[@]}" "${json[@]}" --data-binary '{}'
  req POST /v1/feedback "${L[@]}" "${json[@]}" \
    --data-binary '{"topic_id":"1","useful":1,"reasons":["nope",3],"comment":5,"extra":1}'
  req POST /v1/feedback "${L[@]}" "${json[@]}" \
    --data-binary '{"topic_id":1,"useful":true,"reasons":["clear","helpful"],"comment":"Good"}'
  req POST /v1/feedback "${L[@]}" "${json[@]}" \
    --data-binary '{"topic_id":999,"useful":false,"reasons":[]}'
  req POST /v1/topics/1/comments "${L[@]}" "${json[@]}" --data-binary '{"body":"x"}'
  req GET /v1/me "${L[@]}" -H 'Authorization: Bearer nope'
  req GET /v1/me "${L[@]}" -H 'Authorization: Basic eDp5'
  req GET /v1/topics/%FF "${L[@]}"
  req GET '/v1/topics?q=%FF' "${L[@]}"
  req HEAD /v1/topics "${L[@]}"
  req HEAD /v1/topics/1 "${L[@]}"
  # ETag and If-None-Match
  req GET /v1/topics/1 "${L[@]}"
  etag=$(last_header etag)
  req GET /v1/topics/1 "${L[@]}" -H "If-None-Match: $etag"
  req GET /v1/topics/1 "${L[@]}" -H 'If-None-Match: "nope"'
  req GET /v1/topics/1 "${L[@]}" -H 'If-None-Match: *'
done

# Sign in, then write.
E=(-H 'Accept-Language: en')
A=(-H 'Accept-Language: ar')
req POST /v1/session "${E[@]}" "${json[@]}" --data-binary '{"username":"citizen","password":"wrong"}'
req POST /v1/session "${A[@]}" "${json[@]}" --data-binary '{"username":"nobody","password":"x"}'
req POST /v1/session "${E[@]}" "${json[@]}" --data-binary '{"username":"citizen"}'
token_for ()
{
  req POST /v1/session "${E[@]}" "${json[@]}" \
    --data-binary "{\"username\":\"$1\",\"password\":\"$2\"}"
  last_body | jq -r .token
}
cit=$(token_for citizen Citizen-Demo-2026)
mod=$(token_for moderator Moderator-Demo-2026)
staff=$(token_for staff Staff-Demo-2026)
C=(-H "Authorization: Bearer $cit")
M=(-H "Authorization: Bearer $mod")
S=(-H "Authorization: Bearer $staff")

for lang in en ar; do
  L=(-H "Accept-Language: $lang")
  req GET /v1/me "${L[@]}" "${C[@]}"
  req GET /v1/me "${L[@]}" "${M[@]}"
  req GET /v1/moderation/comments "${L[@]}" "${C[@]}"
  req GET /v1/moderation/comments "${L[@]}" "${M[@]}"
  req GET '/v1/moderation/comments?limit=1' "${L[@]}" "${M[@]}"
  for p in 5 6 7; do
    req GET "/v1/polls/$p" "${L[@]}" "${C[@]}"
    req GET "/v1/polls/$p/ballot" "${L[@]}" "${C[@]}"
    req GET "/v1/polls/$p/results" "${L[@]}" "${C[@]}"
  done
  req GET /v1/surveys/9 "${L[@]}" "${C[@]}"
done

# Comments with Idempotency-Key, replay, key reuse with another body.
for lang in en ar; do
  L=(-H "Accept-Language: $lang")
  k="comment-$lang-1"
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" -H "Idempotency-Key: $k" \
    --data-binary '{"body":"Please add more shade to the park."}'
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" -H "Idempotency-Key: $k" \
    --data-binary '{"body":"Please add more shade to the park."}'
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" -H "Idempotency-Key: $k" \
    --data-binary '{"body":"Something else."}'
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" -H 'Idempotency-Key: bad key' \
    --data-binary '{"body":"Something else."}'
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" \
    --data-binary '{"body":"A reply.","parent_id":1}'
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" \
    --data-binary '{"body":"A reply.","parent_id":9999}'
  req POST /v1/topics/2/comments "${L[@]}" "${C[@]}" "${json[@]}" --data-binary '{"body":"Late."}'
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" --data-binary '{"body":"   "}'
  req POST /v1/topics/1/comments "${L[@]}" "${C[@]}" "${json[@]}" \
    --data-binary "{\"body\":\"$(head -c 2001 /dev/zero | tr '\0' b)\"}"
  req POST /v1/comments/1/flags "${L[@]}" "${C[@]}" "${json[@]}" \
    --data-binary '{"reason":"spam","note":"Advert"}'
  req POST /v1/comments/1/flags "${L[@]}" "${C[@]}" "${json[@]}" --data-binary '{"reason":"nope"}'
  req POST /v1/comments/999/flags "${L[@]}" "${C[@]}" "${json[@]}" --data-binary '{"reason":"spam"}'
done
req GET /v1/moderation/comments "${E[@]}" "${M[@]}"
for id in $(last_body | jq -r '.items[].id' | head -n 4); do
  req POST "/v1/comments/$id/moderation" "${E[@]}" "${C[@]}" "${json[@]}" \
    --data-binary '{"decision":"publish"}'
  req POST "/v1/comments/$id/moderation" "${E[@]}" "${M[@]}" "${json[@]}" \
    --data-binary '{"decision":"reject","reason":"Off topic"}'
  req POST "/v1/comments/$id/moderation" "${A[@]}" "${M[@]}" "${json[@]}" \
    --data-binary '{"decision":"publish"}'
done
req POST /v1/comments/1/moderation "${E[@]}" "${M[@]}" "${json[@]}" --data-binary '{"decision":"x"}'
req GET /v1/topics/1/comments "${E[@]}" "${C[@]}"

# Ballots
req PUT /v1/polls/5/ballot "${E[@]}" "${json[@]}" --data-binary '{"options":[1]}'
req PUT /v1/polls/5/ballot "${E[@]}" "${C[@]}" "${json[@]}" --data-binary '{"options":[]}'
req PUT /v1/polls/5/ballot "${E[@]}" "${C[@]}" "${json[@]}" --data-binary '{"options":[999]}'
req PUT /v1/polls/5/ballot "${E[@]}" "${C[@]}" "${json[@]}" --data-binary '{"options":[1,2]}'
req PUT /v1/polls/5/ballot "${E[@]}" "${C[@]}" "${json[@]}" --data-binary '{"options":[2]}'
req PUT /v1/polls/5/ballot "${A[@]}" "${C[@]}" "${json[@]}" --data-binary '{"options":[3]}'
req GET /v1/polls/5/ballot "${E[@]}" "${C[@]}"
req GET /v1/polls/5/results "${E[@]}" "${C[@]}"
req GET /v1/polls/7 "${E[@]}" "${C[@]}"
opt=$(last_body | jq -r '.options[0].id // 1')
req PUT /v1/polls/7/ballot "${E[@]}" "${C[@]}" "${json[@]}" --data-binary "{\"options\":[$opt]}"
req PUT /v1/polls/8/ballot "${E[@]}" "${C[@]}" "${json[@]}" --data-binary '{"options":[1]}'
req PUT /v1/polls/6/ballot "${E[@]}" "${C[@]}" "${json[@]}" --data-binary '{"options":[1]}'
req GET /v1/export/5.json "${E[@]}"
req GET /v1/export/5.csv "${A[@]}"

# Surveys
req POST /v1/surveys/9/responses "${E[@]}" "${C[@]}" "${json[@]}" --data-binary '{"answers":[]}'
req POST /v1/surveys/9/responses "${E[@]}" "${C[@]}" "${json[@]}" \
  --data-binary '{"answers":[{"question_id":1,"value":99},{"question_id":1,"value":1},{"question_id":77},{"x":1},3]}'
req POST /v1/surveys/9/responses "${A[@]}" "${C[@]}" "${json[@]}" \
  --data-binary '{"answers":[{"question_id":3,"value":9},{"question_id":4,"value":"yes"},{"question_id":2,"value":[5,5]}]}'
survey='{"answers":[{"question_id":1,"value":2},{"question_id":2,"value":[5,6]},{"question_id":3,"value":4},{"question_id":4,"value":true},{"question_id":5,"value":"Fine"},{"question_id":6,"value":"More benches."}]}'
req POST /v1/surveys/9/responses "${E[@]}" "${C[@]}" "${json[@]}" -H 'Idempotency-Key: survey-1' \
  --data-binary "$survey"
req POST /v1/surveys/9/responses "${E[@]}" "${C[@]}" "${json[@]}" -H 'Idempotency-Key: survey-1' \
  --data-binary "$survey"
req POST /v1/surveys/9/responses "${E[@]}" "${C[@]}" "${json[@]}" --data-binary "$survey"
req POST /v1/surveys/10/responses "${E[@]}" "${M[@]}" "${json[@]}" --data-binary "$survey"
req POST /v1/surveys/1/responses "${E[@]}" "${M[@]}" "${json[@]}" --data-binary "$survey"
req GET /v1/surveys/9 "${E[@]}" "${C[@]}"
req GET /v1/export/9.json "${E[@]}"
req GET /v1/export/9.csv "${E[@]}"

# Ideas and supports
for lang in en ar; do
  L=(-H "Accept-Language: $lang")
  req POST /v1/topics/11/ideas "${L[@]}" "${C[@]}" "${json[@]}" -H "Idempotency-Key: idea-$lang" \
    --data-binary '{"title":"Night market","body":"A weekly night market on the corniche."}'
  req POST /v1/topics/11/ideas "${L[@]}" "${C[@]}" "${json[@]}" -H "Idempotency-Key: idea-$lang" \
    --data-binary '{"title":"Night market","body":"A weekly night market on the corniche."}'
  req POST /v1/topics/11/ideas "${L[@]}" "${C[@]}" "${json[@]}" --data-binary '{"title":""}'
  req POST /v1/topics/12/ideas "${L[@]}" "${C[@]}" "${json[@]}" \
    --data-binary '{"title":"Late","body":"Too late."}'
  req POST /v1/topics/1/ideas "${L[@]}" "${C[@]}" "${json[@]}" \
    --data-binary '{"title":"Wrong kind","body":"Not an ideas topic."}'
done
req GET /v1/topics/11/ideas "${E[@]}" "${C[@]}"
req GET '/v1/topics/11/ideas?sort=support' "${E[@]}"
req GET '/v1/topics/11/ideas?limit=1' "${E[@]}"
for i in 1 2; do
  req PUT "/v1/ideas/$i/support" "${E[@]}"
  req PUT "/v1/ideas/$i/support" "${E[@]}" "${C[@]}"
  req PUT "/v1/ideas/$i/support" "${E[@]}" "${C[@]}"
  req GET "/v1/ideas/$i" "${E[@]}" "${C[@]}"
  req DELETE "/v1/ideas/$i/support" "${A[@]}" "${C[@]}"
  req DELETE "/v1/ideas/$i/support" "${A[@]}" "${C[@]}"
done
req PUT /v1/ideas/999/support "${E[@]}" "${C[@]}"
req GET /v1/export/11.json "${E[@]}"
req GET /v1/export/11.csv "${E[@]}"

# Feedback, signed in, with a key
req POST /v1/feedback "${E[@]}" "${C[@]}" "${json[@]}" -H 'Idempotency-Key: fb-1' \
  --data-binary '{"topic_id":3,"useful":false,"reasons":["unclear","outdated"]}'
req POST /v1/feedback "${E[@]}" "${C[@]}" "${json[@]}" -H 'Idempotency-Key: fb-1' \
  --data-binary '{"topic_id":3,"useful":false,"reasons":["unclear","outdated"]}'
req GET /v1/topics/3/feedback "${E[@]}"

# Accounts
req POST /v1/accounts "${E[@]}" "${json[@]}" \
  --data-binary '{"username":"newperson","password":"long-enough-1","display_name":"New Person"}'
req POST /v1/accounts "${E[@]}" "${json[@]}" \
  --data-binary '{"username":"newperson","password":"long-enough-1"}'
req POST /v1/accounts "${A[@]}" "${json[@]}" --data-binary '{"username":"Bad Name!","password":"short"}'
req POST /v1/accounts "${A[@]}" "${json[@]}" --data-binary '{"username":"x"}'

# Open311: create, replay, errors, staff status changes
form=(-H 'Content-Type: application/x-www-form-urlencoded')
o311_ok='api_key=musharaka-demo-key-2026&service_code=potholes&lat=25.28&long=55.37&description=Deep+hole&first_name=Salem&email=s%40example.org'
for lang in en ar; do
  L=(-H "Accept-Language: $lang")
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" -H "Idempotency-Key: o311-$lang" \
    --data-binary "$o311_ok"
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" -H "Idempotency-Key: o311-$lang" \
    --data-binary "$o311_ok"
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" -H "Idempotency-Key: o311-$lang" \
    --data-binary "$o311_ok&address_string=Other"
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" \
    --data-binary 'service_code=potholes&lat=1&long=2'
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" \
    --data-binary 'api_key=wrong&service_code=potholes&lat=1&long=2'
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" \
    --data-binary 'api_key=musharaka-demo-key-2026&service_code=nope&lat=1&long=2'
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" \
    --data-binary 'api_key=musharaka-demo-key-2026&service_code=potholes'
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" \
    --data-binary 'api_key=musharaka-demo-key-2026&service_code=potholes&lat=abc&long=999'
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" \
    --data-binary 'api_key=musharaka-demo-key-2026&service_code=information_request&address_string=Here&description=Budget+2025&attribute%5Bsubject%5D=budget'
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" \
    --data-binary 'api_key=musharaka-demo-key-2026&service_code=potholes&lat=1&long=2&attribute%5Bsize%5D=huge'
  req POST /open311/v2/requests.json "${L[@]}" "${json[@]}" --data-binary '{}'
  req POST /open311/v2/requests.json "${L[@]}" "${form[@]}" --data-binary 'a=%FF'
  req POST /open311/v2/requests "${L[@]}" "${form[@]}" "${C[@]}" --data-binary "$o311_ok"
done
req GET '/open311/v2/requests.json?service_code=potholes' "${E[@]}"
for r in MSK-000001 MSK-000009 MSK-000010; do
  req POST "/v1/service-requests/$r/status" "${E[@]}" "${C[@]}" "${json[@]}" \
    --data-binary '{"detailed_status":"IN_PROCESS"}'
  req POST "/v1/service-requests/$r/status" "${E[@]}" "${S[@]}" "${json[@]}" \
    --data-binary '{"detailed_status":"IN_PROCESS","status_notes":"A crew is on its way."}'
  req POST "/v1/service-requests/$r/status" "${A[@]}" "${S[@]}" "${json[@]}" \
    --data-binary '{"detailed_status":"PENDING"}'
  req POST "/v1/service-requests/$r/status" "${E[@]}" "${S[@]}" "${json[@]}" \
    --data-binary '{"detailed_status":"NOPE"}'
  req GET "/open311/v2/requests/$r.json?extensions=true" "${E[@]}"
done
req POST /v1/service-requests/nope/status "${E[@]}" "${S[@]}" "${json[@]}" \
  --data-binary '{"detailed_status":"PROCESSED"}'

# Reports after the writes, then sign out.
req GET /v1/entities/1/reports "${E[@]}"
req GET /v1/entities/1/reports "${A[@]}" "${S[@]}"
req DELETE /v1/session "${E[@]}" "${C[@]}"
req DELETE /v1/session "${E[@]}" "${C[@]}"
req GET /v1/me "${E[@]}" "${C[@]}"
req DELETE /v1/session "${E[@]}"

echo "record-requests: $n requests recorded in $out" >&2
