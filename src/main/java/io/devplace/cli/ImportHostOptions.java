package io.devplace.cli;

import io.devplace.importers.HostFacts;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The host an import describes. Its capacity is not in mdevctl, libvirt node devices or sysfs, so it is asked for. */
public final class ImportHostOptions {
    @Option(names = "--host", required = true, paramLabel = "NAME", description = "Name of the host the data comes from.")
    String host;

    @Option(names = "--cpus", paramLabel = "N", defaultValue = "0",
            description = "Schedulable vCPUs of the host (default 0: unknown; validate warns until it is given).")
    long cpus;

    @Option(names = "--memory-mib", paramLabel = "N", defaultValue = "0",
            description = "Memory of the host for VMs, in MiB (default 0: unknown).")
    long memoryMiB;

    HostFacts facts(CommandLine cmd) {
        if (host.isBlank()) throw new CommandLine.ParameterException(cmd, "--host must not be empty");
        if (cpus < 0) throw new CommandLine.ParameterException(cmd, "--cpus must be >= 0 but was " + cpus);
        if (memoryMiB < 0) throw new CommandLine.ParameterException(cmd, "--memory-mib must be >= 0 but was " + memoryMiB);
        return new HostFacts(host, cpus, memoryMiB);
    }
}
