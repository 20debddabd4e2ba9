package io.devplace.importers;

import io.devplace.cli.ImportOutput;
import io.devplace.fuzz.Fuzz;
import io.devplace.fuzz.Hardening;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzing the importers (docs/reference/import.md): mdevctl JSON (types and list dumps), libvirt XML (node devices and domains) and
 * sysfs trees, from mutated fixtures and arbitrary input. An import may only succeed or reject its input
 * ({@link io.devplace.model.InvalidInputException}); when it succeeds, the Fleet it would print reads back.
 */
class ImporterFuzzProperties {
    static Path scratch;

    @BeforeContainer
    static void scratch() throws IOException {
        // thousands of small files are written and deleted: in memory when the machine has a tmpfs for it
        Path shm = Path.of("/dev/shm");
        scratch = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "devplace-fuzz-importers")
                : Files.createTempDirectory("devplace-fuzz-importers");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        delete(scratch);
        Fuzz.report("ImporterFuzzProperties");
    }

    static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(root)) { // walk does not follow links
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A fixture: its name, its path (for the other files of an import), its bytes. */
    record Sample(String name, String file, byte[] bytes) {
        @Override
        public String toString() { return name; }
    }

    static List<Sample> samples(String dir, String ext) {
        try (Stream<Path> s = Files.walk(Fixtures.path(dir))) {
            List<Sample> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(ext)).sorted().toList())
                out.add(new Sample(p.getFileName().toString(), p.toString(), Files.readAllBytes(p)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<Sample> TYPES = samples("mdevctl", ".json").stream().filter(s -> s.name().startsWith("types")).toList();
    static final List<Sample> LISTS = samples("mdevctl", ".json").stream().filter(s -> s.name().startsWith("list")).toList();
    static final List<Sample> XML = samples("libvirt", ".xml");

    static Arbitrary<Tuple2<String, byte[]>> inputs(List<Sample> samples, String header, List<String> words) {
        Arbitrary<Tuple2<String, byte[]>> mutated = Arbitraries.of(samples)
                .flatMap(d -> Fuzz.mutations().map(ms -> Tuple.of(d.name(), Fuzz.mutate(d.bytes(), ms))));
        Arbitrary<Tuple2<String, byte[]>> bytes = Fuzz.anyBytes().map(b -> Tuple.of("random", b));
        Arbitrary<Tuple2<String, byte[]>> soup = Fuzz.tokenSoup(header, words).map(b -> Tuple.of("soup", b));
        return Arbitraries.frequencyOf(Tuple.of(12, mutated), Tuple.of(1, bytes), Tuple.of(3, soup));
    }

    static final List<String> JSON_WORDS = List.of("[{\"0000:3d:00.0\": [", "{\"nvidia-713\": {", "\"available_instances\": 4",
            "\"device_api\": \"vfio-pci\"", "\"name\": \"x\"", "\"description\": \"d\"", "{\"3f443a71-7129-44d9-9e91-6d0617823c48\": {",
            "\"mdev_type\": \"nvidia-713\"", "\"start\": \"manual\"", "\"attrs\": [{\"a\": \"1\"}]", "]}]", "}}", "}", "]", ", ");
    static final List<String> XML_WORDS = List.of("<device>", "</device>", "<domain type='kvm'>", "</domain>", "<name>pci_0000_3d_00_0</name>",
            "<name>vm</name>", "<parent>pci_0000_3d_00_0</parent>", "<capability type='pci'>", "<capability type='mdev'>",
            "</capability>", "<type id='nvidia-713'/>", "<uuid>3f443a71-7129-44d9-9e91-6d0617823c48</uuid>", "<attr name='a' value='1'/>",
            "<iommuGroup number='12'/>", "<vcpu>4</vcpu>", "<memory unit='KiB'>1048576</memory>", "<devices>", "</devices>",
            "<source>", "</source>", "<address uuid='3f443a71-7129-44d9-9e91-6d0617823c48'/>", "</hostdev>", "<numa node='1'/>");

    @Provide Arbitrary<Tuple2<String, byte[]>> types() { return inputs(TYPES, "", JSON_WORDS); }

    @Provide Arbitrary<Tuple2<String, byte[]>> lists() { return inputs(LISTS, "", JSON_WORDS); }

    @Provide Arbitrary<Tuple2<String, byte[]>> xml() { return inputs(XML, "", XML_WORDS); }

    static String write(String name, byte[] bytes) {
        try {
            Path p = Files.createTempFile(scratch, "in-", "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.write(p, bytes);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void forEachInput(Tuple2<String, byte[]> in, java.util.function.BiConsumer<String, byte[]> check) {
        check.accept(in.get1(), in.get2());
        for (int i = 1; i < Fuzz.REPEAT; i++) check.accept(in.get1(), Fuzz.remutate(in.get2(), java.util.Arrays.hashCode(in.get2()) * 31L + i));
    }

    static final HostFacts HOST = new HostFacts("h", 8, 16384);

    @Property(tries = 300)
    void mdevctlTypesOnlyEverImportOrRejectTheInput(@ForAll("types") Tuple2<String, byte[]> in) {
        forEachInput(in, (name, bytes) -> Fuzz.expectCleanFailureOrSuccess("mdevctl-types", "json", bytes, () -> {
            String f = write(name, bytes);
            try {
                ImportOutput.readsBack(MdevctlImporter.importFiles(HOST, f, List.of()).fleet());
            } finally {
                Files.deleteIfExists(Path.of(f));
            }
        }));
    }

    @Property(tries = 200)
    void mdevctlListsOnlyEverImportOrRejectTheInput(@ForAll("lists") Tuple2<String, byte[]> in) {
        String types = Fixtures.file("mdevctl/types.json");
        forEachInput(in, (name, bytes) -> Fuzz.expectCleanFailureOrSuccess("mdevctl-list", "json", bytes, () -> {
            String f = write(name, bytes);
            try {
                ImportOutput.readsBack(MdevctlImporter.importFiles(HOST, types, List.of(f)).fleet());
            } finally {
                Files.deleteIfExists(Path.of(f));
            }
        }));
    }

    /** A mutated file alone, or in place of its original among all the other libvirt fixtures (so that merging runs too). */
    @Property(tries = 250)
    void libvirtXmlOnlyEverImportsOrRejectsTheInput(@ForAll("xml") Tuple2<String, byte[]> in, @ForAll boolean withOthers) {
        forEachInput(in, (name, bytes) -> Fuzz.expectCleanFailureOrSuccess("libvirt", "xml", bytes, () -> {
            String f = write(name, bytes);
            try {
                List<String> files = new ArrayList<>();
                if (withOthers) for (Sample s : XML) if (!s.name().equals(name)) files.add(s.file());
                files.add(f);
                ImportOutput.readsBack(LibvirtImporter.importFiles(HOST, files).fleet());
            } finally {
                Files.deleteIfExists(Path.of(f));
            }
        }));
    }

    // ---------------------------------------------------------------- sysfs

    enum TreeOp { WRITE, WRITE_HUGE, DELETE, LINK, DIR, DIR_FOR_FILE, FILE_FOR_DIR }

    record Change(TreeOp op, int pick, int what, byte[] content) {
        @Override
        public String toString() { return op + "#" + pick + "/" + what + (content == null ? "" : " '" + new String(content, StandardCharsets.UTF_8) + "'"); }
    }

    static final List<String> NAMES = List.of("driver", "iommu_group", "mdev_type", "mdev_supported_types", "available_instances",
            "device_api", "name", "description", "numa_node", "3f443a71-7129-44d9-9e91-6d0617823c48", "00000000-0000-0000-0000-000000000000",
            "nvidia-713", "x", "mdev_bus", "devices", "..", ".");
    static final List<String> TARGETS = List.of(".", "..", "../..", "/", "/nonexistent", "loop", "../mdev_supported_types/nvidia-713",
            "../../../../../../kernel/iommu_groups/abc", "../../../../../../kernel/iommu_groups/-1", "../../../../../../bus/pci/drivers/",
            "mdev_type", "../../devices/virtual/mtty/mtty", "x/y/z", "");
    static final List<String> CONTENTS = List.of("", "\n", "-1\n", "4\n", "18446744073709551616\n", "abc", "vfio-pci\n", " 7 \n",
            "\u0000", "9223372036854775807", "NVIDIA A16-4Q\n", "\uFFFD\u00e9\n", "3\n4\n");

    static Arbitrary<Change> change() {
        Arbitrary<byte[]> content = Arbitraries.oneOf(Arbitraries.of(CONTENTS).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
        return Combinators.combine(Arbitraries.of(TreeOp.class), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 1000), content).as(Change::new);
    }

    @Provide Arbitrary<List<Change>> trees() { return change().list().ofMinSize(1).ofMaxSize(8); }

    static Path base;

    static synchronized Path base() throws IOException {
        if (base == null) base = SysfsTree.materialize(Files.createDirectories(scratch.resolve("base")));
        return base;
    }

    @Property(tries = 50)
    void sysfsTreesOnlyEverImportOrAreRejected(@ForAll("trees") List<Change> changes) throws IOException {
        Path root = Files.createTempDirectory(scratch, "root-");
        try {
            copy(base(), root);
            List<Change> all = new ArrayList<>(changes);
            for (int i = 1; i < Fuzz.REPEAT; i++) { // further changes to the same tree
                java.util.Random r = new java.util.Random(changes.hashCode() * 31L + i);
                all.add(new Change(TreeOp.values()[r.nextInt(TreeOp.values().length)], r.nextInt(10_000), r.nextInt(1000),
                        CONTENTS.get(r.nextInt(CONTENTS.size())).getBytes(StandardCharsets.UTF_8)));
            }
            for (Change c : all) {
                apply(root, c);
                byte[] description = describe(root, all).getBytes(StandardCharsets.UTF_8);
                Fuzz.expectCleanFailureOrSuccess("sysfs", "txt", description,
                        () -> ImportOutput.readsBack(SysfsImporter.importTree(HOST, root).fleet()));
                if (Fuzz.REPEAT == 1) break; // one tree per try unless asked for more
            }
        } finally {
            delete(root);
        }
    }

    static String describe(Path root, List<Change> changes) { return "# sysfs tree under " + root + " after " + changes + "\n"; }

    static void apply(Path root, Change c) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.walk(root.resolve("sys"))) {
            entries = s.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return; // the tree is already too odd to list: leave it as it is
        }
        if (entries.isEmpty()) return;
        Path at = entries.get(c.pick() % entries.size());
        Path dir = Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS) ? at : at.getParent();
        String name = NAMES.get(c.what() % NAMES.size());
        try {
            switch (c.op()) {
                case WRITE -> { if (Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)) Files.write(at, c.content()); }
                case WRITE_HUGE -> { if (Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)) Files.write(at, new byte[70_000 + c.what()]); }
                case DELETE -> delete(at);
                case LINK -> {
                    Path link = dir.resolve(name.equals("..") || name.equals(".") ? "l" + c.what() : name);
                    delete(link);
                    String target = TARGETS.get(c.pick() % TARGETS.size());
                    Files.createSymbolicLink(link, Path.of(target.equals("loop") ? link.getFileName().toString() : target.isEmpty() ? "." : target));
                }
                case DIR -> { if (!name.equals("..") && !name.equals(".")) Files.createDirectories(dir.resolve(name)); }
                case DIR_FOR_FILE -> { if (Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)) { Files.delete(at); Files.createDirectory(at); } }
                case FILE_FOR_DIR -> { if (!at.equals(root.resolve("sys"))) { delete(at); Files.write(at, c.content()); } }
            }
        } catch (IOException e) {
            // a change the file system refuses (a name clash): the tree stays as it was
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Path t = to.resolve(from.relativize(f).toString());
                if (a.isSymbolicLink()) Files.createSymbolicLink(t, Files.readSymbolicLink(f));
                else Files.copy(f, t);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
