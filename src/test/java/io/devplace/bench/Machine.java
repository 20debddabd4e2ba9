package io.devplace.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine benchmark figures come from, and how busy it is: every results table notes both. */
record Machine(int nproc, String cpu, long memMiB, String java) {
    static Machine probe() {
        String cpu = "?";
        long mem = -1;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException ignored) {
            // not Linux: leave unknown
        }
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, mem, java);
    }

    String oneLine() {
        return String.format(Locale.ROOT, "%d cpu %s, %.1f GiB, %s", nproc, cpu, memMiB / 1024.0, java);
    }

    /** "1-min 5-min 15-min" load averages (from /proc/loadavg, else the JVM's 1-minute figure; "?" when unknown). */
    static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "?" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    /** The 1-minute load average alone. */
    static String loadAverage() {
        String one = loadAverages().split(" ")[0];
        return one.equals("?") ? "" : one;
    }
}
