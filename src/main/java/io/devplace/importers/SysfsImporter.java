package io.devplace.importers;

import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a one-host Fleet from the kernel's mdev sysfs ABI under a root directory (docs/reference/import.md;
 * {@code Documentation/ABI/testing/sysfs-bus-vfio-mdev}): every link in {@code sys/class/mdev_bus} is a parent
 * named by its bus id; its {@code mdev_supported_types/<type>/} directories hold the types, and its
 * {@code <uuid>/} directories (with an {@code mdev_type} link) are the existing mdevs. Vendor attributes are
 * write-only in sysfs, so mdevs come with no attrs. The driver is the parent's {@code driver} link when there is one.
 */
public final class SysfsImporter {
    /** sysfs attributes are one page at most; anything larger is not a sysfs attribute. */
    private static final int MAX_ATTRIBUTE = 64 * 1024;

    private final List<InputProblem> problems = new ArrayList<>();

    private SysfsImporter() {}

    public static Imported importTree(HostFacts host, Path root) { return importTree(host, root, List.of()); }

    /** Also the VF-based parents of the PF drivers {@code vfLayouts} describe (from the VF rule packs). */
    public static Imported importTree(HostFacts host, Path root, List<VfLayout> vfLayouts) { return importTree(host, root, vfLayouts, List.of()); }

    /**
     * Also the resources the host offers on the parents of the drivers {@code offered} names (from the packs that
     * declare exclusive resources), as the parent attribute each names.
     */
    public static Imported importTree(HostFacts host, Path root, List<VfLayout> vfLayouts, List<OfferedLayout> offered) {
        if (!Files.isDirectory(root))
            throw new InvalidInputException(root.toString(), "", "expected the directory that holds sys/ but "
                    + (Files.exists(root) ? "it is not a directory" : "it does not exist"));
        Path bus = root.resolve("sys/class/mdev_bus");
        List<String> warnings = new ArrayList<>();
        List<ParentDevice> parents = new ArrayList<>();
        if (!Files.isDirectory(bus)) {
            warnings.add(bus + " does not exist: no mdev parent is registered (is the vendor driver loaded?)");
        } else {
            SysfsImporter s = new SysfsImporter();
            for (Path entry : s.list(bus)) {
                ParentDevice p = s.parent(entry);
                if (p != null) parents.add(p);
            }
            if (!s.problems.isEmpty()) throw new InvalidInputException(s.problems);
        }
        SysfsImporter vf = new SysfsImporter();
        parents.addAll(new SysfsVfImporter(vf).parents(root, vfLayouts, warnings));
        if (!vf.problems.isEmpty()) throw new InvalidInputException(vf.problems);
        SysfsImporter res = new SysfsImporter();
        parents = res.withOffered(root, parents, offered, warnings);
        if (!res.problems.isEmpty()) throw new InvalidInputException(res.problems);
        Host h = new Host(host.name(), host.cpus(), host.memoryMiB(), null, null, null, null, parents);
        return new Imported(new Fleet(Documents.API_VERSION, "Fleet", List.of(h), List.of()), warnings);
    }

    private ParentDevice parent(Path entry) {
        String id = entry.getFileName().toString();
        Path typesDir = entry.resolve("mdev_supported_types");
        if (!Files.isDirectory(typesDir)) {
            problem(typesDir, "missing: every registered mdev parent has mdev_supported_types");
            return null;
        }
        Map<String, SupportedType> types = new LinkedHashMap<>();
        for (Path t : list(typesDir)) if (Files.isDirectory(t)) types.put(t.getFileName().toString(), type(t));
        String driver = linkName(entry.resolve("driver"));
        if (driver == null) {
            try {
                driver = ParentDrivers.common(types.keySet());
                if (driver == null) problem(entry, "cannot tell the parent driver: no driver link and no mdev types");
            } catch (IllegalArgumentException e) {
                problem(typesDir, "cannot tell the parent driver: " + e.getMessage());
            }
        }
        String numa = read(entry.resolve("numa_node"), false);
        Long numaNode = numa == null || numa.equals("-1") ? null : count(entry.resolve("numa_node"), numa); // -1: no NUMA affinity
        Long iommu = group(entry);
        List<Mdev> mdevs = new ArrayList<>();
        for (Path d : list(entry)) {
            String name = d.getFileName().toString();
            if (!Uuids.isUuid(name) || !Files.isDirectory(d) || !Files.exists(d.resolve("mdev_type"), LinkOption.NOFOLLOW_LINKS)) continue;
            String type = linkName(d.resolve("mdev_type"));
            if (type == null) problem(d.resolve("mdev_type"), "expected a link to ../mdev_supported_types/<type>");
            else mdevs.add(new Mdev(Uuids.normal(name), type, null, group(d), null));
        }
        return new ParentDevice(id, driver, null, numaNode, iommu, null, types, mdevs);
    }

