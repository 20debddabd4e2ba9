package io.devplace.problem;

import io.devplace.model.Host;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The size and groups rule every caller shares, and its reason texts. */
class SizeAndGroupsTest {
    private static final Host HOST = new Host("h1", 16, 65536, null, Map.of(), Map.of(), null, List.of());

    private static Vm vm(String name, long cpus, long mem, String... groups) {
        return new Vm(name, "h0", cpus, mem, 0, true, List.of(groups), List.of());
    }

    @Test
    void cpuIsJudgedBeforeMemory() {
        assertThat(SizeAndGroups.size(vm("v", 8, 4096), HOST, 4, 1024))
                .isEqualTo(new Reason(Reason.INSUFFICIENT_CPU, "h1", null, null, "h1 has 4 vCPUs free, v needs 8"));
        assertThat(SizeAndGroups.size(vm("v", 4, 4096), HOST, 4, 1024))
                .isEqualTo(new Reason(Reason.INSUFFICIENT_MEMORY, "h1", null, null, "h1 has 1024 MiB free, v needs 4096"));
        assertThat(SizeAndGroups.size(vm("v", 4, 1024), HOST, 4, 1024)).isNull();
    }

    @Test
    void anOvercommittedHostReportsNothingFreeRatherThanANegativeCount() {
        assertThat(SizeAndGroups.size(vm("v", 1, 1), HOST, -3, 0).detail()).isEqualTo("h1 has 0 vCPUs free, v needs 1");
    }

    @Test
    void aSharedGroupIsFoundOnAnotherVmOnly() {
        Vm db1 = vm("db1", 1, 1, "web", "db");
        assertThat(SizeAndGroups.sharedGroup(db1, vm("db2", 1, 1, "db"))).isEqualTo("db");
        assertThat(SizeAndGroups.sharedGroup(db1, vm("db1", 1, 1, "db"))).as("itself").isNull();
        assertThat(SizeAndGroups.sharedGroup(db1, vm("x", 1, 1, "cache"))).isNull();
    }
}
