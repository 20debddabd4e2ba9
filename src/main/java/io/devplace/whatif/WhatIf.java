package io.devplace.whatif;

import java.util.List;
import java.util.Map;

/**
 * The scenarios document (docs/reference/whatif.md, {@code kind: WhatIf}). Read strictly by {@link WhatIfReader}: unknown fields,
 * wrong types and bad references are errors that name the file and the path inside it.
 */
public record WhatIf(String apiVersion, String kind, List<Scenario> scenarios) {
    public WhatIf {
        scenarios = scenarios == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(scenarios));
    }

    /**
     * One scenario. Keys combine and apply in this order: {@code set}, then {@code down}/{@code drain} (and the
     * {@code eachHostDown} or {@code eachLabelDown} sweep), then {@code add}.
     */
    public record Scenario(String name, HostSelector down, HostSelector drain, Boolean eachHostDown, String eachLabelDown,
                           List<AddSpec> add, SetSpec set) {
        public Scenario {
            add = add == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(add));
        }

        /** A sweep: one failure at a time, each solved on its own ({@code eachHostDown} or {@code eachLabelDown}). */
        public boolean sweep() { return Boolean.TRUE.equals(eachHostDown) || eachLabelDown != null; }
    }

    /** Hosts by {@code names} or by {@code labels} (every label equal). */
    public record HostSelector(List<String> names, Map<String, String> labels) {}

    /** {@code count} new VMs made from the template {@code vm}. */
    public record AddSpec(Long count, VmTemplate vm) {}

    /** A new VM: CPU and memory, priority (default 0) and the devices it needs, by type and attrs. */
    public record VmTemplate(Long cpus, Long memoryMiB, Long priority, List<DeviceTemplate> devices) {
        public VmTemplate {
            devices = devices == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(devices));
        }

        public long cpusOrZero() { return cpus == null ? 0 : cpus; }

        public long memoryOrZero() { return memoryMiB == null ? 0 : memoryMiB; }

        public long priorityOrZero() { return priority == null ? 0 : priority; }
    }

    /** One device of a template: a type and its attrs (an ordered list of one-key maps, as in the fleet). */
    public record DeviceTemplate(String type, List<Map<String, String>> attrs) {
        public DeviceTemplate {
            attrs = attrs == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(attrs));
        }
    }

    /** Changes host attributes (e.g. an upgrade) on the selected hosts. */
    public record SetSpec(HostSelector hosts, Map<String, String> attributes) {}
}
