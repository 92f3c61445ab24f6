#!/usr/bin/env bash
# usage: sampler.sh ROOT OUTFILE — every 0.5 s: time, CPU ticks of the bench server's JVM and of its mariadbd, and
# mariadbd's Questions counter (statements received)
ROOT=$1; OUT=$2; : > $OUT
while true; do
  j=$(pgrep -f "BenchServer" | while read p; do tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | grep -q "$ROOT/bench/target/classes" && echo $p; done | head -1)
  if [ -n "$j" ]; then
    m=$(pgrep -P "$j" | head -1)
    sock=$(tr '\0' '\n' < /proc/$m/cmdline 2>/dev/null | sed -n 's/^--socket=//p')
    q=$(mariadb --no-defaults --socket="$sock" -uroot -N -e "SHOW GLOBAL STATUS LIKE 'Questions'" 2>/dev/null | awk '{print $2}')
    echo "$(date +%s.%N | cut -c1-14) $(awk '{print $14+$15}' /proc/$j/stat 2>/dev/null) $(awk '{print $14+$15}' /proc/$m/stat 2>/dev/null) ${q:-0}" >> $OUT
  fi
  sleep 0.5
done