    /**
     * Each parent of a driver an {@link OfferedLayout} names, with that layout's attribute set to the matching entries of
     * its directory, by name, separated by spaces (the first layout of a driver wins, as the first matching pack does).
     * A missing directory offers nothing and is a warning.
     */
    private List<ParentDevice> withOffered(Path root, List<ParentDevice> parents, List<OfferedLayout> layouts, List<String> warnings) {
        if (layouts.isEmpty()) return parents;
        List<ParentDevice> out = new ArrayList<>();
        for (ParentDevice p : parents) {
            OfferedLayout l = layouts.stream().filter(x -> x.driver().equals(p.driver())).findFirst().orElse(null);
            if (l == null || p.vfBased()) { out.add(p); continue; }
            Path dir = root.resolve(l.dir().replaceFirst("^/+", ""));
            List<String> names = new ArrayList<>();
            if (!Files.isDirectory(dir)) warnings.add(dir + " does not exist: " + p.id() + " offers none of pack " + l.pack() + "'s resources");
            else {
                java.util.regex.Pattern keep = l.entries() == null ? null : java.util.regex.Pattern.compile(l.entries());
                for (Path e : list(dir)) {
                    String n = e.getFileName().toString();
                    if (keep == null || keep.matcher(n).matches()) names.add(n);
                }
            }
            Map<String, String> attrs = new LinkedHashMap<>(p.attributes());
            attrs.put(l.attribute(), String.join(" ", names));
            out.add(new ParentDevice(p.id(), p.driver(), p.model(), p.numaNode(), p.iommuGroup(), attrs, p.supportedTypes(), p.mdevs(), p.vfs()));
        }
        return out;
    }

    private SupportedType type(Path dir) {
        String available = read(dir.resolve("available_instances"), true);
        String deviceApi = read(dir.resolve("device_api"), true);
        return new SupportedType(available == null ? null : count(dir.resolve("available_instances"), available),
                read(dir.resolve("name"), false), deviceApi, read(dir.resolve("description"), false));
    }

    /** The IOMMU group number: the name of the group directory the {@code iommu_group} link points to. */
    Long group(Path device) {
        Path link = device.resolve("iommu_group");
        String g = linkName(link);
        return g == null ? null : count(link, g);
    }

    /** The last name of what a link points to (sysfs expresses driver, type and group as links), or null. */
    String linkName(Path link) {
        try {
            if (Files.isSymbolicLink(link)) return Files.readSymbolicLink(link).getFileName().toString();
            return Files.exists(link) ? link.toRealPath().getFileName().toString() : null;
        } catch (IOException e) {
            problem(link, "cannot read link: " + e.getMessage());
            return null;
        }
    }

    /** An attribute's text without the trailing newline the kernel adds; null when absent (a problem if required). */
    String read(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) problem(file, "missing: the kernel always provides it");
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_ATTRIBUTE + 1);
            if (b.length > MAX_ATTRIBUTE) {
                problem(file, "larger than a sysfs attribute can be");
                return null;
            }
            return new String(b, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            problem(file, "cannot read: " + e.getMessage());
            return null;
        }
    }

    Long count(Path file, String text) {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(file, "expected a count >= 0 but got '" + text + "'");
        return null;
    }

    /** Directory entries by name, so that the output does not depend on the file system's order. */
    List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            problem(dir, "cannot list: " + e.getMessage());
            return List.of();
        }
    }

    void problem(Path file, String message) { problems.add(new InputProblem(file.toString(), "", 0, 0, message)); }
}
