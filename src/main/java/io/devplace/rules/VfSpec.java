package io.devplace.rules;

import java.util.List;

/**
 * How a VF-based driver shows and sets a VF's type (pack field {@code vf}, with {@code devices: vf}). Driver
 * specifics live here, never in code: the sysfs importer reads a VF's type through {@code currentType} /
 * {@code creatableTypes} / {@code typeLine} / {@code unset}, or, for drivers without type files, through the driver the
 * VF is bound to ({@code boundDriver} → {@code boundType}); the shell export writes {@code configure} and {@code reset}.
 * Paths are relative to the VF's directory {@code /sys/bus/pci/devices/ADDRESS/} unless absolute; values and paths
 * may use {@code ${vf}} (the VF address), {@code ${pf}} (the parent's id) and {@code ${type}} (the type id).
 */
public record VfSpec(String currentType, String creatableTypes, String typeLine, String unset, String boundDriver,
                     String boundType, List<SysfsWrite> configure, List<SysfsWrite> reset) {
    public VfSpec {
        configure = configure == null ? List.of() : List.copyOf(configure);
        reset = reset == null ? List.of() : List.copyOf(reset);
        unset = unset == null ? "0" : unset;
        typeLine = typeLine == null ? DEFAULT_TYPE_LINE : typeLine;
    }

    /** One type per line, "ID : NAME" (NVIDIA's creatable_vgpu_types, e.g. "695 : NVIDIA A16-4Q"). */
    public static final String DEFAULT_TYPE_LINE = "^\\s*(?<id>\\S+)\\s*:\\s*(?<name>.*?)\\s*$";

    /** Write {@code value} to {@code path} (one sysfs attribute write, as {@code echo VALUE > PATH}). */
    public record SysfsWrite(String path, String value) {}

    /** {@code template} with ${vf}, ${pf} and ${type} substituted. */
    public static String expand(String template, String vf, String pf, String type) {
        return template.replace("${vf}", vf == null ? "" : vf).replace("${pf}", pf == null ? "" : pf).replace("${type}", type == null ? "" : type);
    }

    /** {@code path} under the VF's sysfs directory, unless it is absolute. */
    public static String sysfsPath(String path, String vf, String pf, String type) {
        String p = expand(path, vf, pf, type);
        return p.startsWith("/") ? p : "/sys/bus/pci/devices/" + vf + "/" + p;
    }
}
