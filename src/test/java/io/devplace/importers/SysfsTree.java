package io.devplace.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the fake sysfs tree of src/test/resources/importers/sysfs in a directory, links included. The links are
 * listed in symlinks.txt rather than committed because Maven's resource copying follows links and loops on sysfs's
 * cycles; created here, the tree has the kernel's layout: mdev_bus entries are links into sys/devices, mdev_type
 * links point at ../mdev_supported_types/&lt;type&gt;, and so on.
 */
final class SysfsTree {
    private SysfsTree() {}

    static Path materialize(Path root) throws IOException {
        Path src = Fixtures.path("sysfs");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals("symlinks.txt")) continue;
                Path to = root.resolve(src.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        List<String> lines = Files.readAllLines(src.resolve("symlinks.txt"));
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (line.endsWith("/")) {
                Files.createDirectories(root.resolve(line));
                continue;
            }
            String[] parts = line.split(" -> ", 2);
            Path link = root.resolve(parts[0]);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(parts[1]));
        }
        return root;
    }
}
