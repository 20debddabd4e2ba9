package io.devplace.importers;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a one-host Fleet from {@code mdevctl types --dumpjson} and, optionally, {@code mdevctl list [--defined]
 * --dumpjson}. mdevctl does not report the parent driver, so it is the type-id prefix; nor the board
 * model, which stays unset. Several list files (active and defined) may be given: they combine like any sources.
 */
public final class MdevctlImporter {
    private static final String TYPES = "mdevctl types --dumpjson";
    private static final String LIST = "mdevctl list --dumpjson";

    private MdevctlImporter() {}

    public static Imported importFiles(HostFacts host, String typesFile, List<String> listFiles) {
        List<Fragment> fragments = new ArrayList<>();
        List<String> emptyParents = new ArrayList<>();
        fragments.add(new Fragment(typesFile, types(host, typesFile, emptyParents)));
        List<String> notes = new ArrayList<>();
        List<List<Listed>> lists = new ArrayList<>();
        for (String f : listFiles) lists.add(entries(f));
        List<List<Listed>> live = LiveParents.resolve(lists, notes);
        for (int i = 0; i < listFiles.size(); i++) fragments.add(new Fragment(listFiles.get(i), fleet(host.name(), live.get(i))));
        Fleet fleet = FleetMerger.merge(fragments);
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(warnings(fleet, emptyParents, typesFile));
        return new Imported(fleet, warnings);
    }

    /** The types dump: one parent per key, with its types; a parent listing no types says nothing and is left out. */
    static Fleet types(HostFacts host, String file, List<String> emptyParents) {
        Locations loc = new Locations(file);
        JsonNode root = Documents.tree(file, Documents.readBytes(file), loc);
        List<InputProblem> problems = new ArrayList<>();
        List<ParentDevice> parents = new ArrayList<>();
        MdevctlJson.read(root, TYPES, loc, problems).forEach((parent, listed) -> {
            List<MdevctlJson.Item> items = listed.items();
            if (items.isEmpty()) {
                emptyParents.add(parent);
                return;
            }
            Map<String, SupportedType> types = new LinkedHashMap<>();
            for (MdevctlJson.Item item : items) {
                if (types.containsKey(item.key())) problems.add(loc.problem(item.path(), "type " + item.key() + " is listed twice for parent " + parent));
                types.put(item.key(), supportedType(item, loc, problems));
            }
            String driver = driverOf(parent, types.keySet(), loc, listed.path(), problems);
            parents.add(new ParentDevice(parent, driver, null, null, null, null, types, null));
        });
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Host h = new Host(host.name(), host.cpus(), host.memoryMiB(), null, null, null, null, parents);
        return new Fleet(Documents.API_VERSION, "Fleet", List.of(h), List.of());
    }

    private static SupportedType supportedType(MdevctlJson.Item item, Locations loc, List<InputProblem> problems) {
        Long available = null;
        JsonNode a = item.body().get("available_instances");
        if (a == null) problems.add(loc.problem(item.path(), "type " + item.key() + " has no available_instances"));
        else if (!a.isIntegralNumber() || !a.canConvertToLong() || a.asLong() < 0)
            problems.add(loc.problem(Paths.child(item.path(), "available_instances"), "expected available_instances to be a count >= 0 but got " + Documents.describe(a)));
        else available = a.asLong();
        String deviceApi = MdevctlJson.text(item, "device_api", true, loc, problems);
        String name = MdevctlJson.text(item, "name", false, loc, problems);
        String description = MdevctlJson.text(item, "description", false, loc, problems);
        return new SupportedType(available, name, deviceApi, description);
    }

    /** One mdev as a list dump gives it: under which parent, in which file, where. */
    record Listed(String file, String parent, Mdev mdev, String path) {}

    /**
     * A list dump's mdevs, under their parents. mdevctl may define one UUID under several parents (only one can be
     * active); that is resolved across the files given by {@link LiveParents}. Listed twice under one parent is an error.
     */
    static List<Listed> entries(String file) {
        Locations loc = new Locations(file);
        JsonNode root = Documents.tree(file, Documents.readBytes(file), loc);
        List<InputProblem> problems = new ArrayList<>();
        List<Listed> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        MdevctlJson.read(root, LIST, loc, problems).forEach((parent, listed) -> {
            for (MdevctlJson.Item item : listed.items()) {
                Mdev m = mdev(item, loc, problems);
                if (m == null) continue;
                if (seen.put(m.uuid() + "@" + parent, parent) != null) {
                    problems.add(loc.problem(item.path(), "mdev " + m.uuid() + " is listed twice under parent " + parent));
                    continue;
                }
                out.add(new Listed(file, parent, m, item.path()));
            }
        });
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return out;
    }

