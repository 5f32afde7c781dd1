package io.stepwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time and context switches of this JVM's threads, summed by what the thread does, read from
 * {@code /proc/self/task}: Java and JVM threads alike (GC and JIT compiler threads are not visible to
 * {@code ThreadMXBean}). Server and client share the JVM in the server benchmark, so this is how their costs are
 * told apart. Differences are taken thread by thread: a thread that ended between two snapshots (an idle JIT
 * compiler thread, say) counts nothing, rather than taking what it had spent before off its group's total.
 */
record ThreadGroupCpu(Map<String, long[]> byGroup, Map<String, long[]> byThread) {
    /** Linux reports a thread's CPU time in clock ticks; 100 per second on every kernel this runs on. */
    private static final double TICK_NANOS = 1e9 / 100;

    /**
     * Per group and per thread: {CPU nanoseconds, voluntary context switches, involuntary context switches, the
     * part of those CPU nanoseconds spent in the kernel}.
     */
    static ThreadGroupCpu snapshot() {
        Map<String, long[]> threads = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // Fields after the name, from "state": utime is the 12th, stime the 13th (0-based 11, 12).
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long voluntary = 0;
                    long involuntary = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            voluntary = Long.parseLong(line.replaceAll("\\D", ""));
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            involuntary = Long.parseLong(line.replaceAll("\\D", ""));
                        }
                    }
                    threads.put(task.getFileName() + " " + name, new long[] {(long) (ticks * TICK_NANOS), voluntary,
                            involuntary, (long) (Long.parseLong(fields[12]) * TICK_NANOS)});
                } catch (IOException | RuntimeException threadEnded) {
                    // Gone between the listing and the read: nothing more to count for it.
                }
            }
        } catch (IOException e) {
            return new ThreadGroupCpu(Map.of(), Map.of());
        }
        return new ThreadGroupCpu(sumByGroup(threads), threads);
    }

    private static Map<String, long[]> sumByGroup(Map<String, long[]> threads) {
        Map<String, long[]> groups = new TreeMap<>();
        threads.forEach((thread, values) -> {
            long[] sum = groups.computeIfAbsent(group(thread.substring(thread.indexOf(' ') + 1)), g -> new long[4]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += values[i];
            }
        });
        return groups;
    }

    /** The threads' kind from their (15-character) Linux name. */
    static String group(String name) {
        if (name.startsWith("stepwise-http")) {
            return "server-http";
        }
        if (name.startsWith("stepwise")) {
            return "server-other";
        }
        if (name.startsWith("sync-client")) {
            return "client";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                || name.startsWith("ParGC") || name.startsWith("GC Thread")) {
            return "gc-vm";
        }
        if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
            return "jit";
        }
        return "other";
    }

    /** What each group spent since {@code before}. */
    ThreadGroupCpu since(ThreadGroupCpu before) {
        Map<String, long[]> diff = new TreeMap<>();
        byThread.forEach((thread, now) -> {
            long[] then = before.byThread.getOrDefault(thread, new long[4]);
            diff.put(thread, new long[] {now[0] - then[0], now[1] - then[1], now[2] - then[2], now[3] - then[3]});
        });
        return new ThreadGroupCpu(sumByGroup(diff), diff);
    }
}
