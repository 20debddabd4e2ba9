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
 * --dumpjson} (SPEC §5). mdevctl does not report the parent driver, so it is the type-id prefix; nor the board
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
        for (String f : listFiles) fragments.add(new Fragment(f, list(host.name(), f)));
        Fleet fleet = FleetMerger.merge(fragments);
        return new Imported(fleet, warnings(fleet, emptyParents, typesFile));
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

    /** A list dump: the mdevs under each parent. mdevctl may define one UUID under several parents; a Fleet cannot. */
    static Fleet list(String hostName, String file) {
        Locations loc = new Locations(file);
        JsonNode root = Documents.tree(file, Documents.readBytes(file), loc);
        List<InputProblem> problems = new ArrayList<>();
        List<ParentDevice> parents = new ArrayList<>();
        Map<String, String> parentOf = new HashMap<>();
        MdevctlJson.read(root, LIST, loc, problems).forEach((parent, listed) -> {
            List<MdevctlJson.Item> items = listed.items();
            List<Mdev> mdevs = new ArrayList<>();
            for (MdevctlJson.Item item : items) {
                Mdev m = mdev(item, loc, problems);
                if (m == null) continue;
                String first = parentOf.putIfAbsent(m.uuid(), parent);
                if (first != null) {
                    problems.add(loc.problem(item.path(), "mdev " + m.uuid() + " is listed under parent " + first + " and again under " + parent
                            + (first.equals(parent) ? "" : " (mdevctl can define one UUID under several parents, only one of them active):"
                            + " import the active list (`mdevctl list --dumpjson`) or one parent (`-p`)")));
                    continue;
                }
                mdevs.add(m);
            }
            if (mdevs.isEmpty()) return;
            String driver = driverOf(parent, mdevs.stream().map(Mdev::type).toList(), loc, listed.path(), problems);
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
        return problems.size() > before ? null : new Mdev(Uuids.normal(item.key()), type, attrs, null, null);
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
