package io.insightledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the benchmark runs on, read from /proc where there is one (Linux); elsewhere the figures are absent. */
final class Machine {

    /** USER_HZ, 100 on every common Linux. */
    private static final int CLOCK_TICKS = 100;

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg prints them. */
    static String loadAverage() {
        String line = read(Path.of("/proc/loadavg"));
        return line == null ? "unknown" : String.join(" ", List.of(line.trim().split("\\s+")).subList(0, 3));
    }

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String cpu = grep(Path.of("/proc/cpuinfo"), "model name");
        machine.put("cpu", cpu == null ? System.getProperty("os.arch") : cpu.substring(cpu.indexOf(':') + 1).trim());
        Long memory = kilobytes(Path.of("/proc/meminfo"), "MemTotal");
        machine.put("memoryMiB", memory == null ? null : memory / 1024);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    /** Resident memory of a process in MiB (VmRSS, and its peak VmHWM), or null when unknown. */
    static Map<String, Long> residentMemory(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        Long rss = kilobytes(status, "VmRSS");
        if (rss == null) {
            return null;
        }
        Map<String, Long> memory = new LinkedHashMap<>();
        memory.put("rssMiB", rss / 1024);
        Long peak = kilobytes(status, "VmHWM");
        memory.put("peakRssMiB", peak == null ? null : peak / 1024);
        return memory;
    }

    /**
     * The processes of a PostgreSQL server by its data directory: the server (started by pg_ctl, so no child of the
     * JVM that started it) and its backends.
     */
    static List<ProcessHandle> postgresServing(Path dataDir) {
        String marker = "-D " + dataDir.toAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .flatMap(server -> Stream.concat(Stream.of(server), server.descendants()))
                .toList();
    }

    /**
     * Proportional resident memory (Pss: shared pages divided among their users) of processes, in MiB: PostgreSQL's
     * processes share their buffers, which plain RSS would count once per process.
     */
    static long proportionalMemoryMiB(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(process -> {
            Long pss = kilobytes(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"), "Pss");
            return pss == null ? 0 : pss;
        }).sum() / 1024;
    }

    /** CPU seconds (user and system) that processes and their ended children have used so far, together. */
    static double cpuSeconds(List<ProcessHandle> processes) {
        return processes.stream().mapToDouble(process -> cpuSecondsOf(process.pid())).sum();
    }

    private static double cpuSecondsOf(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return 0;
        }
        // fields after the command name, which is in parentheses and may hold spaces: utime and stime (14, 15), and
        // cutime and cstime (16, 17), the time of its children that have ended: PostgreSQL's closed connections
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 11; field <= 14; field++) {
            ticks += Long.parseLong(fields[field]);
        }
        return ticks / (double) CLOCK_TICKS;
    }

    private static Long kilobytes(Path file, String field) {
        String line = grep(file, field + ":");
        return line == null ? null : Long.parseLong(line.replaceAll("\\D", ""));
    }

    private static String grep(Path file, String prefix) {
        if (!Files.isReadable(file)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
