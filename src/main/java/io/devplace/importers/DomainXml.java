package io.devplace.importers;

import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import org.w3c.dom.Element;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.devplace.importers.SafeXml.attr;
import static io.devplace.importers.SafeXml.child;
import static io.devplace.importers.SafeXml.children;
import static io.devplace.importers.SafeXml.text;

/**
 * One {@code virsh dumpxml} {@code <domain>} → a VM on the imported host: vCPUs from {@code <vcpu>} (the maximum,
 * which is what the host must be able to give it), memory from {@code <memory unit=...>} rounded up to MiB, and the
 * mdevs of its {@code <hostdev mode='subsystem' type='mdev'>} entries, by UUID; its PCI hostdevs
 * ({@code type='pci'}) are the VFs it owns, by address (docs/vf.md, {@link PciHostdev}).
 */
final class DomainXml {
    private static final BigInteger MIB = BigInteger.ONE.shiftLeft(20);

    private DomainXml() {}

    static Vm read(Element domain, String hostName, String at, XmlSource src) {
        String name = text(domain, "name");
        if (name == null || name.isEmpty()) {
            src.problem(at + "/domain", "expected the domain's <name>");
            return null;
        }
        String path = at + "/domain[name='" + name + "']";
        String vcpu = text(domain, "vcpu");
        Long cpus = vcpu == null ? Long.valueOf(1) : src.count(vcpu, path + "/vcpu", "<vcpu>"); // libvirt's default is 1
        Element memory = child(domain, "memory");
        Long mib = memory == null ? null : mebibytes(memory.getTextContent().trim(), attr(memory, "unit"), path + "/memory", src);
        if (memory == null) src.problem(path, "domain " + name + " has no <memory>");
        List<VmDevice> devices = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Element devs = child(domain, "devices");
        List<Element> hostdevs = devs == null ? List.of() : children(devs, "hostdev");
        for (int i = 0; i < hostdevs.size(); i++) {
            Element h = hostdevs.get(i);
            if ("subsystem".equals(h.getAttribute("mode")) && "pci".equals(h.getAttribute("type"))) {
                VmDevice vf = PciHostdev.read(h, path + "/devices/hostdev[" + (i + 1) + "]", src);
                if (vf != null) devices.add(vf);
                continue;
            }
            if (!"subsystem".equals(h.getAttribute("mode")) || !"mdev".equals(h.getAttribute("type"))) {
                others.add(h.getAttribute("type"));
                continue;
            }
            Element source = child(h, "source");
            String uuid = source == null ? null : attr(child(source, "address"), "uuid");
            if (!Uuids.isUuid(uuid))
                src.problem(path + "/devices/hostdev[" + (i + 1) + "]", "expected <source><address uuid='...'/></source> with an mdev UUID"
                        + (uuid == null ? "" : " but got '" + uuid + "'"));
            else devices.add(new VmDevice(Uuids.normal(uuid), null, guestAddress(h)));
        }
        // A plain passthrough device (PCI, USB, SCSI) is not in the Fleet, so planning could not account for it:
        // say the VM may not move live rather than plan it as if it had only its mdevs.
        Boolean live = null;
        if (!others.isEmpty()) {
            live = false;
            src.warn("domain " + name + " also has <hostdev> of type " + others + " that devplace cannot describe: marked liveMigratable: false");
        }
        if (cpus == null || mib == null) return null;
        return new Vm(name, hostName, cpus, mib, 0, live, null, devices);
    }

    /** The hostdev's own {@code <address>} (the guest side; the mdev's is inside {@code <source>}), every attribute in order. */
    private static java.util.Map<String, String> guestAddress(Element hostdev) {
        Element a = child(hostdev, "address");
        if (a == null || !a.hasAttribute("type")) return null;
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("type", a.getAttribute("type"));
        var attrs = a.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            var n = attrs.item(i);
            if (!n.getNodeName().equals("type")) out.put(n.getNodeName(), n.getNodeValue());
        }
        return out;
    }

    /** libvirt's scaled integers: b/bytes, k/KiB = 1024, KB = 1000, likewise M, G, T, P, E; KiB when no unit. */
    static Long mebibytes(String value, String unit, String path, XmlSource src) {
        BigInteger n;
        try {
            n = new BigInteger(value);
        } catch (NumberFormatException e) {
            src.problem(path, "expected the memory size as a whole number but got '" + value + "'");
            return null;
        }
        BigInteger scale = scale(unit == null ? "KiB" : unit);
        if (scale == null || n.signum() < 0) {
            src.problem(path, scale == null ? "unknown memory unit '" + unit + "' (expected b, KiB, KB, MiB, MB, GiB, GB, TiB, TB...)"
                    : "expected a memory size >= 0 but got " + value);
            return null;
        }
        BigInteger[] qr = n.multiply(scale).divideAndRemainder(MIB);
        BigInteger mib = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE); // round up: the VM needs all of it
        if (mib.bitLength() > 63) {
            src.problem(path, "memory size " + value + " " + unit + " is beyond what devplace can count");
            return null;
        }
        return mib.longValue();
    }

    private static BigInteger scale(String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) return BigInteger.ONE;
        if (u.isEmpty()) return null;
        int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
        if (power == 0) return null;
        String rest = u.substring(1);
        BigInteger base = rest.isEmpty() || rest.equals("ib") ? BigInteger.valueOf(1024) : rest.equals("b") ? BigInteger.valueOf(1000) : null;
        return base == null ? null : base.pow(power);
    }
}
