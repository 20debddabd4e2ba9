package io.devplace.rules;

import io.devplace.model.Documents;
import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;
import io.devplace.model.ParentDevice;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rule packs in force, in precedence order (docs/reference/rulepack.md): packs from {@code --rules} folders first, each folder in
 * file-name order, then the bundled ones; a user pack with a bundled pack's name replaces it. The first pack of the
 * parent's kind (mdev or VF-based) whose {@code match} keys all equal the parent's governs it.
 */
public final class RuleBook {
    private final List<LoadedPack> packs;
    private final Matcher matcher = new Matcher();

    public RuleBook(List<LoadedPack> packs) { this.packs = List.copyOf(packs); }

    public List<LoadedPack> packs() { return packs; }

    public Matcher matcher() { return matcher; }

    public static RuleBook load(List<Path> userDirs, boolean bundled) {
        List<LoadedPack> user = new ArrayList<>();
        for (Path d : userDirs) user.addAll(loadDir(d));
        Map<String, LoadedPack> byName = new LinkedHashMap<>();
        for (LoadedPack p : user) {
            LoadedPack prev = byName.putIfAbsent(p.name(), p);
            if (prev != null)
                throw new InvalidInputException(p.file(), "name", "duplicate rule pack name '" + p.name() + "' (also in " + prev.file() + ")");
        }
        List<LoadedPack> all = new ArrayList<>(user);
        if (bundled) for (LoadedPack p : bundled()) if (!byName.containsKey(p.name())) all.add(p);
        return new RuleBook(all);
    }

    public static RuleBook bundledOnly() { return load(List.of(), true); }

