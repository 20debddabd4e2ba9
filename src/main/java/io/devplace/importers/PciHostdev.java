package io.devplace.importers;

import io.devplace.model.VmDevice;
import org.w3c.dom.Element;

import static io.devplace.importers.SafeXml.attr;
import static io.devplace.importers.SafeXml.child;

/**
 * A domain's {@code <hostdev mode='subsystem' type='pci'>} as the VF it owns (docs/vf.md; docs/reference/import.md): the PCI address of
 * {@code <source><address domain= bus= slot= function=/>} (libvirt's formatdomain "PCI devices"; numbers in hex with
 * 0x, or decimal) in the kernel's form {@code 0000:41:00.4}. Which parent the VF belongs to comes from the sysfs import.
 */
final class PciHostdev {
    private PciHostdev() {}

    static VmDevice read(Element hostdev, String path, XmlSource src) {
        Element source = child(hostdev, "source");
        Element a = source == null ? null : child(source, "address");
        if (a == null) {
            src.problem(path, "expected <source><address domain= bus= slot= function=/></source> naming the PCI device");
            return null;
        }
        Long domain = number(attr(a, "domain"), 0xffff, path + "/source/address/@domain", src, true);
        Long bus = number(attr(a, "bus"), 0xff, path + "/source/address/@bus", src, false);
        Long slot = number(attr(a, "slot"), 0x1f, path + "/source/address/@slot", src, false);
        Long function = number(attr(a, "function"), 0x7, path + "/source/address/@function", src, false);
        if (domain == null || bus == null || slot == null || function == null) return null;
        return new VmDevice(null, null, String.format("%04x:%02x:%02x.%x", domain, bus, slot, function));
    }

    /** One address part; {@code optional} parts (the PCI domain) default to 0 as libvirt's do. */
    private static Long number(String text, long max, String path, XmlSource src, boolean optional) {
        if (text == null) {
            if (optional) return 0L;
            src.problem(path, "missing: a PCI address names bus, slot and function");
            return null;
        }
        try {
            String t = text.trim().toLowerCase();
            long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (v >= 0 && v <= max) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        src.problem(path, "expected a number from 0 to 0x" + Long.toHexString(max) + " but got '" + text + "'");
        return null;
    }
}
