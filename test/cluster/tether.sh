#!/usr/bin/env bash
# Runs a command and stops it as soon as this script's stdin reaches end of file: SIGTERM, then
# SIGKILL after a grace period (kube-apiserver can hang in its graceful shutdown once etcd is gone).
# The test harness holds the write end of that pipe, so however the harness ends (a failed test,
# a signal, even SIGKILL) the kernel closes the pipe and no etcd or kube-apiserver is left behind.
# Usage: tether.sh COMMAND [ARGS...]   (exit status: the command's)
set -u
grace_tenths=$(( ${TETHER_GRACE_SECONDS:-10} * 10 ))
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
stopping=0
stop() { stopping=1; kill -TERM "$child" 2>/dev/null; }
trap stop TERM INT HUP
# The watcher only reads (a builtin: it has no process of its own to leave behind), then tells us.
{ read -r -u 3 _ || true; kill -TERM $$ 2>/dev/null; } &
watcher=$!
exec 3<&-
status=0
while kill -0 "$child" 2>/dev/null; do
  wait "$child"; status=$?
  if (( stopping )); then
    for (( i = 0; i < grace_tenths; i++ )); do
      kill -0 "$child" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$child" 2>/dev/null
    wait "$child" 2>/dev/null; status=$?
  fi
done
kill "$watcher" 2>/dev/null
exit "$status"
