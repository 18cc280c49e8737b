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
     * Proportional resident memory (Pss: shared pages divided among their users) of a process's descendants, in MiB:
     * the embedded PostgreSQL's processes share their buffers, which plain RSS would count once per process.
     */
    static long descendantsProportionalMemoryMiB(long pid) {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(child -> {
                    Long pss = kilobytes(Path.of("/proc", Long.toString(child.pid()), "smaps_rollup"), "Pss");
                    return pss == null ? 0 : pss;
                }).sum() / 1024;
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
