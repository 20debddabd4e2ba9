package io.devplace.importers;

import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import io.devplace.model.Vf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VF-based parents from sysfs (docs/vf.md; docs/reference/import.md): every PCI device under {@code sys/bus/pci/devices} with
 * {@code virtfnN} links (the kernel's SR-IOV ABI, Documentation/ABI/testing/sysfs-bus-pci) whose driver a VF pack
 * describes is a parent; each {@code virtfnN} link names a VF, in N order. A VF's type is read as its pack says
 * ({@link VfLayout}); the types VFs can take become the parent's {@code supportedTypes}, with the number of VFs that
 * list each as its available instances.
 */
final class SysfsVfImporter {
    private static final Pattern VIRTFN = Pattern.compile("virtfn(\\d+)");

    private final SysfsImporter sysfs;

    SysfsVfImporter(SysfsImporter sysfs) { this.sysfs = sysfs; }

    List<ParentDevice> parents(Path root, List<VfLayout> layouts, List<String> warnings) {
        Path devices = root.resolve("sys/bus/pci/devices");
        List<ParentDevice> out = new ArrayList<>();
        if (!Files.isDirectory(devices)) return out;
        for (Path pf : sysfs.list(devices)) {
            List<Path> vfs = virtfns(pf);
            if (vfs.isEmpty()) continue;
            String driver = sysfs.linkName(pf.resolve("driver"));
            VfLayout layout = null;
            for (VfLayout l : layouts) if (l.pfDriver() != null && l.pfDriver().equals(driver)) { layout = l; break; }
            if (layout == null) {
                warnings.add(pf + " has " + vfs.size() + " VFs but no VF rule pack describes driver " + driver + ": skipped");
                continue;
            }
            out.add(parent(pf, driver, vfs, layout));
        }
        return out;
    }

    private ParentDevice parent(Path pf, String driver, List<Path> links, VfLayout layout) {
        List<Vf> vfs = new ArrayList<>();
        Map<String, SupportedType> types = new LinkedHashMap<>();
        Pattern line = Pattern.compile(layout.typeLine());
        for (Path link : links) {
            String address = sysfs.linkName(link);
            if (address == null) continue;
            Path dir = pf.resolve(link.getFileName()); // sysfs resolves virtfnN to the VF's own directory
            vfs.add(new Vf(address, typeOf(dir, layout), null, sysfs.group(dir)));
            if (layout.creatableTypes() == null) continue;
            String listed = sysfs.read(dir.resolve(layout.creatableTypes()), false);
            if (listed == null) continue;
            for (String l : listed.split("\n")) {
                Matcher m = line.matcher(l);
                if (l.isBlank() || !m.matches()) continue;
                String id = m.group("id");
                String name = hasGroup(line, "name") ? m.group("name") : null;
                SupportedType was = types.get(id);
                long n = was == null || was.availableInstances() == null ? 0 : was.availableInstances();
                types.put(id, new SupportedType(n + 1, name, "vfio-pci", null));
            }
        }
        String numa = sysfs.read(pf.resolve("numa_node"), false);
        Long numaNode = numa == null || numa.equals("-1") ? null : sysfs.count(pf.resolve("numa_node"), numa);
        return new ParentDevice(pf.getFileName().toString(), driver, null, numaNode, sysfs.group(pf), null, types, null, vfs);
    }

    /** The VF's type: its type file unless it reads as unset, or the pack's bound type when bound to the pack's driver. */
    private String typeOf(Path vf, VfLayout layout) {
        if (layout.currentType() != null) {
            Path file = vf.resolve(layout.currentType());
            if (!Files.isRegularFile(file)) {
                sysfs.problem(file, "missing: pack " + layout.pack() + " says the driver shows a VF's type here (is the driver loaded, SR-IOV enabled?)");
                return null;
            }
            String t = sysfs.read(file, true);
            return t == null || t.isBlank() || t.trim().equals(layout.unset()) ? null : t.trim();
        }
        if (layout.boundDriver() != null && layout.boundDriver().equals(sysfs.linkName(vf.resolve("driver")))) return layout.boundType();
        return null;
    }

    private List<Path> virtfns(Path pf) {
        List<Path> out = new ArrayList<>();
        for (Path p : sysfs.list(pf)) if (VIRTFN.matcher(p.getFileName().toString()).matches()) out.add(p);
        out.sort(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring("virtfn".length()))));
        return out;
    }

    private static boolean hasGroup(Pattern p, String name) { return p.pattern().contains("(?<" + name + ">"); }
}
