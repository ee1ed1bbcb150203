#!/usr/bin/env bash
# Runs a command and stops it (SIGTERM) as soon as this script's stdin reaches end of file.
# The test harness holds the write end of that pipe, so however the harness ends (a failed test,
# a signal, even SIGKILL) the kernel closes the pipe and no etcd or kube-apiserver is left behind.
# Usage: tether.sh COMMAND [ARGS...]   (exit status: the command's)
set -u
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
{ read -r -u 3 _ || true; kill -TERM "$child" 2>/dev/null; } &
watcher=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
status=0
while kill -0 "$child" 2>/dev/null; do
  wait "$child"; status=$?
done
kill "$watcher" 2>/dev/null
exit "$status"
