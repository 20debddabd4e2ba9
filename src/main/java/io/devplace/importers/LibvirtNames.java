package io.devplace.importers;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libvirt node device names ↔ the kernel bus ids a Fleet uses for parents (docs/reference/import.md). libvirt replaces the
 * punctuation of the bus id by {@code _} and prefixes the bus: {@code pci_0000_3b_00_0} is PCI {@code 0000:3b:00.0},
 * {@code css_0_0_26ab} is the CCW subchannel {@code 0.0.26ab}, {@code ap_matrix} is the vfio_ap {@code matrix}.
 */
final class LibvirtNames {
    // PCI domains can be wider than 4 digits (VMD uses 10000+), so the domain takes 4 or more.
    private static final Pattern PCI = Pattern.compile("pci_(\\p{XDigit}{4,})_(\\p{XDigit}{2})_(\\p{XDigit}{2})_(\\p{XDigit})");
    private static final Pattern CSS = Pattern.compile("css_(\\p{XDigit}+)_(\\p{XDigit}+)_(\\p{XDigit}{4})");
    private static final String AP_MATRIX = "ap_matrix";

    /**
     * mdev names: {@code mdev_<uuid>} (old, with {@code _} or {@code -}) and, since 2021, {@code mdev_<uuid>_<parent>}
     * because mdevctl lets one UUID be defined under several parents. The parent suffix is the bus id with {@code _}.
     */
    private static final Pattern MDEV = Pattern.compile(
            "mdev_(\\p{XDigit}{8})[_-](\\p{XDigit}{4})[_-](\\p{XDigit}{4})[_-](\\p{XDigit}{4})[_-](\\p{XDigit}{12})(?:_(.+))?");
    private static final Pattern PCI_SUFFIX = Pattern.compile("(\\p{XDigit}{4,})_(\\p{XDigit}{2})_(\\p{XDigit}{2})_(\\p{XDigit})");
    private static final Pattern VIRTUAL_SUFFIX = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern CSS_SUFFIX = Pattern.compile("(\\p{XDigit}+)_(\\p{XDigit}+)_(\\p{XDigit}{4})");

    private LibvirtNames() {}

    /** The kernel bus id of a parent's libvirt name, or null when the name is not a PCI, CSS or AP matrix device. */
    static String busId(String libvirtName) {
        if (libvirtName == null) return null;
        if (AP_MATRIX.equals(libvirtName)) return "matrix";
        Matcher m = PCI.matcher(libvirtName);
        if (m.matches()) return lower(m.group(1) + ":" + m.group(2) + ":" + m.group(3) + "." + m.group(4));
        m = CSS.matcher(libvirtName);
        if (m.matches()) return lower(m.group(1) + "." + m.group(2) + "." + m.group(3));
        return null;
    }

    /** The UUID an mdev device name carries, or null when the name is not an mdev name. */
    static String mdevUuid(String libvirtName) {
        Matcher m = libvirtName == null ? null : MDEV.matcher(libvirtName);
        if (m == null || !m.matches()) return null;
        return lower(m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "-" + m.group(4) + "-" + m.group(5));
    }

    /** The parent bus id a new-style mdev name ends with, or null when the name has no (recognisable) suffix. */
    static String mdevParent(String libvirtName) {
        Matcher m = libvirtName == null ? null : MDEV.matcher(libvirtName);
        if (m == null || !m.matches() || m.group(6) == null) return null;
        String suffix = m.group(6);
        if ("matrix".equals(suffix)) return "matrix";
        Matcher s = PCI_SUFFIX.matcher(suffix);
        if (s.matches()) return lower(s.group(1) + ":" + s.group(2) + ":" + s.group(3) + "." + s.group(4));
        s = CSS_SUFFIX.matcher(suffix);
        if (s.matches()) return lower(s.group(1) + "." + s.group(2) + "." + s.group(3));
        // a virtual parent keeps its sysfs name, e.g. mdev_<uuid>_mtty for /sys/devices/virtual/mtty/mtty: the same id
        // the sysfs and mdevctl imports give it
        if (VIRTUAL_SUFFIX.matcher(suffix).matches()) return suffix;
        return null;
    }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