    /** A one-host fleet of the listed mdevs, each parent's driver the common type-id prefix. */
    private static Fleet fleet(String hostName, List<Listed> listed) {
        Map<String, List<Mdev>> byParent = new LinkedHashMap<>();
        for (Listed l : listed) byParent.computeIfAbsent(l.parent(), k -> new ArrayList<>()).add(l.mdev());
        List<InputProblem> problems = new ArrayList<>();
        List<ParentDevice> parents = new ArrayList<>();
        byParent.forEach((parent, mdevs) -> {
            String file = listed.get(0).file();
            String driver = driverOf(parent, mdevs.stream().map(Mdev::type).toList(), new Locations(file), Paths.child("", parent), problems);
            parents.add(new ParentDevice(parent, driver, null, null, null, null, null, mdevs));
        });
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Host h = new Host(hostName, 0, 0, null, null, null, null, parents);
        return new Fleet(Documents.API_VERSION, "Fleet", List.of(h), List.of());
    }

    private static Mdev mdev(MdevctlJson.Item item, Locations loc, List<InputProblem> problems) {
        int before = problems.size();
        if (!Uuids.isUuid(item.key()))
            problems.add(loc.problem(item.path(), "expected an mdev UUID as the key but got '" + item.key() + "'"
                    + (item.body().has("available_instances") ? " (this looks like `" + TYPES + "` output, not `" + LIST + "`)" : "")));
        String type = MdevctlJson.text(item, "mdev_type", true, loc, problems);
        String start = MdevctlJson.text(item, "start", false, loc, problems);
        if (start != null && !start.equals("auto") && !start.equals("manual"))
            problems.add(loc.problem(Paths.child(item.path(), "start"), "expected start to be auto or manual but got '" + start + "'"));
        List<Map<String, String>> attrs = attrs(item, loc, problems);
        return problems.size() > before ? null : new Mdev(Uuids.normal(item.key()), type, attrs, null, null, start);
    }

    /** attrs: an ordered list of one-key mappings with string values, kept in order (they are written in order). */
    private static List<Map<String, String>> attrs(MdevctlJson.Item item, Locations loc, List<InputProblem> problems) {
        JsonNode a = item.body().get("attrs");
        List<Map<String, String>> out = new ArrayList<>();
        if (a == null || a.isNull()) return out;
        String ap = Paths.child(item.path(), "attrs");
        if (!a.isArray()) {
            problems.add(loc.problem(ap, "expected attrs to be a list of one-key mappings like [{\"assign_adapter\": \"5\"}] but got " + Documents.describe(a)));
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode one = a.get(i);
            String p = Paths.index(ap, i);
            if (!one.isObject() || one.size() != 1 || !one.fields().next().getValue().isTextual()) {
                problems.add(loc.problem(p, "expected a one-key mapping with a string value like {\"assign_adapter\": \"5\"} but got "
                        + (one.isObject() && one.size() == 1 ? "the value " + Documents.describe(one.fields().next().getValue()) : Documents.describe(one))));
                continue;
            }
            var e = one.fields().next();
            out.add(Map.of(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static String driverOf(String parent, Collection<String> typeIds, Locations loc, String path, List<InputProblem> problems) {
        try {
            return ParentDrivers.common(typeIds.stream().filter(Objects::nonNull).toList());
        } catch (IllegalArgumentException e) {
            problems.add(loc.problem(path, "cannot tell the driver of parent " + parent + ": " + e.getMessage()));
            return null;
        }
    }

    private static List<String> warnings(Fleet fleet, List<String> emptyParents, String typesFile) {
        List<String> out = new ArrayList<>();
        Host h = fleet.hosts().get(0);
        for (String p : emptyParents)
            if (h.parent(p) == null) out.add(typesFile + ": parent " + p + " lists no types and has no mdevs: left out");
        for (ParentDevice p : h.devices()) {
            if (p.supportedTypes().isEmpty()) {
                out.add("parent " + p.id() + " has mdevs but is not in " + typesFile + ": its supported types are unknown");
                continue;
            }
            for (Mdev m : p.mdevs())
                if (!p.supportedTypes().containsKey(m.type()))
                    out.add("mdev " + m.uuid() + " on parent " + p.id() + " has type " + m.type() + ", which the parent does not list in " + typesFile);
        }
        return out;
    }
}
