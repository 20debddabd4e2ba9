package io.devplace.importers;

/**
 * Where a host shows the exclusive resources it offers on the parents of one driver, taken from the rule pack that
 * declares them ({@code capacity.resources.offered}), so that no driver's paths are written in code: the entries of
 * {@code dir} (an absolute path under the imported root) whose names match {@code entries} (null = all) become the
 * parent attribute {@code attribute}, e.g. vfio_ap's queues bound to it, as /sys/bus/ap/drivers/vfio_ap/ lists them.
 */
public record OfferedLayout(String pack, String driver, String attribute, String dir, String entries) {}