    private static List<LoadedPack> loadDir(Path dir) {
        if (!Files.isDirectory(dir)) throw new InvalidInputException(dir.toString(), "", "expected a folder of rule packs");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|json)")).sorted().toList();
            List<LoadedPack> out = new ArrayList<>();
            for (Path f : files) out.add(parse(f.toString(), Documents.readBytes(f.toString())));
            return out;
        } catch (IOException e) {
            throw new InvalidInputException(dir.toString(), "", "cannot list folder: " + e.getMessage());
        }
    }

    private static volatile List<LoadedPack> bundledCache;

    /** The packs shipped in the jar under {@code bundled-rules/} (copied there from the repository's {@code rules/}). */
    public static List<LoadedPack> bundled() {
        if (bundledCache != null) return bundledCache;
        java.net.URL url = RuleBook.class.getResource("/bundled-rules");
        if (url == null) throw new IllegalStateException("bundled rule packs are missing from the build: no /bundled-rules on the class path");
        try {
            URI uri = url.toURI();
            List<LoadedPack> out = new ArrayList<>();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                out = readAll(fs.getPath("/bundled-rules"));
            } else {
                out = readAll(Path.of(uri));
            }
            bundledCache = List.copyOf(out);
            return bundledCache;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("bundled rule packs cannot be read from the build: " + e, e);
        }
    }

    private static List<LoadedPack> readAll(Path dir) throws IOException {
        List<LoadedPack> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(parse("rules/" + f.getFileName(), in.readAllBytes()));
                }
            }
        }
        return out;
    }

    /** Parses and checks one pack; every problem is an {@link InvalidInputException} naming file and path. */
    public static LoadedPack parse(String file, byte[] bytes) {
        Documents.Parsed<RulePack> d = Documents.parse(file, bytes, "RulePack", RulePack.class);
        RulePack p = d.value();
        var loc = d.locations();
        List<InputProblem> problems = new ArrayList<>();
        if (p.name() == null || p.name().isBlank()) problems.add(loc.problem("name", "expected a pack name"));
        if (p.match().isEmpty()) problems.add(loc.problem("match", "expected at least one key, e.g. {driver: nvidia}"));
        p.requires().forEach((ref, constraint) -> {
            String malformed = Versions.constraintProblem(constraint);
            if (malformed != null) problems.add(loc.problem(Locations.child("requires", ref), "pack " + p.name() + ": " + malformed));
        });
        if (!p.identifyTypesBy().equals("id") && !p.identifyTypesBy().equals("name"))
            problems.add(loc.problem("identifyTypesBy", "expected 'id' or 'name' but got '" + p.identifyTypesBy() + "'"));
        if (p.identifiesTypesByName()) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (var te : p.types().entrySet()) {
                if (te.getValue() == null) continue;
                String tp = Locations.child("types", te.getKey()) + ".name";
                if (te.getValue().name() == null || te.getValue().name().isBlank())
                    problems.add(loc.problem(tp, "expected the name the driver reports (identifyTypesBy: name)"));
                else if (!names.add(te.getValue().name()))
                    problems.add(loc.problem(tp, "name '" + te.getValue().name() + "' is given to two types (identifyTypesBy: name)"));
            }
        }
        var cap = p.capacity();
        if (!cap.exclusive().equals("type") && !cap.exclusive().equals("none"))
            problems.add(loc.problem("capacity.exclusive", "expected 'type' or 'none' but got '" + cap.exclusive() + "'"));
        if (cap.slots() < 0) problems.add(loc.problem("capacity.slots", "expected a count >= 0"));
        else if (cap.slots() > CapacitySpec.MAX_SLOTS)
            problems.add(loc.problem("capacity.slots", "expected at most " + CapacitySpec.MAX_SLOTS + " slots but got " + cap.slots()));
        if (cap.maxInstances() != null && cap.maxInstances() < 0) problems.add(loc.problem("capacity.maxInstances", "expected a count >= 0"));
        cap.counters().forEach((k, v) -> { if (v == null || v < 0) problems.add(loc.problem(Locations.child("capacity.counters", k), "expected a count >= 0")); });
        if (cap.resources() != null) checkResources(p, cap.resources(), loc, problems);
        for (var te : p.types().entrySet()) {
            String tp = Locations.child("types", te.getKey());
            TypeSpec t = te.getValue();
            if (t == null) { problems.add(loc.problem(tp, "expected a type mapping")); continue; }
            if (t.deviceApi() == null) problems.add(loc.problem(tp + ".deviceApi", "expected deviceApi (vfio-pci, vfio-ccw, vfio-ap, ...)"));
            for (var c : t.consumes().entrySet()) {
                String cp = Locations.child(tp + ".consumes", c.getKey());
                if (!cap.counters().containsKey(c.getKey()))
                    problems.add(loc.problem(cp, "counter '" + c.getKey() + "' is not declared in capacity.counters"));
                if (c.getValue() == null || c.getValue() < 0) problems.add(loc.problem(cp, "expected a count >= 0"));
            }
            if (t.maxInstances() != null && t.maxInstances() < 0) problems.add(loc.problem(tp + ".maxInstances", "expected a count >= 0"));
            if (t.stateMiB() < 0) problems.add(loc.problem(tp + ".stateMiB", "expected a count >= 0"));
            if (cap.slots() > 0 && (t.size() <= 0 || cap.slots() % t.size() != 0))
                problems.add(loc.problem(tp + ".size", "size " + t.size() + " must divide capacity.slots " + cap.slots()));
            if (t.placements() != null) checkPlacements(p.name(), tp + ".placements", t, cap.slots(), loc, problems);
            if (t.aggregation() != null) {
                Aggregation a = t.aggregation();
                if (a.max() == null) problems.add(loc.problem(tp + ".aggregation.max", "expected max (required)"));
                else if (a.max() < a.minValue() || a.minValue() < 1)
                    problems.add(loc.problem(tp + ".aggregation", "expected 1 <= min <= max"));
            }
        }
        VfPackChecks.check(p, loc, problems);
        DescriptorTemplate mig = null;
        if (p.migration() != null && p.migration().parallelPerParent() < 0)
            problems.add(loc.problem("migration.maxParallelPerParent", "expected a count >= 0 (0 = no limit)"));
        if (!p.liveMigratable() && (p.migration().why() == null || p.migration().why().isBlank()))
            problems.add(loc.problem("migration.why", "expected the reason (and its source) why these devices cannot be live-migrated"));
        if (p.migration() != null && p.migration().descriptor() != null) {
            try {
                mig = DescriptorTemplate.compile(p.migration().descriptor(), "pack " + p.name(), p.name(), "migration");
            } catch (TemplateException e) {
                String msg = e.getMessage();
                int c = msg.indexOf(": ");
                problems.add(loc.problem(c > 0 ? msg.substring(0, c) : "migration", c > 0 ? msg.substring(c + 2) : msg));
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return new LoadedPack(p, file, mig);
    }

    /** {@code capacity.resources}: named attrs, each once and none an aggregation attr; a known value reading; a readable offer. */
    private static void checkResources(RulePack p, ResourceSpec rs, Locations loc, List<InputProblem> problems) {
        String at = "capacity.resources";
        if (rs.product().isEmpty()) problems.add(loc.problem(at + ".product", "expected the attrs whose values' cross product are the resources (at least one)"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < rs.product().size(); i++) {
            String a = rs.product().get(i);
            if (a == null || a.isBlank()) problems.add(loc.problem(at + ".product[" + i + "]", "expected an attr name"));
            else if (!seen.add(a)) problems.add(loc.problem(at + ".product[" + i + "]", "attr '" + a + "' is listed twice"));
            else if (p.aggregationAttrs().contains(a))
                problems.add(loc.problem(at + ".product[" + i + "]", "attr '" + a + "' is an aggregation attr of this pack"));
        }
        if (!ResourceSpec.TEXT.equals(rs.values()) && !ResourceSpec.INTEGER.equals(rs.values()))
            problems.add(loc.problem(at + ".values", "expected 'text' or 'integer' but got '" + rs.values() + "'"));
        if (rs.offered() != null) {
            if (rs.offered().attribute() == null || rs.offered().attribute().isBlank())
                problems.add(loc.problem(at + ".offered.attribute", "expected the parent attribute that lists the resources a parent offers"));
            Integer r = rs.offered().radix();
            if (r != null && (r < 2 || r > 16)) problems.add(loc.problem(at + ".offered.radix", "expected a base from 2 to 16 but got " + r));
            if (r != null && !ResourceSpec.INTEGER.equals(rs.values()))
                problems.add(loc.problem(at + ".offered.radix", "a radix needs values: integer"));
            if (rs.offered().sysfs() != null && !rs.offered().sysfs().startsWith("/"))
                problems.add(loc.problem(at + ".offered.sysfs", "expected an absolute path (e.g. /sys/bus/ap/drivers/vfio_ap) but got '" + rs.offered().sysfs() + "'"));
            if (rs.offered().entries() != null) {
                try {
                    java.util.regex.Pattern.compile(rs.offered().entries());
                } catch (java.util.regex.PatternSyntaxException e) {
                    problems.add(loc.problem(at + ".offered.entries", "not a regular expression: " + e.getDescription()));
                }
            }
        }
    }

    /** A type's allowed start slots: on a slot pack only, each a free-standing run of its size within the slots, once. */
    private static void checkPlacements(String pack, String path, TypeSpec t, long slots, Locations loc, List<InputProblem> problems) {
        if (slots <= 0) {
            problems.add(loc.problem(path, "pack " + pack + ": placements need capacity.slots (this pack has no slots)"));
            return;
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < t.placements().size(); i++) {
            Long o = t.placements().get(i);
            String at = path + "[" + i + "]";
            if (o == null || o < 0) problems.add(loc.problem(at, "pack " + pack + ": expected a slot offset >= 0 but got " + o));
            else if (t.size() > 0 && o > slots - t.size()) // not o + size > slots: that overflows near 2^63
                problems.add(loc.problem(at, "pack " + pack + ": offset " + o + " + size " + t.size() + " exceeds capacity.slots " + slots));
            else if (!seen.add(o)) problems.add(loc.problem(at, "pack " + pack + ": offset " + o + " is listed twice"));
        }
    }

    /**
     * The pack governing {@code parent}, or null (docs/reference/rulepack.md fallback): the first matching pack of the
     * parent's kind ({@link VfPackChecks#kindFits}). A pack of the other kind never governs it, even when it matches.
     */
    public LoadedPack packFor(ParentDevice parent) {
        for (LoadedPack lp : packs) if (matches(lp.pack().match(), parent) && VfPackChecks.kindFits(lp.pack(), parent)) return lp;
        return null;
    }

    /**
     * The first pack that matches {@code parent} but governs the other kind of parent, when no pack of its own kind
     * matches it (so that {@code validate} can say why the parent falls back to no pack); null otherwise.
     */
    public LoadedPack otherKindMatch(ParentDevice parent) {
        LoadedPack other = null;
        for (LoadedPack lp : packs) {
            if (!matches(lp.pack().match(), parent)) continue;
            if (VfPackChecks.kindFits(lp.pack(), parent)) return null;
            if (other == null) other = lp;
        }
        return other;
    }

    public GovernedParent govern(Host host, ParentDevice parent) {
        return new GovernedParent(host, parent, packFor(parent), matcher);
    }

    private static boolean matches(Map<String, String> match, ParentDevice p) {
        for (var e : match.entrySet()) {
            String k = e.getKey();
            String have = switch (k) {
                case "driver" -> p.driver();
                case "model" -> p.model();
                case "id" -> p.id();
                default -> k.startsWith("attributes.") ? p.attributes().get(k.substring("attributes.".length())) : null;
            };
            if (have == null || !have.equals(e.getValue())) return false;
        }
        return true;
    }
}
